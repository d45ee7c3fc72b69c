import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request's `Origin` may use the credentials a browser attaches by itself (the
 * JSESSIONID cookie, a cached HTTP Basic login). faye answers every Origin with
 * `Access-Control-Allow-Credentials: true`, so without this check any web page the agent opens
 * could handshake with the agent's cookie and read its notifications. Allowed: no Origin
 * (curl, Node, Java clients), the simulator's own origin, and the `allowOrigins` list ("*": any).
 * Returns why the origin is refused, or undefined when it is allowed.
 */
export function refusedOrigin(headers: IncomingHttpHeaders, allowOrigins: readonly string[]): string | undefined {
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  if (allowOrigins.includes('*') || allowOrigins.includes(origin)) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    // "null" (sandboxed frames, file: pages) and garbage are cross-origin
  }
  // The simulator serves http only: https://same-host:port or ftp://... is another origin.
  if (url !== undefined && url.protocol === 'http:' && headers.host !== undefined && url.host === headers.host) return undefined;
  return (
    `the Origin ${JSON.stringify(origin)} is not this simulator's and not allowed to use cookie or Basic credentials; ` +
    `start gws-sim with --allow-origin ${origin === 'null' ? '<origin>' : origin}, or authenticate in the handshake ext`
  );
}

/** An --allow-origin value as browsers send it in `Origin`: scheme://host[:port], or "*". */
export function normalizeOrigin(value: string): string {
  if (value === '*') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--allow-origin must be an origin such as http://localhost:3000, or *; got '${value}'`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new Error(`--allow-origin must be an http(s) origin, got '${value}'`);
  return url.origin;
}
