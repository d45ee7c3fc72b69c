import { Router } from 'express';
import { gwsError, GwsError } from '../errors';
import { performOperation } from '../gws/operations';
import { sessionWire, userWire } from '../gws/wire';
import type { AppDeps } from './app';
import { userOf } from './authenticate';

/** The GWS v2 resources gws-sim serves, relative to /api/v2. */
export function gwsRoutes(deps: AppDeps): Router {
  const { model } = deps;
  const router = Router();

  router.get('/me', (_req, res) => {
    res.json({ statusCode: 0, user: userWire(userOf(res), deps.baseUrl()) });
  });

  router.get('/users/:id', (req, res) => {
    const user = model.userById(req.params.id);
    if (!user) throw gwsError('USER_NOT_FOUND', req.params.id);
    res.json({ statusCode: 0, user: userWire(user, deps.baseUrl()) });
  });

  router.get('/me/facebooksessions', (_req, res) => {
    const sessions = model.sessionsOf(userOf(res).id);
    res.json({ statusCode: 0, facebooksessions: sessions.map((s) => sessionWire(s, deps.baseUrl())) });
  });

  // GWS documentation before 2019 writes the path singular: both are served.
  for (const collection of ['facebooksessions', 'facebooksession']) {
    router.get(`/me/${collection}/:id`, (req, res) => {
      const { session } = model.sessionFor(userOf(res), req.params.id);
      res.json({ statusCode: 0, facebooksession: sessionWire(session, deps.baseUrl()) });
    });

    router.post(`/me/${collection}/:id`, (req, res) => {
      const caller = userOf(res);
      const operation = typeof req.body?.operationName === 'string' ? req.body.operationName : '(no operationName)';
      try {
        const outcome = performOperation(model, caller, req.params.id, req.body);
        deps.log(`${caller.userName} ${operation} on ${req.params.id}: statusCode 0, referenceId ${outcome.referenceId}`);
        res.json({ statusCode: 0 });
        deps.onOutcome(outcome);
      } catch (error) {
        if (error instanceof GwsError) deps.log(`${caller.userName} ${operation} on ${req.params.id}: statusCode ${error.statusCode}, ${error.message}`);
        throw error;
      }
    });
  }

  return router;
}
