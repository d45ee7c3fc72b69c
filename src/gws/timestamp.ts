/**
 * GWS writes timestamps as local time with the UTC offset, `yyyy-MM-dd HH:mm:ss.SSS+hhmm`
 * (e.g. `2015-10-21 16:13:19.000+0300`), beside `timestampSeconds`, epoch milliseconds.
 */
export function gwsTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const offset = -date.getTimezoneOffset();
  // Every notification of a burst is stamped with the same few milliseconds: format each once
  // (per zone offset: a process may change its TZ).
  if (epochMs !== last.epochMs || offset !== last.offset) last = { epochMs, offset, text: format(date, offset) };
  return last.text;
}

let last = { epochMs: NaN, offset: NaN, text: '' };

function format(date: Date, offset: number): string {
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}${pad(offset % 60)}`
  );
}
