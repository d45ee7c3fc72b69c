import type { ReceivedOn } from '../bayeux/channels';
import type { Clock } from '../scenario/clock';
import type { DeliveryExt } from './stamp';

/** Notifications kept for an agent that may not receive them now; past this, the oldest is dropped. */
export const HELD_PER_AGENT = 100;
/** A reordered notification waits this long (simulator clock) for the next one to swap with; then it goes alone. */
export const REORDER_WAIT_MS = 1000;

/** Where an agent's notifications go once it may receive them (the Bayeux side). */
export interface Sink {
  /** Whether some client of the agent is subscribed to something. */
  hasSubscriber(userId: string): boolean;
  /** Hands `data` to each client of the agent that receives `topic`, `copies` times; says which clients, on which channels (none: empty). */
  send(userId: string, data: unknown, stamp: DeliveryExt, topic: string, copies: number): readonly ReceivedOn[];
}

export interface OutboxContext {
  clock: Clock;
  sink: Sink;
  log(line: string): void;
  /** Told of every notification sent, and of every one held (the dashboard's timeline). */
  events?: {
    notification(userId: string, data: unknown, stamp: DeliveryExt, topic: string, copies: number, receivedOn: readonly ReceivedOn[]): void;
    held(userId: string, data: unknown, dueAt: number, topic: string, waiting: number): void;
  };
}

/** One notification on its way to the agent. */
export interface Outgoing {
  notification: unknown;
  dueAt: number;
  topic: string;
  copies: number;
  /** The faults injected into it, for its stamp. */
  faults: string[];
  /** Not before (a delay fault). */
  readyAt: number;
  /** It waited while the agent could not receive it (no subscriber, or a hold): late on purpose. */
  held: boolean;
  /** Called once it is handed to the sink, with its seq (undefined: it went to none of the agent's clients). */
  onSent?: (seq: number | undefined) => void;
}

/**
 * One agent's outgoing notifications, in one queue, in order: what a delay fault holds back
 * delays the ones after it (one connection delivers in order), a reordered one waits for the next
 * one and goes after it, and nothing goes while the agent has no subscriber or a hold (a session
 * fault) is on it. Each notification sent takes the agent's next sequence number. With nothing
 * queued, a notification goes straight through.
 */
export class AgentOutbox {
  /** The seq of the last notification sent. */
  sent = 0;
  /** Held notifications dropped past HELD_PER_AGENT. */
  dropped = 0;
  private queue: Outgoing[] = [];
  private heldCount = 0;
  private parked?: { item: Outgoing; cancel: () => void };
  private cancelTimer?: () => void;
  private readonly holds = new Set<string>();

  constructor(
    readonly userId: string,
    private readonly ctx: OutboxContext,
  ) {}

  enqueue(item: Outgoing, delayMs = 0, reorder = false, onAlone?: () => void): void {
    if (delayMs === 0 && !reorder && this.queue.length === 0 && this.parked === undefined && this.deliverable()) return this.send(item);
    const { clock } = this.ctx;
    item.readyAt = clock.now() + delayMs;
    item.dueAt += delayMs;
    const waiting = this.parked;
    if (waiting) {
      this.parked = undefined;
      waiting.cancel();
      waiting.item.readyAt = Math.max(waiting.item.readyAt, item.readyAt);
      this.queue.push(item, waiting.item);
    } else if (reorder) {
      const cancel = clock.schedule(REORDER_WAIT_MS, () => {
        this.parked = undefined;
        onAlone?.();
        this.queue.push(item);
        this.pump();
      });
      this.parked = { item, cancel };
    } else {
      this.queue.push(item);
    }
    this.pump();
  }

  /** Keeps the agent's notifications back until `reason` is released (a session fault). */
  hold(reason: string): void {
    this.holds.add(reason);
  }

  release(reason: string): void {
    if (this.holds.delete(reason)) this.pump();
  }

  get onHold(): boolean {
    return this.holds.size > 0;
  }

  /** Sends what may go now: call when the agent may receive again (a subscription, a released hold). */
  pump(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const now = this.ctx.clock.now();
    while (this.queue.length > 0 && this.queue[0].readyAt <= now) {
      if (!this.deliverable()) {
        this.markHeld(now);
        break;
      }
      const item = this.queue.shift()!;
      if (item.held) this.heldCount--;
      this.send(item);
    }
    // Held notifications form the front of the queue; a delayed one behind them is marked when it is ready.
    const later = this.queue.find((item) => item.readyAt > now);
    if (later) this.cancelTimer = this.ctx.clock.schedule(later.readyAt - now, () => this.pump());
  }

  /** Notifications waiting, held ones (no subscriber, a hold) first; the parked reordered one last. */
  waiting(): { item: Outgoing; held: boolean }[] {
    const all = this.queue.map((item) => ({ item, held: item.held }));
    if (this.parked) all.push({ item: this.parked.item, held: false });
    return all;
  }

  get heldNow(): number {
    return this.heldCount;
  }

  /** Forgets what waits (a reset: notifications not yet sent are cancelled); sequence numbers keep counting. */
  clear(): void {
    this.cancelTimer?.();
    this.parked?.cancel();
    this.cancelTimer = this.parked = undefined;
    this.queue = [];
    this.heldCount = 0;
    this.holds.clear();
  }

  private deliverable(): boolean {
    return this.holds.size === 0 && this.ctx.sink.hasSubscriber(this.userId);
  }

  /** The ready notifications from `from` on wait for the agent; past HELD_PER_AGENT the oldest held one is dropped. */
  private markHeld(now: number): void {
    for (let i = 0; i < this.queue.length && this.queue[i].readyAt <= now; i++) {
      const item = this.queue[i];
      if (item.held) continue;
      item.held = true;
      this.heldCount++;
      if (this.heldCount > HELD_PER_AGENT) {
        this.queue.shift();
        this.heldCount--;
        this.dropped++;
        i--;
        this.ctx.log(`user ${this.userId} has no subscriber and more than ${HELD_PER_AGENT} notifications waiting: dropped the oldest`);
      }
      this.ctx.events?.held(this.userId, item.notification, item.dueAt, item.topic, this.heldCount);
    }
  }

  private send(item: Outgoing): void {
    const { clock, sink, events } = this.ctx;
    const seq = ++this.sent;
    // The sink keys the stamp by the data object: a fresh one per send.
    const { notification } = item;
    const data = Array.isArray(notification) ? [...notification] : typeof notification === 'object' && notification !== null ? { ...notification } : notification;
    const stamp: DeliveryExt = { seq, dueAt: item.dueAt, sentAt: clock.now(), ...(item.held ? { held: true as const } : {}), ...(item.faults.length > 0 ? { faults: item.faults } : {}) };
    const receivedOn = sink.send(this.userId, data, stamp, item.topic, item.copies);
    events?.notification(this.userId, data, stamp, item.topic, item.copies, receivedOn);
    item.onSent?.(receivedOn.length > 0 ? seq : undefined);
  }
}
