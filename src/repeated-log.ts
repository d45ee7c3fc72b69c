/** How long a kind of line stays quiet after it was logged, ms. */
export const QUIET_MS = 60_000;

/**
 * A log for lines a client can make the server repeat at will (a flood of refused or idle
 * websockets): the first line of each kind is logged, then at most one a `quietMs`, which says how
 * many of that kind went unlogged since. The kinds are a few fixed names, so what it keeps is bounded.
 */
export function repeatedLog(log: (line: string) => void, now: () => number = Date.now, quietMs = QUIET_MS): (kind: string, line: string) => void {
  const kinds = new Map<string, { loggedAt: number; unlogged: number }>();
  return (kind, line) => {
    const seen = kinds.get(kind);
    const at = now();
    if (seen !== undefined && at - seen.loggedAt < quietMs) {
      seen.unlogged++;
      return;
    }
    const more = seen === undefined || seen.unlogged === 0 ? '' : ` (and ${seen.unlogged} more like it since the last such line)`;
    log(`${line}${more}`);
    kinds.set(kind, { loggedAt: at, unlogged: 0 });
  };
}
