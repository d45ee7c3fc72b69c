import type { RequestHandler } from 'express';
import { cookie, SESSION_COOKIE, type Authenticator } from '../auth/authenticator';
import { gwsError } from '../errors';
import type { User } from '../gws/fixture';

/** The authenticated agent of a request, set by `authenticate`. */
export function userOf(res: { locals: Record<string, unknown> }): User {
  return res.locals.user as User;
}

/**
 * Every /api/v2 call needs HTTP Basic or the JSESSIONID cookie (statusCode 20 otherwise). A
 * call that does not carry the user's session cookie receives it, as GWS does, so that later
 * calls and the CometD handshake can use the cookie.
 */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return (req, res, next) => {
    const result = authenticator.fromHeaders(req.headers);
    if (!result.ok) return next(gwsError('ACCESS_DENIED', result.reason));
    res.locals.user = result.user;
    const sessionId = authenticator.openSession(result.user);
    if (sessionId !== cookie(req.headers.cookie, SESSION_COOKIE)) {
      // Lax: a desktop page on another port of the same host is the same site and sends it;
      // a page of another site does not (README "Security and limits").
      res.cookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax' });
    }
    next();
  };
}
