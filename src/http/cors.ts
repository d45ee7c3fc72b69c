import type { RequestHandler } from 'express';
import { CSRF_HEADER, CSRF_TOKEN } from './access';

const ALLOW_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const ALLOW_HEADERS = `Authorization, Content-Type, ${CSRF_TOKEN}, X-Requested-With`;
const EXPOSE_HEADERS = `${CSRF_HEADER}, ${CSRF_TOKEN}`;
/** How long a browser may cache a preflight answer, s. */
const MAX_AGE_S = 600;

/**
 * CORS for /api/v2, as GWS's cross-origin settings answer it: only for the `allowOrigins`
 * (`--allow-origin`; "*" echoes any origin, which lets every web page the tester opens call
 * the API with the agent's cookie). The origin is echoed with credentials allowed, and a
 * preflight answers 204. Other origins get no CORS headers: their preflight goes on to the
 * usual GWS refusal, so the browser blocks the call.
 * A dozen lines of our own instead of the `cors` package: the rule is this one list, and the
 * refusal of other origins' preflights must stay the GWS error body.
 */
export function corsFor(allowOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin === undefined || !(allowOrigins.includes('*') || allowOrigins.includes(origin))) return next();
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
