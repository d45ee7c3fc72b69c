import type { Argv } from 'yargs';

export const DEFAULT_SERVER = 'http://127.0.0.1:8090';

/** yargs turns a non-number into NaN: say "not a number" rather than "NaN". */
export function shown(value: number): string {
  return Number.isNaN(value) ? 'something that is not a number' : String(value);
}

export function checkTimeScale(value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`--time-scale must be a number >= 0 (1 as written, 0.5 twice as fast, 0 at once), got ${shown(value)}`);
  }
}

export function checkSeed(value: number): void {
  if (!Number.isSafeInteger(value)) throw new Error(`--seed must be an integer, got ${shown(value)}`);
}

export function checkServer(value: string | undefined): void {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // said below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new Error(`--server must be an http(s) URL such as ${DEFAULT_SERVER}, got '${value}'`);
}

/** The options of every command that talks to a running gws-sim. */
export function serverOptions<T>(cli: Argv<T>, required: boolean) {
  return cli
    .option('server', {
      type: 'string',
      ...(required ? { default: DEFAULT_SERVER } : {}),
      describe: required ? 'The running gws-sim to talk to' : 'A running gws-sim to run against, instead of an embedded one',
    })
    .option('admin-token', { type: 'string', describe: "The server's --admin-token, for its /sim endpoints" })
    .option('json', { type: 'boolean', default: false, describe: 'One JSON object per line, for machines' });
}

export { adminHeaders } from '../client/rest';
