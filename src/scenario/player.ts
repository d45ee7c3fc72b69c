import type { Clock } from './clock';

/**
 * Delivers one notification to every subscriber of one agent, on the GWS topic `topic` (and
 * /v2/notifications); `dueAt` is when it was scheduled.
 */
export interface Publisher {
  publish(userId: string, notification: unknown, dueAt: number, topic: string): void;
}

/** One notification of a stream: sent `afterMs` after the previous one (or the operation). */
export interface TimedStep {
  afterMs: number;
  render(emittedAt: number): unknown;
}

export interface PlayerOptions {
  clock: Clock;
  publisher: Publisher;
  /** Multiplies every delay: 1 as written, 0.5 twice as fast, 0 at once (order kept). */
  timeScale: number;
  onError?(error: Error, userId: string): void;
}

/**
 * Plays per-agent streams. Each step is due at the stream's start plus the scaled sum of the
 * delays before it, so lateness does not accumulate along a stream; a stream's steps are sent
 * strictly in order, and an agent's stream starts no earlier than its previous stream's last step.
 */
export class StreamPlayer {
  private readonly running = new Set<() => void>();
  /** Per agent, when the last step of its streams falls due: a later operation's stream starts no earlier. */
  private readonly lastDue = new Map<string, number>();

  constructor(private readonly options: PlayerOptions) {}

  play(userId: string, steps: readonly TimedStep[], topic: string): void {
    const { clock, timeScale } = this.options;
    // One agent's notifications keep the order of the operations: a stream waits for the one before it.
    const start = Math.max(clock.now(), this.lastDue.get(userId) ?? -Infinity);
    let elapsed = 0;
    const dues = steps.map((step) => start + (elapsed += step.afterMs) * timeScale);
    if (dues.length > 0) this.lastDue.set(userId, dues[dues.length - 1]);
    let next = 0;
    let stopped = false;
    let cancelTimer = () => {};
    const stop = () => {
      stopped = true;
      cancelTimer();
      this.running.delete(stop);
    };
    const tick = () => {
      // A publish may cancel the stream (a reset from within a test's callback): check each time.
      while (!stopped && next < steps.length && dues[next] <= clock.now()) this.emit(userId, topic, steps[next], dues[next++]);
      if (stopped) return;
      if (next < steps.length) cancelTimer = clock.schedule(dues[next] - clock.now(), tick);
      else stop();
    };
    this.running.add(stop);
    tick();
  }

  /** Streams still playing. */
  get pending(): number {
    return this.running.size;
  }

  cancelAll(): void {
    for (const stop of [...this.running]) stop();
    this.lastDue.clear();
  }

  private emit(userId: string, topic: string, step: TimedStep, dueAt: number): void {
    try {
      this.options.publisher.publish(userId, step.render(this.options.clock.now()), dueAt, topic);
    } catch (error) {
      this.options.onError?.(error as Error, userId);
    }
  }
}
