/** Where a cluster's Redis is: what `--redis redis://HOST:PORT[/DB]` names. */
export interface RedisAddress {
  host: string;
  port: number;
  /** The database number, 0 to 15 (Redis's default count of databases). */
  db: number;
  password?: string;
  /** The URL as given, without its password: what logs and errors show. */
  shown: string;
}

const MAX_DB = 15;

/** Reads a redis:// URL; a malformed one throws a RangeError saying what is expected. */
export function parseRedisUrl(text: string): RedisAddress {
  const expected = 'expected redis://HOST:PORT, e.g. redis://127.0.0.1:6379 (optionally redis://:PASSWORD@HOST:PORT/DB)';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`--redis ${JSON.stringify(text)} is not a URL: ${expected}`);
  }
  if (url.protocol !== 'redis:') throw new RangeError(`--redis ${JSON.stringify(text)} is not a redis:// URL (rediss://, TLS, is not supported): ${expected}`);
  if (url.hostname === '') throw new RangeError(`--redis ${JSON.stringify(text)} names no host: ${expected}`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > MAX_DB) throw new RangeError(`--redis ${JSON.stringify(text)}: the database must be a number from 0 to ${MAX_DB}, got ${JSON.stringify(dbText)}`);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, db, ...(password === undefined ? {} : { password }), shown: `redis://${url.host}${db === 0 ? '' : `/${db}`}` };
}
