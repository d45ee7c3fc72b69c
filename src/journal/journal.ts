import { boundedIntegers, type Bound, type Naming } from '../bounds';
import type { JournalEntry } from './wire';

/** How much the journal keeps: its newest entries, at most this many and this many bytes (as JSON). */
export interface JournalLimits {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_JOURNAL_LIMITS: Readonly<JournalLimits> = Object.freeze({ maxEntries: 10_000, maxBytes: 8 * 1024 * 1024 });
/** The bounds of each limit (below the least bytes an entry with a full body would not fit), and its `serve` flag. */
export const JOURNAL_BOUNDS: Record<keyof JournalLimits, Bound> = {
  maxEntries: { min: 10, max: 1_000_000, flag: '--journal-entries' },
  maxBytes: { min: 64 * 1024, max: 1024 * 1024 * 1024, flag: '--journal-bytes' },
};

/** The limits given (a part of them, or none), checked against their bounds; throws a RangeError naming the option as `naming` does. */
export function journalLimitsOf(given: Partial<JournalLimits> = {}, naming: Naming<keyof JournalLimits> = { nameOf: (key) => `journal.${key}` }): JournalLimits {
  return boundedIntegers(JOURNAL_BOUNDS, DEFAULT_JOURNAL_LIMITS, given, naming);
}

/** An entry before the journal numbers it. */
export type Unnumbered<E> = E extends unknown ? Omit<E, 'id'> : never;

export type JournalListener = (entry: JournalEntry) => void;

/**
 * The request journal: every request to /api/v2 and every Bayeux meta message, newest kept, in a
 * ring bounded by count and by bytes (each entry's JSON, measured once). The one owner of what the
 * desktop sent: the REST middleware and the Bayeux extension record into it; /sim/requests, the
 * harness, scripts and the dashboard read it.
 */
export class Journal {
  // Filled as entries come (a large maxEntries costs nothing until used), then reused in a circle.
  private readonly ring: (JournalEntry | undefined)[] = [];
  private readonly sizes: number[] = [];
  private head = 0;
  private count = 0;
  private bytes = 0;
  private lastId = 0;
  /** Entries let go to keep within the limits, since the last clear. */
  private evicted = 0;
  private readonly listeners = new Set<JournalListener>();

  constructor(
    readonly limits: JournalLimits = DEFAULT_JOURNAL_LIMITS,
    /** The simulator's clock: when a request came. */
    readonly now: () => number = Date.now,
  ) {}

  record(unnumbered: Unnumbered<JournalEntry>): JournalEntry {
    const entry = { id: ++this.lastId, ...unnumbered } as JournalEntry;
    const size = Buffer.byteLength(JSON.stringify(entry));
    while (this.count > 0 && (this.count >= this.limits.maxEntries || this.bytes + size > this.limits.maxBytes)) this.dropOldest();
    const slot = (this.head + this.count) % this.limits.maxEntries;
    this.ring[slot] = entry;
    this.sizes[slot] = size;
    this.count++;
    this.bytes += size;
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A listener's failure (a test's matcher) must not fail the request being journaled.
      }
    }
    return entry;
  }

  /** The kept entries, oldest first. */
  entries(): JournalEntry[] {
    const list: JournalEntry[] = [];
    for (let i = 0; i < this.count; i++) list.push(this.ring[(this.head + i) % this.limits.maxEntries]!);
    return list;
  }

  /** Forgets every entry (a reset, DELETE /sim/requests); ids keep counting. */
  clear(): void {
    this.ring.length = 0;
    this.sizes.length = 0;
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    this.evicted = 0;
  }

  /** Calls `listener` with every entry from now on; returns the function that stops it. */
  listen(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What it holds against its limits; `evicted`: entries let go since the last clear. */
  stats(): { entries: number; bytes: number; evicted: number } & JournalLimits {
    return { entries: this.count, bytes: this.bytes, evicted: this.evicted, ...this.limits };
  }

  private dropOldest(): void {
    this.bytes -= this.sizes[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.limits.maxEntries;
    this.count--;
    this.evicted++;
  }
}
