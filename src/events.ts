import type { ReceivedOn } from './bayeux/channels';
import type { DeliveryExt } from './delivery/stamp';
import type { ClientEvent, ControlEvent, FeedEvent, OperationEvent } from './events-wire';
import type { FiredFault } from './faults/types';
import type { JournalEntry } from './journal/wire';
import { kindOf } from './scenario/expect';

export type { FeedEvent } from './events-wire';

/** Events kept for a page opened late, or one that reconnects (GET /sim/events). */
export const HISTORY = 1000;
/** And at most this much of their JSON: a thousand big notifications would hold a copy of each. */
export const HISTORY_BYTES = 2 * 1024 * 1024;
/** A notification whose event is larger goes on the feed without its data (GET /sim/state has the session). */
export const MAX_EVENT_BYTES = 256 * 1024;

/** A notification as Deliveries sent it: references only, turned into JSON when a page reads it. */
interface Sent {
  userId: string;
  data: unknown;
  stamp: DeliveryExt;
  topic: string;
  copies: number;
  receivedOn: readonly ReceivedOn[];
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
  /** The first id not forgotten to keep the JSON within `maxBytes`. */
  private keptFrom = 1;
  /** The length of the JSON the kept entries hold. */
  private bytes = 0;
  private readonly listeners = new Set<FeedListener>();

  constructor(
    private readonly now: () => number,
    /** The user name of a user id, looked up only when a notification is turned into JSON. */
    private readonly nameOf: (userId: string) => string,
    readonly capacity = HISTORY,
    readonly maxBytes = HISTORY_BYTES,
  ) {
    this.ring = new Array<Entry | undefined>(capacity);
  }

  /** The delivery path, for every notification sent. */
  notification(userId: string, data: unknown, stamp: DeliveryExt, topic: string, copies: number, receivedOn: readonly ReceivedOn[]): void {
    this.add({ id: ++this.lastId, sent: { userId, data, stamp, topic, copies, receivedOn } });
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

  /** The request journal, for every request it keeps. */
  request(request: JournalEntry): void {
    this.addEvent({ type: 'request', request }, request.at);
  }

  client(change: ClientEvent['change'], agent: string, clientId: string, channel?: string): void {
    this.addEvent({ type: 'client', change, agent, clientId, ...(channel === undefined ? {} : { channel }) });
  }

  /** An event another node of a cluster told (src/cluster/relay.ts), numbered here as it comes. */
  relayed(json: string): void {
    const event = JSON.parse(json) as FeedEvent;
    const id = ++this.lastId;
    this.add({ id, event: { ...event, id } });
  }

  /** Forgets the history; the reset event is the first of the new one. Ids keep counting, so a page's Last-Event-ID stays meaningful. */
  reset(detail: string): void {
    this.ring.fill(undefined);
    this.bytes = 0;
    this.firstId = this.lastId + 1;
    this.control('reset', detail);
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  listen(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The id of the last event (0 before the first). */
  get lastEventId(): number {
    return this.lastId;
  }

  /** The length of the JSON the history holds (at most `maxBytes`, and one event more). */
  get historyBytes(): number {
    return this.bytes;
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /**
   * The kept events after `lastSeen` (every kept one when undefined), oldest first, as id and JSON,
   * at most `maxBytes` of them (the newest). A page that missed events the history no longer has
   * (or that do not fit) gets a `gap` event first; one that has seen ids this feed never gave (the
   * simulator restarted) gets a gap with `restarted` and all.
   */
  replay(lastSeen?: number, maxBytes = this.maxBytes): { id: number; json: string }[] {
    const restarted = lastSeen !== undefined && lastSeen > this.lastId;
    const wanted = lastSeen === undefined || restarted ? 1 : lastSeen + 1;
    const replayed: { id: number; json: string }[] = [];
    let bytes = 0;
    // Newest first, so that what does not fit is the oldest; making JSON may forget older entries.
    let id = this.lastId;
    for (; id >= Math.max(wanted, this.oldest); id--) {
      const json = this.jsonOf(this.ring[id % this.capacity]!);
      bytes += Buffer.byteLength(json);
      if (bytes > maxBytes && replayed.length > 0) break;
      replayed.push({ id, json });
    }
    const resumesAt = id + 1;
    if (restarted || (lastSeen !== undefined && resumesAt > wanted)) {
      const gap: FeedEvent = { type: 'gap', id: resumesAt - 1, at: this.now(), resumesAt, restarted };
      replayed.push({ id: gap.id, json: JSON.stringify(gap) });
    }
    return replayed.reverse();
  }

  /** The oldest id still kept: since the last reset, within the capacity and the bytes. */
  private get oldest(): number {
    return Math.max(this.firstId, this.keptFrom, this.lastId - this.capacity + 1);
  }

  private addEvent(event: Unnumbered<Exclude<FeedEvent, { type: 'notification' | 'held' | 'gap' }>>, at = this.now()): void {
    const id = ++this.lastId;
    this.add({ id, event: { ...event, id, at } as FeedEvent });
  }

  private add(entry: Entry): void {
    const slot = entry.id % this.capacity;
    this.bytes -= this.ring[slot]?.json?.length ?? 0;
    this.ring[slot] = entry;
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
    if (entry.json !== undefined) return entry.json;
    let json = JSON.stringify(this.wire(entry));
    if (json.length > MAX_EVENT_BYTES) json = JSON.stringify(elided(this.wire(entry), json.length));
    entry.json = json;
    this.bytes += json.length;
    this.forgetBeyondBytes(entry.id);
    return json;
  }

  /** Forgets the oldest entries until their JSON fits in `maxBytes`, but never `keep` or a newer one. */
  private forgetBeyondBytes(keep: number): void {
    while (this.bytes > this.maxBytes && this.oldest < keep) {
      const slot = this.oldest % this.capacity;
      this.bytes -= this.ring[slot]?.json?.length ?? 0;
      this.ring[slot] = undefined;
      this.keptFrom = this.oldest + 1;
    }
  }

  private wire(entry: Entry): FeedEvent {
    if ('event' in entry) return entry.event;
    if ('held' in entry) {
      const { at, userId, data, dueAt, topic, waiting } = entry.held;
      return { type: 'held', id: entry.id, at, agent: this.nameOf(userId), userId, topic, kind: kindOf(data), dueAt, waiting, data };
    }
    const { userId, data, stamp, topic, copies, receivedOn } = entry.sent;
    return { type: 'notification', id: entry.id, at: stamp.sentAt, agent: this.nameOf(userId), userId, topic, receivedOn, kind: kindOf(data), stamp, copies, data };
  }
}

/**
 * An event too large for the feed, without what made it large: a notification's data, or what an operation changed
 * (user data may be set to megabytes: a page would be closed on each such event, reconnect and get it again).
 */
function elided(event: FeedEvent, size: number): FeedEvent {
  switch (event.type) {
    case 'notification':
    case 'held':
      return { ...event, data: null, elided: size };
    case 'operation': {
      const { changed: _changed, ...rest } = event;
      return { ...rest, elided: size };
    }
    default:
      return event;
  }
}
