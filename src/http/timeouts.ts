import http from 'node:http';

export interface HttpTimeouts {
  /** Until the request's headers are in, ms (default 20 s). */
  headersMs?: number;
  /** Until the whole request is in, ms (default 60 s; above faye's 45 s long-poll hold, although a held poll is already received). */
  requestMs?: number;
  /** An idle keep-alive connection is closed after this, ms (default 5 s). */
  keepAliveMs?: number;
  /** A websocket that serves no CometD session (a handshake and its /meta/connect) this long after it opened is closed, ms (default 10 s, at most 60 s). */
  websocketHandshakeMs?: number;
}

const DEFAULTS: Required<HttpTimeouts> = { headersMs: 20_000, requestMs: 60_000, keepAliveMs: 5_000, websocketHandshakeMs: 10_000 };
/** The longest of each timeout, ms: Node fires a timer of 2^31 ms or more at once; an idle websocket may wait a minute. */
const MAXIMA: Required<HttpTimeouts> = { headersMs: 2 ** 31 - 1, requestMs: 2 ** 31 - 1, keepAliveMs: 2 ** 31 - 1, websocketHandshakeMs: 60_000 };
/** Node checks headers and request timeouts on an interval (30 s by default): check often enough for the shortest one. */
const MAX_CHECK_INTERVAL_MS = 5_000;

/** The timeouts with their defaults, checked: a RangeError names the one that is wrong. */
export function httpTimeoutsOf(timeouts: HttpTimeouts = {}): Required<HttpTimeouts> {
  const resolved = { ...DEFAULTS, ...timeouts };
  for (const [name, value] of Object.entries(resolved) as [keyof HttpTimeouts, number][]) {
    if (!Number.isInteger(value) || value < 1 || value > MAXIMA[name]) throw new RangeError(`httpTimeouts.${name} must be an integer from 1 to ${MAXIMA[name]} (ms), got ${value}`);
  }
  if (resolved.headersMs > resolved.requestMs) throw new RangeError(`httpTimeouts.headersMs (${resolved.headersMs}) must not exceed requestMs (${resolved.requestMs})`);
  return resolved;
}

/**
 * The simulator's HTTP server: a client that sends half a request, or opens connections and
 * sends nothing, has them closed (Node answers 408) instead of holding them for ever.
 */
export function createServer(app: http.RequestListener, timeouts: Required<HttpTimeouts>): http.Server {
  const { headersMs, requestMs, keepAliveMs } = timeouts;
  const server = http.createServer({ connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, Math.max(10, Math.floor(headersMs / 2))) }, app);
  server.headersTimeout = headersMs;
  server.requestTimeout = requestMs;
  server.keepAliveTimeout = keepAliveMs;
  return server;
}
