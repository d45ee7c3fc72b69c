import type { PublishOptions } from '../bayeux/delivery';
import type { Clock } from '../scenario/clock';

/** A reordered notification waits this long (simulator clock) for the next one to swap with; then it goes alone. */
export const REORDER_WAIT_MS = 1000;

export interface OutgoingNotification {
  notification: unknown;
  dueAt: number;
  options: PublishOptions;
  /** Extra delay from a delay fault, ms. */
  delayMs: number;
  /** Swap with the agent's next notification. */
  reorder: boolean;
  /** Called once it is handed to Bayeux, with its seq (undefined: held for an agent with no subscriber, or sent to no client). */
  onSent?: (seq: number | undefined) => void;
  /** Called when a reorder found no next notification in time. */
  onAlone?: () => void;
}

interface Queued extends OutgoingNotification {
  readyAt: number;
}

/** Hands a notification to Bayeux; returns its seq, or undefined when it is held for the agent or goes to none of its clients. */
export type Send = (userId: string, notification: unknown, dueAt: number, options: PublishOptions) => number | undefined;

/**
 * Per agent, what the notification faults hold back, in order: a delayed notification delays the
 * ones after it (one connection delivers in order), a reordered one waits for the next one and
 * goes after it. With nothing held back, a notification goes straight through.
 */
export class Outbox {
  private readonly queues = new Map<string, Queued[]>();
  private readonly timers = new Map<string, () => void>();
  private readonly parked = new Map<string, { item: Queued; cancel: () => void }>();

  constructor(
    private readonly clock: Clock,
    private readonly send: Send,
  ) {}

  enqueue(userId: string, item: OutgoingNotification): void {
    // The usual case, on every notification: nothing held back for the agent, nothing to hold.
    if (item.delayMs === 0 && !item.reorder && !this.parked.has(userId) && !this.queues.has(userId)) return this.deliver(userId, item);
    const queued: Queued = { ...item, readyAt: this.clock.now() + item.delayMs, dueAt: item.dueAt + item.delayMs };
    const waiting = this.parked.get(userId);
    if (waiting) {
      this.parked.delete(userId);
      waiting.cancel();
      this.push(userId, queued);
      this.push(userId, { ...waiting.item, readyAt: Math.max(waiting.item.readyAt, queued.readyAt) });
    } else if (item.reorder) {
      const cancel = this.clock.schedule(REORDER_WAIT_MS, () => {
        this.parked.delete(userId);
        queued.onAlone?.();
        this.push(userId, queued);
        this.pump(userId);
      });
      this.parked.set(userId, { item: queued, cancel });
    } else {
      this.push(userId, queued);
    }
    this.pump(userId);
  }

  /** Notifications held back, not yet handed to Bayeux. */
  get pending(): number {
    let count = this.parked.size;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** What is held back, per agent in the order it will go (a reordered one last). */
  waiting(): { userId: string; notification: unknown; dueAt: number; readyAt: number }[] {
    const held = [...this.queues].flatMap(([userId, queue]) => queue.map((item) => ({ userId, item })));
    for (const [userId, { item }] of this.parked) held.push({ userId, item });
    return held.map(({ userId, item: { notification, dueAt, readyAt } }) => ({ userId, notification, dueAt, readyAt }));
  }

  /** Forgets everything held back (a reset: notifications not yet sent are cancelled). */
  clear(): void {
    for (const cancel of this.timers.values()) cancel();
    for (const { cancel } of this.parked.values()) cancel();
    this.timers.clear();
    this.parked.clear();
    this.queues.clear();
  }

  private push(userId: string, item: Queued): void {
    let queue = this.queues.get(userId);
    if (!queue) this.queues.set(userId, (queue = []));
    queue.push(item);
  }

  private pump(userId: string): void {
    this.timers.get(userId)?.();
    this.timers.delete(userId);
    const queue = this.queues.get(userId);
    while (queue && queue.length > 0 && queue[0].readyAt <= this.clock.now()) {
      this.deliver(userId, queue.shift()!);
    }
    if (!queue || queue.length === 0) {
      this.queues.delete(userId);
      return;
    }
    this.timers.set(userId, this.clock.schedule(queue[0].readyAt - this.clock.now(), () => this.pump(userId)));
  }

  private deliver(userId: string, item: OutgoingNotification): void {
    const seq = this.send(userId, item.notification, item.dueAt, item.options);
    item.onSent?.(seq);
  }
}
