import type { RequestHandler } from 'express';
import { SESSION_COOKIE, type Authenticator } from '../auth/authenticator';
import { gwsError } from '../errors';
import type { User } from '../gws/fixture';

/** The authenticated agent of a request, set by `authenticate`. */
export function userOf(res: { locals: Record<string, unknown> }): User {
  return res.locals.user as User;
}

/**
 * Every /api/v2 call needs HTTP Basic or the JSESSIONID cookie (statusCode 20 otherwise). A
 * Basic-authenticated call that has no session yet receives one, as GWS does, so that later
 * calls and the CometD handshake can use the cookie.
 */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return (req, res, next) => {
    const result = authenticator.fromHeaders(req.headers);
    if (!result.ok) return next(gwsError('ACCESS_DENIED', result.reason));
    res.locals.user = result.user;
    if (result.sessionId === undefined) {
      res.cookie(SESSION_COOKIE, authenticator.openSession(result.user), { path: '/', httpOnly: true });
    }
    next();
  };
}
