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

/** Which agent each Bayeux client (clientId) handshook as, and what it subscribed to. */
export class ClientRegistry {
  private readonly clients = new Map<string, Client>();
  /** userId -> its clients. */
  private readonly byUser = new Map<string, Set<string>>();
  /** userId -> its clients with at least one subscription, each with its GWS channels. */
  private readonly subscribers = new Map<string, Map<string, ReadonlySet<string>>>();

  /** `events` is told of every client that comes, subscribes and goes (the dashboard). */
  constructor(private readonly events?: Pick<SimEvents, 'client'>) {}

  bind(clientId: string, userId: string, userName: string, proof: ConnectionProof = {}): void {
    this.clients.set(clientId, { userId, userName, since: Date.now(), subscriptions: new Set(), proof });
    addTo(this.byUser, userId, clientId);
    this.events?.client('handshake', userName, clientId);
  }

  unbind(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    this.clients.delete(clientId);
    removeFrom(this.byUser, client.userId, clientId);
    this.removeSubscriber(client.userId, clientId);
    this.events?.client('disconnect', client.userName, clientId);
  }

  subscribed(clientId: string, channel: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    client.subscriptions.add(channel);
    let subscribers = this.subscribers.get(client.userId);
    if (!subscribers) this.subscribers.set(client.userId, (subscribers = new Map()));
    subscribers.set(clientId, client.subscriptions);
    this.events?.client('subscribe', client.userName, clientId, channel);
  }

  unsubscribed(clientId: string, channel: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    client.subscriptions.delete(channel);
    if (client.subscriptions.size === 0) this.removeSubscriber(client.userId, clientId);
    this.events?.client('unsubscribe', client.userName, clientId, channel);
  }

  /** Notes how the client's /meta/connect came (a CometD client may start on one transport and move to another). */
  connectedOver(clientId: string, transport: Transport): void {
    const client = this.clients.get(clientId);
    if (client) client.transport = transport;
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
    const client = this.clients.get(clientId);
    if (client) client.proof = proof;
  }

  /** The simulator cut the session's websocket: its client's next websocket may take it over (once). */
  allowRebind(clientId: string): void {
    const client = this.clients.get(clientId);
    if (client?.proof.websocket !== undefined) client.proof = { ...client.proof, rebind: true };
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
