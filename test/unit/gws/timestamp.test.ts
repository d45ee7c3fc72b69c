import { gwsTimestamp } from '../../../src/gws/timestamp';

const FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

/** The `+hhmm` the zone of this process gives `date`, from getTimezoneOffset (minutes west of UTC). */
function offsetOf(date: Date): string {
  const east = -date.getTimezoneOffset();
  const abs = Math.abs(east);
  return `${east >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The expected text, from Date's local getters in whatever zone the test runs. */
function expected(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}${offsetOf(d)}`
  );
}

describe('gwsTimestamp', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each([
    ['the documentation sample', 1445433199000],
    ['a time with milliseconds', 1445433199007],
    ['the epoch', 0],
    ['a summer date', Date.UTC(2024, 6, 15, 12, 30, 45, 123)],
    ['a winter date', Date.UTC(2024, 0, 15, 23, 59, 59, 999)],
  ])('writes %s as local time with the offset', (_what, epochMs) => {
    const text = gwsTimestamp(epochMs);
    expect(text).toMatch(FORMAT);
    expect(text).toBe(expected(epochMs));
    expect(text.slice(-5)).toBe(offsetOf(new Date(epochMs)));
  });

  it('pads month, day, hours, minutes, seconds and milliseconds', () => {
    const epochMs = new Date(2015, 0, 2, 3, 4, 5, 6).getTime();
    expect(gwsTimestamp(epochMs)).toBe(`2015-01-02 03:04:05.006${offsetOf(new Date(epochMs))}`);
  });

  it('denotes the same instant as the epoch milliseconds', () => {
    const epochMs = 1445433199123;
    const text = gwsTimestamp(epochMs);
    const iso = `${text.slice(0, 10)}T${text.slice(11, 23)}${text.slice(23, 26)}:${text.slice(26)}`;
    expect(Date.parse(iso)).toBe(epochMs);
  });

  // The zone of the process cannot be changed from inside a Jest test, so other zones are
  // simulated through getTimezoneOffset, the only input of the offset part.
  it.each([
    [0, '+0000'],
    [-180, '+0300'],
    [-330, '+0530'],
    [-345, '+0545'],
    [-840, '+1400'],
    [300, '-0500'],
    [210, '-0330'],
    [570, '-0930'],
    [720, '-1200'],
  ])('writes getTimezoneOffset() %i as %s', (minutesWest, suffix) => {
    jest.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(minutesWest);
    const text = gwsTimestamp(1445433199000);
    expect(text).toMatch(FORMAT);
    expect(text.slice(-5)).toBe(suffix);
  });
});
