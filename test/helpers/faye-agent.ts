import type { Simulator } from '../../src/simulator';
import type { Transport } from './agent';

// faye's own Node client, as third-party code uses it (src/types/faye.d.ts declares the server side only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const faye = require('faye') as { Client: new (url: string) => FayeClient };
interface FayeClient {
  addExtension(extension: { incoming?(message: any, callback: (m: any) => void): void; outgoing?(message: any, callback: (m: any) => void): void }): void;
  disable(feature: string): void;
  subscribe(channel: string, onMessage: (data: any) => void): PromiseLike<unknown>;
  disconnect(): PromiseLike<unknown> | undefined;
}

const CHANNEL = '/v2/notifications';
const WAIT_MS = 5000;

async function until(condition: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * An agent logged in over faye's own Node client (handshake `ext` credentials; over websocket
 * unless told long-polling), subscribed to /v2/notifications. take() returns what arrived since
 * the last take, once it has received all the simulator sent to its user (gws-sim's delivery stamp).
 */
export class FayeAgent {
  private readonly received: { data: any; seq: number }[] = [];
  private taken = 0;

  private constructor(
    private readonly sim: Simulator,
    readonly user: string,
    private readonly client: FayeClient,
  ) {}

  static async connect(sim: Simulator, user: string, transport: Transport): Promise<FayeAgent> {
    const client = new faye.Client(`${sim.url}/api/v2/notifications`);
    if (transport === 'long-polling') client.disable('websocket');
    const agent = new FayeAgent(sim, user, client);
    client.addExtension({
      outgoing: (message, callback) => callback(message.channel === '/meta/handshake' ? { ...message, ext: { authentication: { user, credentials: user } } } : message),
      incoming: (message, callback) => {
        if (message.channel === CHANNEL && message.data !== undefined) agent.received.push({ data: message.data, seq: message.ext?.gwsSim?.seq ?? 0 });
        callback(message);
      },
    });
    // faye's client never settles a refused subscribe: give up after a while.
    let timer: NodeJS.Timeout | undefined;
    const refused = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${user}: faye's subscribe did not settle`)), WAIT_MS)));
    await Promise.race([client.subscribe(CHANNEL, () => undefined), refused]).finally(() => clearTimeout(timer));
    return agent;
  }

  /** Every notification received so far, in order (a cluster's node cannot tell what others sent: wait on these). */
  get notifications(): any[] {
    return this.received.map((r) => r.data);
  }

  /** The notifications received since the previous take(), once everything sent to the user has arrived. */
  async take(): Promise<any[]> {
    await this.sim.settled();
    const sent = () => this.sim.state().deliveries.find((d) => d.userName === this.user)?.sent ?? 0;
    const last = () => this.received.reduce((max, r) => Math.max(max, r.seq), 0);
    await until(() => last() >= sent(), () => `${this.user} over faye: received up to #${last()} of the ${sent()} sent`);
    const from = this.taken;
    this.taken = this.received.length;
    return this.received.slice(from).map((r) => r.data);
  }

  /** Resolves once the server has answered the /meta/disconnect (or after a while): the dispatcher is closed then. */
  async disconnect(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const later = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
    await Promise.race([Promise.resolve(this.client.disconnect()), later]).finally(() => clearTimeout(timer));
  }
}
