export interface CometdClientInfo {
  clientId: string;
  userId: string;
  userName: string;
  /** When it handshook, epoch ms. */
  since: number;
  /** The GWS channels it is subscribed to. */
  subscriptions: string[];
}

interface Client {
  userId: string;
  userName: string;
  since: number;
  subscriptions: Set<string>;
}

/** Which agent each Bayeux client (clientId) handshook as, and what it subscribed to. */
export class ClientRegistry {
  private readonly clients = new Map<string, Client>();
  /** userId -> its clients with at least one subscription. */
  private readonly subscribers = new Map<string, Set<string>>();

  bind(clientId: string, userId: string, userName: string): void {
    this.clients.set(clientId, { userId, userName, since: Date.now(), subscriptions: new Set() });
  }

  unbind(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    this.clients.delete(clientId);
    this.forget(client.userId, clientId);
  }

  subscribed(clientId: string, channel: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    client.subscriptions.add(channel);
    let set = this.subscribers.get(client.userId);
    if (!set) this.subscribers.set(client.userId, (set = new Set()));
    set.add(clientId);
  }

  unsubscribed(clientId: string, channel: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    client.subscriptions.delete(channel);
    if (client.subscriptions.size === 0) this.forget(client.userId, clientId);
  }

  userOf(clientId: string | undefined): string | undefined {
    return clientId === undefined ? undefined : this.clients.get(clientId)?.userId;
  }

  /** Whether some client of the agent is subscribed to something. */
  hasSubscriber(userId: string): boolean {
    return (this.subscribers.get(userId)?.size ?? 0) > 0;
  }

  /** The GWS channels some client of the agent is subscribed to. */
  subscriptionsOf(userId: string): Set<string> {
    const channels = new Set<string>();
    for (const clientId of this.subscribers.get(userId) ?? []) for (const channel of this.clients.get(clientId)?.subscriptions ?? []) channels.add(channel);
    return channels;
  }

  list(): CometdClientInfo[] {
    return [...this.clients].map(([clientId, { subscriptions, ...c }]) => ({ clientId, ...c, subscriptions: [...subscriptions] }));
  }

  private forget(userId: string, clientId: string): void {
    const set = this.subscribers.get(userId);
    set?.delete(clientId);
    if (set?.size === 0) this.subscribers.delete(userId);
  }
}
