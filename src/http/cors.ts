import type { RequestHandler } from 'express';
import { refusedOrigin } from '../auth/origin';
import { gwsError } from '../errors';
import { shorten } from '../shown';
import { CSRF_HEADER, CSRF_TOKEN } from './access';

const ALLOW_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const ALLOW_HEADERS = `Authorization, Content-Type, ${CSRF_TOKEN}, X-Requested-With`;
const EXPOSE_HEADERS = `${CSRF_HEADER}, ${CSRF_TOKEN}`;
/** How long a browser may cache a preflight answer, s. */
const MAX_AGE_S = 600;
/** Refused origins the log names (each once): a page retrying, or many origins, cannot flood it. */
const MAX_ORIGINS_LOGGED = 32;

/**
 * CORS for /api/v2, as GWS's cross-origin settings answer it: only for the `allowOrigins`
 * (`--allow-origin`; "*" echoes any origin, which lets every web page the tester opens call
 * the API with the agent's cookie). The origin is echoed with credentials allowed, and a
 * preflight answers 204. Other origins get no CORS headers: their preflight gets the GWS
 * refusal 403 (statusCode 3, modelled: Spring's CORS filter answers 403 too) naming the option to
 * pass, and the log says so once per origin; their other calls get no CORS headers, so the browser
 * blocks them.
 * A dozen lines of our own instead of the `cors` package: the rule is this one list, and the
 * refusal of other origins' preflights must stay a GWS error body.
 */
export function corsFor(allowOrigins: readonly string[], log: (line: string) => void): RequestHandler {
  const logged = new Set<string>();
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin === undefined) return next();
    if (!(allowOrigins.includes('*') || allowOrigins.includes(origin))) {
      if (refusedOrigin(req.headers, allowOrigins) === undefined) return next(); // the simulator's own pages
      const preflight = req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined;
      // The header and the path are the client's, up to Node's 16 kB of headers: shown cut, as every echoed input.
      const shown = shorten(origin);
      if (!logged.has(origin) && logged.size < MAX_ORIGINS_LOGGED) {
        logged.add(origin);
        const answered = preflight ? 'its CORS preflight is refused' : 'it is answered without CORS headers';
        log(`a page of ${shown} calls ${req.method} ${shorten(req.originalUrl)}: ${answered}, so the browser blocks it. ${remedyFor(shown)}`);
      }
      return next(preflight ? gwsError('ORIGIN_NOT_ALLOWED', shown, remedyFor(shown)) : undefined);
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    res.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    if (req.method !== 'OPTIONS') return next();
    res.set('Access-Control-Allow-Methods', ALLOW_METHODS);
    res.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
    res.set('Access-Control-Max-Age', String(MAX_AGE_S));
    res.status(204).end();
  };
}

function remedyFor(origin: string): string {
  // file: pages and sandboxed frames send "null", which no option can name.
  if (origin === 'null') return 'A page opened from a file (Origin null) cannot be allowed: serve it over http and start gws-sim with --allow-origin <its origin>';
  return `Start gws-sim with --allow-origin ${origin} (createSimulator({allowOrigins: ['${origin}']}))`;
}
