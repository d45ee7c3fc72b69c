export interface CometdClientInfo {
  clientId: string;
  userId: string;
  userName: string;
  /** When it handshook, epoch ms. */
  since: number;
}

/** Which agent each Bayeux client (clientId) handshook as. */
export class ClientRegistry {
  private readonly clients = new Map<string, Omit<CometdClientInfo, 'clientId'>>();

  bind(clientId: string, userId: string, userName: string): void {
    this.clients.set(clientId, { userId, userName, since: Date.now() });
  }

  unbind(clientId: string): void {
    this.clients.delete(clientId);
  }

  userOf(clientId: string | undefined): string | undefined {
    return clientId === undefined ? undefined : this.clients.get(clientId)?.userId;
  }

  list(): CometdClientInfo[] {
    return [...this.clients].map(([clientId, c]) => ({ clientId, ...c }));
  }
}
