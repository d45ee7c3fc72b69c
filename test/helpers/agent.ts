import { adapt } from 'cometd-nodejs-client';
import { CometD, type Message } from 'cometd';
import { ownBrowserCookie } from '../../src/client/browser-cookie';

adapt();

export type Transport = 'long-polling' | 'websocket';
export const TRANSPORTS: Transport[] = ['long-polling', 'websocket'];

/** How the handshake authenticates: CometD `ext`, or (long-polling only) a Basic header or the cookie. */
export type Credentials =
  | { via: 'ext'; user: string; password: string }
  | { via: 'basic'; user: string; password: string }
  | { via: 'cookie'; cookie: string }
  | { via: 'none' };

export interface Received {
  channel: string;
  data: any;
  at: number;
}

/**
 * A real CometD client (the official JavaScript client over Node) with an inbox, named after the
 * agent it logs in as: `await TestAgent.connect(url, 'websocket', {via: 'ext', ...})`.
 */
export class TestAgent {
  readonly inbox: Received[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly cometd: CometD,
    readonly handshakeReply: Message,
  ) {}

  static async connect(baseUrl: string, transport: Transport, credentials: Credentials): Promise<TestAgent> {
    const cometd = new CometD();
    for (const type of cometd.getTransportTypes()) if (type !== transport) cometd.unregisterTransport(type);
    const requestHeaders: Record<string, string> = {};
    if (credentials.via === 'basic') {
      requestHeaders.Authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    }
    if (credentials.via === 'cookie') requestHeaders.Cookie = credentials.cookie;
    cometd.configure({ url: `${baseUrl}/api/v2/notifications`, logLevel: 'warn', requestHeaders });
    ownBrowserCookie(cometd, baseUrl);
    const props =
      credentials.via === 'ext' ? { ext: { authentication: { user: credentials.user, credentials: credentials.password } } } : {};
    const reply = await new Promise<Message>((resolve) => cometd.handshake(props, resolve));
    return new TestAgent(cometd, reply);
  }

  /** Logs in as `user` (password = user name, as in the default fixture) over `transport`. */
  static async login(baseUrl: string, transport: Transport, user: string): Promise<TestAgent> {
    const agent = await TestAgent.connect(baseUrl, transport, { via: 'ext', user, password: user });
    if (!agent.handshakeReply.successful) throw new Error(`handshake failed: ${JSON.stringify(agent.handshakeReply)}`);
    return agent;
  }

  /** Subscribes; resolves with the subscribe reply, successful or not. */
  subscribe(channel: string): Promise<Message> {
    return new Promise((resolve) =>
      this.cometd.subscribe(
        channel,
        (message) => {
          // The CometD client hands a /** listener the /meta replies too: the inbox keeps notifications.
          if (message.channel.startsWith('/meta/')) return;
          this.inbox.push({ channel: message.channel, data: message.data, at: Date.now() });
          for (const wake of this.waiters.splice(0)) wake();
        },
        resolve,
      ),
    );
  }

  publish(channel: string, data: unknown): Promise<Message> {
    return new Promise((resolve) => this.cometd.publish(channel, data, resolve));
  }

  /** Resolves once the inbox holds `count` messages; rejects after `timeoutMs` with what arrived. */
  async waitFor(count: number, timeoutMs = 5000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`expected ${count} messages, received ${this.inbox.length}: ${JSON.stringify(this.inbox.map((m) => kind(m.data)))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.inbox.slice(0, count);
  }

  disconnect(): Promise<void> {
    if (this.cometd.getStatus() === 'disconnected') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 2000);
      this.cometd.disconnect(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** `messageType/notificationType`, plus the message type for NewMessages: a readable summary. */
export function kind(data: any): string {
  const base = `${data?.messageType}/${data?.notificationType}`;
  return data?.messages ? `${base}:${data.messages.map((m: any) => m.type).join(',')}` : base;
}
