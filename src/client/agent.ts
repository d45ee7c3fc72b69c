import { ownBrowserCookie } from './browser-cookie';
import { CometD, type Message } from './cometd';
import { compare, describeExpected, formatVerdict, kindOf, mismatches, type Expected } from '../scenario/expect';
import { performOperation, unreachable, type GwsAnswer, type OperationTarget } from './rest';

export type Transport = 'long-polling' | 'websocket';
export const TRANSPORTS: readonly Transport[] = ['websocket', 'long-polling'];
export const NOTIFICATIONS_CHANNEL = '/v2/notifications';

export interface AgentOptions {
  /** The simulator's base URL, e.g. http://127.0.0.1:8090. */
  url: string;
  user: string;
  password: string;
  /** Default: websocket. */
  transport?: Transport;
  /** Default: /v2/notifications. */
  channel?: string;
}

/** A notification as an agent received it. */
export interface Received {
  channel: string;
  data: unknown;
  /** Arrival, epoch ms. */
  at: number;
  /** gws-sim's delivery stamp (see DeliveryExt), when the server sent one. */
  seq?: number;
  dueAt?: number;
  /** Held by the server while the agent had no subscriber. */
  held?: boolean;
}

export interface WaitOptions {
  /** Default 5000. */
  timeoutMs?: number;
}

/**
 * An agent logged in over a real CometD client (the official JavaScript client over Node) and
 * subscribed to its notifications. It re-subscribes after a re-handshake, as a GWS desktop must.
 */
export class Agent {
  /** Everything received so far, in order. */
  readonly received: Received[] = [];
  /** How many notifications next() and sim.expect() have taken: one position for both, so that each checks what the other has not. */
  private cursor = 0;
  private seqAtSubscribe = 0;
  private readonly listeners = new Set<(received: Received) => void>();
  private closed = false;

  private constructor(
    readonly user: string,
    private readonly password: string,
    readonly transport: Transport,
    private readonly url: string,
    private readonly cometd: CometD,
  ) {}

  /** Connects, handshakes and subscribes; rejects with the server's reason when it refuses. */
  static async connect(options: AgentOptions): Promise<Agent> {
    const { url, user, password, transport = 'websocket', channel = NOTIFICATIONS_CHANNEL } = options;
    const cometd = new CometD();
    for (const type of cometd.getTransportTypes()) if (type !== transport) cometd.unregisterTransport(type);
    cometd.configure({ url: `${url}/api/v2/notifications`, logLevel: 'warn' });
    ownBrowserCookie(cometd, url);
    const agent = new Agent(user, password, transport, url, cometd);
    const reply = await new Promise<Message>((resolve) => cometd.handshake({ ext: { authentication: { user, credentials: password } } }, resolve));
    if (!reply.successful) {
      cometd.disconnect();
      throw new Error(`${user} cannot connect to ${url} over ${transport}: ${await refusal(reply, url)}`);
    }
    try {
      await agent.subscribe(channel);
    } catch (error) {
      await agent.disconnect();
      throw error;
    }
    // A server that forgot the client (402/401 Unknown client) makes it handshake again, which clears subscriptions.
    cometd.addListener('/meta/handshake', (message) => {
      if (message.successful && !agent.closed) void agent.subscribe(channel).catch(() => {});
    });
    return agent;
  }

  /** Until disconnect(). */
  get connected(): boolean {
    return !this.closed;
  }

  /** The data of every notification received so far, in order. */
  get notifications(): unknown[] {
    return this.received.map((r) => r.data);
  }

  /** Calls `listener` for each notification from now on; returns a function that stops it. */
  onNotification(listener: (received: Received) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The next notification not yet taken by next() or sim.expect(); rejects if it does not meet
   * `expected`, or when none arrives in time.
   */
  async next(expected?: Expected, options: WaitOptions = {}): Promise<unknown> {
    // Taken now, so that next() calls made together get successive notifications.
    const index = this.cursor++;
    try {
      await this.until(() => this.received.length > index, options, () => `a notification #${index + 1}${expected ? ` (${describeExpected(expected)})` : ''}`);
    } catch (error) {
      if (this.cursor === index + 1) this.cursor = index; // nothing came: the next call waits for the same one
      throw error;
    }
    const data = this.received[index].data;
    const problems = expected === undefined ? [] : mismatches(expected, data);
    if (problems.length > 0) throw new Error(`${this.user}: notification #${index + 1} is not ${describeExpected(expected!)}:\n  ${problems.join('\n  ')}`);
    return data;
  }

  /**
   * Resolves once `count` notifications have arrived in all (with all of them), or once one of
   * all received so far meets `expected` (with that one); rejects with what did arrive after
   * `timeoutMs`. It does not move next()'s position.
   */
  async waitFor(target: number | Expected, options: WaitOptions = {}): Promise<unknown[]> {
    if (typeof target === 'number') {
      await this.until(() => this.received.length >= target, options, () => `${target} notifications`);
      return this.notifications;
    }
    const found = () => this.received.find((r) => mismatches(target, r.data).length === 0);
    await this.until(() => found() !== undefined, options, () => `a notification ${describeExpected(target)}`);
    return [found()!.data];
  }

  /**
   * Takes every notification not yet taken by next() or sim.expect() (what sim.expect() checks). Throws while a
   * next() still waits: which notifications each would take would depend on timing.
   */
  take(): unknown[] {
    if (this.cursor > this.received.length) {
      throw new Error(`${this.user}: next() is still waiting for notification #${this.cursor}: await it before sim.expect() names ${this.user}`);
    }
    const taken = this.received.slice(this.cursor).map((r) => r.data);
    this.cursor = this.received.length;
    return taken;
  }

  /** Rejects with expected versus received unless the notifications so far are exactly `expected`. */
  expectExactly(expected: readonly Expected[]): void {
    const verdict = compare(this.user, expected, this.notifications);
    if (!verdict.ok) throw new Error(formatVerdict(verdict));
  }

  /**
   * Performs a GWS operation as this agent and resolves with the GWS answer (whatever its
   * statusCode). `target` is a Facebook session's id, `{ chat: id }`, `{ call: id }` (this agent's
   * own call id: `sim.callId(connId, user)`), `{ device: id }` (Dial, DoNotDisturbOn:
   * `sim.deviceId(user)`), `{ channel: 'chat' }` (Ready, NotReady) or `{ me: true }`
   * (StartContactCenterSession, EndContactCenterSession).
   */
  perform(operationName: string, target: OperationTarget, params: Record<string, unknown> = {}): Promise<GwsAnswer> {
    return performOperation(this.url, { user: this.user, password: this.password }, operationName, target, params);
  }

  /** Whether this agent has received everything the server has sent it up to `lastSent` (see DeliveryExt.seq). */
  hasReceived(lastSent: number): boolean {
    const last = this.received.reduce((max, r) => Math.max(max, r.seq ?? 0), this.seqAtSubscribe);
    return last >= lastSent;
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.cometd.getStatus() === 'disconnected') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      this.cometd.disconnect(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private subscribe(channel: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.cometd.subscribe(
        channel,
        (message) => this.receive(message),
        (reply) => {
          if (!reply.successful) return reject(new Error(`${this.user} cannot subscribe to ${channel}: ${reply.error ?? 'refused'}`));
          const seq = (reply.ext as { gwsSim?: { seq?: number } } | undefined)?.gwsSim?.seq;
          if (typeof seq === 'number') this.seqAtSubscribe = Math.max(this.seqAtSubscribe, seq);
          resolve();
        },
      ),
    );
  }

  private receive(message: Message): void {
    const stamp = (message.ext as { gwsSim?: { seq?: number; dueAt?: number; held?: boolean } } | undefined)?.gwsSim;
    const received: Received = { channel: message.channel, data: message.data, at: Date.now(), seq: stamp?.seq, dueAt: stamp?.dueAt, held: stamp?.held };
    this.received.push(received);
    for (const listener of this.listeners) listener(received);
    for (const wake of this.waiters.splice(0)) wake();
  }

  private readonly waiters: (() => void)[] = [];

  private async until(done: () => boolean, { timeoutMs = 5000 }: WaitOptions, what: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`${this.user}: waited ${timeoutMs} ms for ${what()}; received ${this.received.length}: ${this.received.map((r) => kindOf(r.data)).join(', ') || '(nothing)'}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        timer.unref?.();
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Why a handshake failed, in words: the server's reason; else why nothing answers, or the transport's reason. */
async function refusal(reply: Message, url: string): Promise<string> {
  const ext = reply.ext as { authentication?: { failure?: string } } | undefined;
  if (ext?.authentication?.failure) return ext.authentication.failure;
  if (reply.error) return reply.error;
  // The websocket transport's reason is a bare "Error": ask over plain HTTP why nothing answers.
  const down = await unreachable(url);
  if (down !== undefined) return `nothing answers there (${down}); is gws-sim running at ${url}?`;
  const failure = (reply as { failure?: { reason?: string; exception?: { message?: string } } }).failure;
  const reason = failure?.exception?.message ?? failure?.reason;
  return `the server answers HTTP but the handshake failed (${reason ?? 'no answer'}); is it a gws-sim?`;
}
