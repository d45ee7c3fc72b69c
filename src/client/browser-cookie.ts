import { randomBytes } from 'node:crypto';
import { BROWSER_COOKIE } from '../bayeux/binding';

/**
 * Gives the client's long-polling transport a cookie jar of its own, holding a BAYEUX_BROWSER id of
 * its own, which the server binds its session to. The Node XMLHttpRequest otherwise shares one jar
 * among all clients of the process: clients that handshake at the same time would each be given an
 * id, keep the last one, and be refused (402) for sessions bound to the others.
 */
export function ownBrowserCookie(cometd: { findTransport(name: string): unknown }, url: string): void {
  const transport = cometd.findTransport('long-polling') as { context?: unknown } | null;
  if (!transport) return;
  const id = randomBytes(16).toString('hex');
  transport.context = { cookieStore: { [new URL(url).hostname]: { [BROWSER_COOKIE]: `${BROWSER_COOKIE}=${id}` } } };
}
