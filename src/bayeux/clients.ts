import type { SimEvents } from '../events';

/** What ties a Bayeux session to the connection that opened it. */
export interface ConnectionProof {
  /** The websocket upgrade request the handshake came on (faye hands it to every message of that socket). */
  websocket?: object;
  /** The BAYEUX_BROWSER cookie the handshake came with. */
  browserId?: string;
  /** The simulator cut the websocket (a fault): the client's next websocket may take the session over, once. */
  rebind?: boolean;
  /** A long-polling handshake that came without a browser cookie: the next request tells whether the client keeps the one it was given. */
  cookieGiven?: boolean;
  /** The client keeps no cookie: the clientId is the session key, as on a CometD server. */
  keyed?: boolean;
}

export interface CometdClientInfo {
  clientId: string;
  userId: string;
  userName: string;
  /** When it handshook, epoch ms. */
  since: number;
  /** The GWS channels it is subscribed to. */
  subscriptions: string[];
  /** How its last /meta/connect came; undefined before the first. */
  transport?: Transport;
}

export type Transport = 'websocket' | 'long-polling';

interface Client {
  userId: string;
  userName: string;
  since: number;
  subscriptions: Set<string>;
  /** The connection that handshook (src/bayeux/binding.ts). */
  proof: ConnectionProof;
  transport?: Transport;
}

/**
 * A change of the registry, as data: a cluster's nodes hand each one made on one of them to the
 * others (src/cluster), so that any node delivers to any agent's clients.
 */
export type ClientChange =
  | { op: 'bind'; clientId: string; userId: string; userName: string; since: number; proof: SharedProof }
  | { op: 'unbind'; clientId: string }
  | { op: 'subscribed' | 'unsubscribed'; clientId: string; channel: string }
  | { op: 'transport'; clientId: string; transport: Transport }
  | { op: 'proof'; clientId: string; proof: SharedProof };

/** A proof as another node knows it: a websocket is open on the node that has it, never here. */
type SharedProof = Omit<ConnectionProof, 'websocket'> & { websocket?: 'elsewhere' };

/**
 * Stands for a websocket open on another node of a cluster: no request here is it, and it counts
 * as open, so that its session is served here only with the browser cookie or the agent's
 * credentials (else its client handshakes again here: src/bayeux/binding.ts).
 */
const ELSEWHERE = Object.freeze({ socket: Object.freeze({ destroyed: false }) });

/** Which agent each Bayeux client (clientId) handshook as, and what it subscribed to. */
export class ClientRegistry {
  private readonly clients = new Map<string, Client>();
  /** userId -> its clients. */
  private readonly byUser = new Map<string, Set<string>>();
  /** userId -> its clients with at least one subscription, each with its GWS channels. */
  private readonly subscribers = new Map<string, Map<string, ReadonlySet<string>>>();

  /**
   * `events` is told of every client that comes, subscribes and goes here (the dashboard);
   * `share` of every change made here (a cluster's other nodes).
   */
  constructor(
    private readonly events?: Pick<SimEvents, 'client'>,
    private readonly share: (change: ClientChange) => void = () => {},
  ) {}

  bind(clientId: string, userId: string, userName: string, proof: ConnectionProof = {}): void {
    this.changeHere({ op: 'bind', clientId, userId, userName, since: Date.now(), proof: sharedProof(proof) }, proof);
  }

  unbind(clientId: string): void {
    this.changeHere({ op: 'unbind', clientId });
  }

  subscribed(clientId: string, channel: string): void {
    this.changeHere({ op: 'subscribed', clientId, channel });
  }

  unsubscribed(clientId: string, channel: string): void {
    this.changeHere({ op: 'unsubscribed', clientId, channel });
  }

  /** Notes how the client's /meta/connect came (a CometD client may start on one transport and move to another). */
  connectedOver(clientId: string, transport: Transport): void {
    if (this.clients.get(clientId)?.transport !== transport) this.changeHere({ op: 'transport', clientId, transport });
  }

  /** Every client as the changes that would make it: a cluster's snapshot (applyShared them to restore it). */
  saved(): ClientChange[] {
    return [...this.clients].flatMap(([clientId, client]) => [
      { op: 'bind' as const, clientId, userId: client.userId, userName: client.userName, since: client.since, proof: sharedProof(client.proof) },
      ...[...client.subscriptions].map((channel) => ({ op: 'subscribed' as const, clientId, channel })),
      ...(client.transport === undefined ? [] : [{ op: 'transport' as const, clientId, transport: client.transport }]),
    ]);
  }

  /**
   * Forgets, telling nobody, the clients bound before `time` (epoch ms): a cluster's Redis came
   * back without faye's sessions, which every client then opens anew; those opened since stay.
   */
  forgetBoundBefore(time: number): void {
    for (const [clientId, client] of [...this.clients]) if (client.since < time) this.apply({ op: 'unbind', clientId });
  }

  /** A change another node made: applied as it was there, told to nobody. */
  applyShared(change: ClientChange): void {
    this.apply(change, change.op === 'bind' || change.op === 'proof' ? localProof(change.proof) : undefined);
  }

  private changeHere(change: ClientChange, proof?: ConnectionProof): void {
    const client = this.clients.get(change.clientId);
    if (change.op !== 'bind' && client === undefined) return;
    this.apply(change, proof);
    const userName = change.op === 'bind' ? change.userName : client!.userName;
    if (change.op === 'bind') this.events?.client('handshake', userName, change.clientId);
    if (change.op === 'unbind') this.events?.client('disconnect', userName, change.clientId);
    if (change.op === 'subscribed') this.events?.client('subscribe', userName, change.clientId, change.channel);
    if (change.op === 'unsubscribed') this.events?.client('unsubscribe', userName, change.clientId, change.channel);
    this.share(change);
  }

  private apply(change: ClientChange, proof?: ConnectionProof): void {
    if (change.op === 'bind') {
      const { clientId, userId, userName, since } = change;
      this.clients.set(clientId, { userId, userName, since, subscriptions: new Set(), proof: proof! });
      addTo(this.byUser, userId, clientId);
      return;
    }
    const client = this.clients.get(change.clientId);
    if (!client) return;
    switch (change.op) {
      case 'unbind':
        this.clients.delete(change.clientId);
        removeFrom(this.byUser, client.userId, change.clientId);
        this.removeSubscriber(client.userId, change.clientId);
        return;
      case 'subscribed': {
        client.subscriptions.add(change.channel);
        let subscribers = this.subscribers.get(client.userId);
        if (!subscribers) this.subscribers.set(client.userId, (subscribers = new Map()));
        subscribers.set(change.clientId, client.subscriptions);
        return;
      }
      case 'unsubscribed':
        client.subscriptions.delete(change.channel);
        if (client.subscriptions.size === 0) this.removeSubscriber(client.userId, change.clientId);
        return;
      case 'transport':
        client.transport = change.transport;
        return;
      case 'proof':
        client.proof = proof!;
    }
  }

  userOf(clientId: string | undefined): string | undefined {
    return clientId === undefined ? undefined : this.clients.get(clientId)?.userId;
  }

  /** Who handshook as this clientId, and on what connection. */
  bindingOf(clientId: string): { userId: string; userName: string; proof: ConnectionProof } | undefined {
    return this.clients.get(clientId);
  }

  /** Ties the session to another connection (a cut websocket's client back on a new one). */
  rebind(clientId: string, proof: ConnectionProof): void {
    this.changeHere({ op: 'proof', clientId, proof: sharedProof(proof) }, proof);
  }

  /** The simulator cut the session's websocket: its client's next websocket may take it over (once). */
  allowRebind(clientId: string): void {
    const client = this.clients.get(clientId);
    if (client?.proof.websocket !== undefined) this.rebind(clientId, { ...client.proof, rebind: true });
  }

  /** How many CometD sessions the agent holds. */
  countOf(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** The clientIds of the agent's sessions subscribed to something. */
  subscribedClientsOf(userId: string): string[] {
    return [...(this.subscribers.get(userId)?.keys() ?? [])];
  }

  /** Whether some client of the agent is subscribed to something. */
  hasSubscriber(userId: string): boolean {
    return (this.subscribers.get(userId)?.size ?? 0) > 0;
  }

  /** The agent's clients subscribed to something (clientId -> its GWS channels): read, do not keep. */
  subscribersOf(userId: string): ReadonlyMap<string, ReadonlySet<string>> {
    return this.subscribers.get(userId) ?? NONE;
  }

  private removeSubscriber(userId: string, clientId: string): void {
    const subscribers = this.subscribers.get(userId);
    subscribers?.delete(clientId);
    if (subscribers?.size === 0) this.subscribers.delete(userId);
  }

  list(): CometdClientInfo[] {
    return [...this.clients].map(([clientId, { userId, userName, since, subscriptions, transport }]) => ({
      clientId,
      userId,
      userName,
      since,
      subscriptions: [...subscriptions],
      ...(transport === undefined ? {} : { transport }),
    }));
  }
}

function sharedProof({ websocket, ...rest }: ConnectionProof): SharedProof {
  return websocket === undefined ? rest : { ...rest, websocket: 'elsewhere' };
}

function localProof({ websocket, ...rest }: SharedProof): ConnectionProof {
  return websocket === undefined ? rest : { ...rest, websocket: ELSEWHERE };
}

const NONE: ReadonlyMap<string, ReadonlySet<string>> = new Map();

function addTo(sets: Map<string, Set<string>>, key: string, value: string): void {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(sets: Map<string, Set<string>>, key: string, value: string): void {
  const set = sets.get(key);
  set?.delete(value);
  if (set?.size === 0) sets.delete(key);
}
