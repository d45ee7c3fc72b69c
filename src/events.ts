import type { DeliveryExt } from './delivery/stamp';
import type { ClientEvent, ControlEvent, FeedEvent, OperationEvent } from './events-wire';
import type { FiredFault } from './faults/types';
import { kindOf } from './scenario/expect';

export type { FeedEvent } from './events-wire';

/** Events kept for a page opened late, or one that reconnects (GET /sim/events). */
export const HISTORY = 1000;

/** A notification as Deliveries sent it: references only, turned into JSON when a page reads it. */
interface Sent {
  userId: string;
  data: unknown;
  stamp: DeliveryExt;
  topic: string;
  copies: number;
}

/** A notification held for an agent with no subscriber, as Deliveries held it. */
interface Held {
  at: number;
  userId: string;
  data: unknown;
  dueAt: number;
  topic: string;
  waiting: number;
}

type Entry = { id: number; json?: string } & ({ sent: Sent } | { held: Held } | { event: FeedEvent });
/** An event before the feed numbers it, one of the kinds reported as they are (not notifications, not gaps). */
type Unnumbered<E> = E extends unknown ? Omit<E, 'id' | 'at'> : never;

/** A listener of the live feed: each event's id and its JSON, made once for every listener. */
export type FeedListener = (id: number, json: string) => void;

/**
 * What happens in the simulator, as it happens: notifications sent, operations and refusals,
 * faults fired, resets and armed faults, CometD clients coming and going. The delivery path
 * reports every notification here, so recording costs one small object and an array slot: no
 * copy, no JSON, until a listener (the dashboard's feed) or a late reader asks.
 */
export class SimEvents {
  private readonly ring: (Entry | undefined)[];
  private lastId = 0;
  /** The first id after the last reset: older entries are not replayed. */
  private firstId = 1;
  private readonly listeners = new Set<FeedListener>();

  constructor(
    private readonly now: () => number,
    /** The user name of a user id, looked up only when a notification is turned into JSON. */
    private readonly nameOf: (userId: string) => string,
    readonly capacity = HISTORY,
  ) {
    this.ring = new Array<Entry | undefined>(capacity);
  }

  /** The delivery path, for every notification sent. */
  notification(userId: string, data: unknown, stamp: DeliveryExt, topic: string, copies: number): void {
    this.add({ id: ++this.lastId, sent: { userId, data, stamp, topic, copies } });
  }

  /** The delivery path, for a notification it keeps for an agent with no subscriber. */
  held(userId: string, data: unknown, dueAt: number, topic: string, waiting: number): void {
    this.add({ id: ++this.lastId, held: { at: this.now(), userId, data, dueAt, topic, waiting } });
  }

  operation(event: Omit<OperationEvent, 'type' | 'id' | 'at'>): void {
    this.addEvent({ type: 'operation', ...event });
  }

  fault(fired: FiredFault): void {
    const { at, faultId, spec, kind, agent, what } = fired;
    this.addEvent({ type: 'fault', faultId, spec, kind, agent, what }, at);
  }

  control(action: ControlEvent['action'], detail: string): void {
    this.addEvent({ type: 'control', action, detail });
  }

  client(change: ClientEvent['change'], agent: string, clientId: string, channel?: string): void {
    this.addEvent({ type: 'client', change, agent, clientId, ...(channel === undefined ? {} : { channel }) });
  }

  /** Forgets the history; the reset event is the first of the new one. Ids keep counting, so a page's Last-Event-ID stays meaningful. */
  reset(detail: string): void {
    this.ring.fill(undefined);
    this.firstId = this.lastId + 1;
    this.control('reset', detail);
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  listen(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /**
   * The kept events after `lastSeen` (every kept one when undefined), oldest first, as id and JSON.
   * A page that missed events the history no longer has gets a `gap` event first; one that has
   * seen ids this feed never gave (the simulator restarted) gets a gap with `restarted` and all.
   */
  replay(lastSeen?: number): { id: number; json: string }[] {
    const oldest = Math.max(this.firstId, this.lastId - this.capacity + 1);
    const restarted = lastSeen !== undefined && lastSeen > this.lastId;
    const from = lastSeen === undefined || restarted ? oldest : lastSeen + 1;
    const replayed: { id: number; json: string }[] = [];
    if (restarted || from < oldest) {
      const gap: FeedEvent = { type: 'gap', id: oldest - 1, at: this.now(), resumesAt: oldest, restarted };
      replayed.push({ id: gap.id, json: JSON.stringify(gap) });
    }
    for (let id = Math.max(from, oldest); id <= this.lastId; id++) replayed.push({ id, json: this.jsonOf(this.ring[id % this.capacity]!) });
    return replayed;
  }

  private addEvent(event: Unnumbered<Exclude<FeedEvent, { type: 'notification' | 'held' | 'gap' }>>, at = this.now()): void {
    const id = ++this.lastId;
    this.add({ id, event: { ...event, id, at } as FeedEvent });
  }

  private add(entry: Entry): void {
    this.ring[entry.id % this.capacity] = entry;
    if (this.listeners.size === 0) return;
    const json = this.jsonOf(entry);
    for (const listener of this.listeners) {
      try {
        listener(entry.id, json);
      } catch {
        // A page's broken connection must not break a delivery: its feed closes on its own.
      }
    }
  }

  private jsonOf(entry: Entry): string {
    if (entry.json === undefined) entry.json = JSON.stringify(this.wire(entry));
    return entry.json;
  }

  private wire(entry: Entry): FeedEvent {
    if ('event' in entry) return entry.event;
    if ('held' in entry) {
      const { at, userId, data, dueAt, topic, waiting } = entry.held;
      return { type: 'held', id: entry.id, at, agent: this.nameOf(userId), userId, topic, kind: kindOf(data), dueAt, waiting, data };
    }
    const { userId, data, stamp, topic, copies } = entry.sent;
    return { type: 'notification', id: entry.id, at: stamp.sentAt, agent: this.nameOf(userId), userId, topic, kind: kindOf(data), stamp, copies, data };
  }
}
