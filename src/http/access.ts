import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Authenticator } from '../auth/authenticator';
import { gwsError } from '../errors';
import { userOf } from './authenticate';

/** GWS's CSRF headers: a GET answers both; a state-changing request sends the token back. */
export const CSRF_HEADER = 'X-CSRF-HEADER';
export const CSRF_TOKEN = 'X-CSRF-TOKEN';
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The /sim controls when the simulator has an admin token: `Authorization: Bearer <token>` or
 * `X-Admin-Token: <token>` (statusCode 20 otherwise). Without a token they are open, which
 * createSimulator allows only on a loopback host.
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

function adminTokenOf(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return bearer?.[1] ?? req.get('x-admin-token');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * GWS's optional CSRF protection (after `authenticate`): every answer carries
 * `X-CSRF-HEADER: X-CSRF-TOKEN` and the session's `X-CSRF-TOKEN`; POST, PUT, PATCH and DELETE
 * without that token are refused with HTTP 403.
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
    next();
  };
}
