import type { Argv } from 'yargs';

export const DEFAULT_SERVER = 'http://127.0.0.1:8090';

/** yargs turns a non-number into NaN: echo what was typed for `--option` rather than "NaN". */
export function shown(value: number, option: string, argv: readonly string[] = process.argv): string {
  if (!Number.isNaN(value)) return String(value);
  let typed: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === `--${option}`) typed = argv[i + 1];
    else if (arg.startsWith(`--${option}=`)) typed = arg.slice(option.length + 3);
  });
  return typed === undefined ? 'something that is not a number' : `'${typed}', which is not a number`;
}

export function checkTimeScale(value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`--time-scale must be a number >= 0 (1 as written, 0.5 twice as fast, 0 at once), got ${shown(value, 'time-scale')}`);
  }
}

export function checkSeed(value: number): void {
  if (!Number.isSafeInteger(value)) throw new Error(`--seed must be an integer, got ${shown(value, 'seed')}`);
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

/**
 * Examples as an epilogue, each command on its own line and its meaning indented below: yargs'
 * .example() puts both side by side and breaks a long command mid-word at 80 columns.
 */
export function examples(list: readonly [command: string, meaning: string][]): string {
  return ['Examples:', ...list.map(([command, meaning]) => `  ${command}\n      ${meaning}`)].join('\n');
}

/** What to say when nothing answers at `server`. */
export function notRunning(server: string, reason: string): string {
  return `nothing answers at ${server} (${reason}). Is gws-sim running? Start it with 'gws-sim serve', or point --server at a running one`;
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
