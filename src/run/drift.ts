/** How late notifications arrived against their schedule (arrival minus due time), in ms. */
export interface Drift {
  count: number;
  medianMs?: number;
  maxMs?: number;
}

export function lateness(values: readonly number[]): Drift {
  if (values.length === 0) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { count: sorted.length, medianMs: median, maxMs: sorted[sorted.length - 1] };
}
