import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { cookie, SESSION_COOKIE, type Authenticator } from '../auth/authenticator';
import { refusedOrigin } from '../auth/origin';
import { gwsError } from '../errors';
import { userOf } from './authenticate';

/** GWS's CSRF headers: a GET answers both; a state-changing request sends the token back. */
export const CSRF_HEADER = 'X-CSRF-HEADER';
export const CSRF_TOKEN = 'X-CSRF-TOKEN';
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];
/**
 * Where a browser keeps the admin token for the dashboard: a page load and an EventSource cannot
 * send a header. HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it).
 */
export const ADMIN_COOKIE = 'GWS_SIM_ADMIN';

/**
 * The admin token /sim requires on `host`: the one given (8 or more characters without spaces, as it
 * goes into an HTTP header), none on a loopback host, and a generated one on any other host.
 */
export function adminTokenFor(host: string, given: string | undefined): string | undefined {
  if (given !== undefined) return checkAdminToken(given);
  return isLoopback(host) ? undefined : randomBytes(18).toString('base64url');
}

/** The token, if it can go into an HTTP header and is not trivially short; throws a RangeError naming `option`. */
export function checkAdminToken(token: string, option = 'adminToken'): string {
  if (!/^\S{8,}$/.test(token)) throw new RangeError(`${option} must be at least 8 characters without spaces (it goes into an HTTP header)`);
  return token;
}

/** Whether only this machine can reach `host`. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The /sim controls when the simulator has an admin token: `Authorization: Bearer <token>`,
 * `X-Admin-Token: <token>` or the dashboard's cookie (statusCode 20 otherwise). Without a token
 * they are open, which createSimulator allows only on a loopback host.
 */
export function requireAdminToken(token: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (token === undefined) return next();
    const sent = adminTokenOf(req);
    if (sent === undefined) return next(gwsError('ADMIN_TOKEN_REQUIRED', `no admin token was sent with ${req.method} ${req.originalUrl}`));
    if (!sameSecret(sent, token)) return next(gwsError('ADMIN_TOKEN_REQUIRED', 'the admin token is wrong'));
    next();
  };
}

/**
 * Web-page protection for /sim: a page the tester has open must not reset the simulator or arm
 * faults. A state-changing request with an Origin other than the simulator's own is refused (a
 * browser sends one with every cross-site POST or DELETE; scripts and test code send none). While
 * /sim is open (no admin token, a loopback host), a request must also name a loopback host in its
 * Host header: a page that rebinds its own DNS name to 127.0.0.1 sends its own name there.
 */
export function noWebPages(options: { open: boolean }): RequestHandler {
  return (req, _res, next) => {
    const host = req.get('host');
    if (options.open && host === undefined) {
      return next(gwsError('CROSS_SITE_REFUSED', `${req.method} ${req.originalUrl} carries no Host header`, 'send Host: 127.0.0.1:PORT (HTTP/1.1 clients do), or start gws-sim with --admin-token'));
    }
    if (options.open && host !== undefined && !isLoopbackHostHeader(host)) {
      return next(
        gwsError(
          'CROSS_SITE_REFUSED',
          `${req.method} ${req.originalUrl} names the host ${JSON.stringify(host)}, not a loopback address`,
          'use 127.0.0.1 or localhost, or start gws-sim with --admin-token to reach /sim by another name',
        ),
      );
    }
    if (SAFE_METHODS.includes(req.method) || refusedOrigin(req.headers, []) === undefined) return next();
    next(gwsError('CROSS_SITE_REFUSED', `${req.method} ${req.originalUrl} comes from a page of ${JSON.stringify(req.get('origin'))}`, 'send it from a script or test, which sends no Origin header'));
  };
}

/** A Host header (name or address, with an optional port) that can only mean this machine. */
function isLoopbackHostHeader(header: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${header}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  return isLoopback(hostname.replace(/^\[(.*)\]$/, '$1')) || hostname.endsWith('.localhost');
}

function adminTokenOf(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return bearer?.[1] ?? req.get('x-admin-token') ?? adminCookieOf(req);
}

/** The cookie's token: Express percent-encodes a cookie's value. */
function adminCookieOf(req: Request): string | undefined {
  const value = cookie(req.headers.cookie, ADMIN_COOKIE);
  try {
    return value === undefined ? undefined : decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The dashboard's way in with an admin token: `GET /?token=<token>` once sets the HttpOnly cookie
 * and redirects to the page without the token in its address (nor in the browser's history).
 * A wrong token is refused as a wrong header is (statusCode 20).
 */
export function adminTokenFromQuery(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    const sent = req.query.token;
    if (sent === undefined) return next();
    if (token === undefined) return res.redirect(303, req.path);
    if (typeof sent !== 'string' || !sameSecret(sent, token)) return next(gwsError('ADMIN_TOKEN_REQUIRED', 'the admin token in ?token= is wrong'));
    res.cookie(ADMIN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict' });
    res.redirect(303, req.path);
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * GWS's optional CSRF protection (after `authenticate`): every answer carries
 * `X-CSRF-HEADER: X-CSRF-TOKEN` and the session's `X-CSRF-TOKEN`; POST, PUT, PATCH and DELETE
 * without that token are refused with HTTP 403, and so are those without the session's JSESSIONID
 * cookie: GWS keeps the token with the HTTP session and says a client needs a cookie store (the
 * CSRFProtection page).
 */
export function csrfProtection(authenticator: Authenticator): RequestHandler {
  return (req, res, next) => {
    const token = authenticator.csrfToken(userOf(res));
    res.set(CSRF_HEADER, CSRF_TOKEN);
    res.set(CSRF_TOKEN, token);
    if (SAFE_METHODS.includes(req.method)) return next();
    const sent = req.get(CSRF_TOKEN);
    if (sent === undefined) return next(gwsError('CSRF_TOKEN_INVALID', `${req.method} ${req.originalUrl} carries no ${CSRF_TOKEN} header`));
    if (!sameSecret(sent, token)) return next(gwsError('CSRF_TOKEN_INVALID', `the ${CSRF_TOKEN} header is not the token of this user's session`));
    if (cookie(req.headers.cookie, SESSION_COOKIE) !== authenticator.sessionOf(userOf(res))) {
      return next(gwsError('CSRF_TOKEN_INVALID', `${req.method} ${req.originalUrl} does not carry the ${SESSION_COOKIE} cookie of the token's session (GWS keeps the token with the HTTP session: send back the cookie this server set, as a cookie store does)`));
    }
    next();
  };
}
