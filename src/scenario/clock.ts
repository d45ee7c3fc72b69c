/** Time as the scenario engine sees it: injected, so tests can step it by hand. */
export interface Clock {
  now(): number;
  /** Runs `task` after `delayMs`; returns a function that cancels it. */
  schedule(delayMs: number, task: () => void): () => void;
}

/** setTimeout fires at once past this; the stream player re-arms a timer that fires early. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(delayMs, task) {
    const timer = setTimeout(task, Math.min(delayMs, MAX_TIMER_MS));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** A clock that moves only when told to: `advance(ms)` runs what falls due, in time order. */
export class ManualClock implements Clock {
  private tasks: { at: number; seq: number; task: () => void }[] = [];
  private seq = 0;

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  schedule(delayMs: number, task: () => void): () => void {
    const entry = { at: this.time + Math.max(0, delayMs), seq: this.seq++, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.tasks.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.tasks = this.tasks.filter((t) => t !== next);
      this.time = next.at;
      next.task();
    }
    this.time = end;
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** Advances to each next due task until none is left (at most `limit` of them, in case tasks reschedule forever). */
  runAll(limit = 10_000): void {
    for (let n = 0; n < limit && this.tasks.length > 0; n++) {
      const next = Math.min(...this.tasks.map((t) => t.at));
      this.advance(Math.max(0, next - this.time));
    }
  }
}
