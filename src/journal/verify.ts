import { describeEntry, describeFilter, matches, nearMisses, type RequestFilter } from './filter';
import type { JournalEntry } from './wire';

export interface Verdict {
  ok: boolean;
  /** The requests that match, oldest first. */
  matched: JournalEntry[];
  /** What failed and, when nothing or too little matched, the closest requests and what differed in each (empty when ok). */
  message: string;
}

/** How many requests `times` asks for, in words: exactly that many, or at least one when absent. */
function wanted(times: number | undefined): string {
  if (times === undefined) return 'at least one request';
  return `exactly ${times} request${times === 1 ? '' : 's'}`;
}

/** Whether the journal holds the requests the filter asks for: `times` exactly, or at least one. */
export function verify(filter: RequestFilter, entries: readonly JournalEntry[], times?: number): Verdict {
  const matched = entries.filter((entry) => matches(filter, entry));
  const ok = times === undefined ? matched.length > 0 : matched.length === times;
  if (ok) return { ok, matched, message: '' };
  const head = `expected ${wanted(times)} matching ${describeFilter(filter)}, found ${matched.length} (of ${entries.length} journaled)`;
  if (times !== undefined && matched.length > times) return { ok, matched, message: [`${head}:`, ...matched.slice(-10).map((e) => `  ${describeEntry(e)}`)].join('\n') };
  const misses = nearMisses(filter, entries);
  if (misses.length === 0) return { ok, matched, message: `${head}; nothing came close` };
  const closest = misses.flatMap(({ entry, differences }) => [`  ${describeEntry(entry)}`, ...differences.map((d) => `      ${d}`)]);
  return { ok, matched, message: [`${head}; the closest:`, ...closest].join('\n') };
}
