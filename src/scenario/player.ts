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
 * strictly in order.
 */
export class StreamPlayer {
  private readonly running = new Set<() => void>();

  constructor(private readonly options: PlayerOptions) {}

  play(userId: string, steps: readonly TimedStep[], topic: string): void {
    const { clock, timeScale } = this.options;
    const start = clock.now();
    let elapsed = 0;
    const dues = steps.map((step) => start + (elapsed += step.afterMs) * timeScale);
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
  }

  private emit(userId: string, topic: string, step: TimedStep, dueAt: number): void {
    try {
      this.options.publisher.publish(userId, step.render(this.options.clock.now()), dueAt, topic);
    } catch (error) {
      this.options.onError?.(error as Error, userId);
    }
  }
}
