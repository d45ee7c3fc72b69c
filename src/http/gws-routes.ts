import { Router } from 'express';
import { gwsError } from '../errors';
import { FAMILIES } from '../gws/families';
import { userWire } from '../gws/wire';
import type { AppDeps } from './app';
import { userOf } from './authenticate';
import { meRoutes } from './me-routes';
import { answerOperation, operationRequest } from './perform';
import { listAnswer } from './list-query';
import { sessionsView, viewOf } from './session-view';
import { settingsRoutes } from './settings-routes';

/** The GWS v2 resources gws-sim serves, relative to /api/v2: the agent itself, and one collection per medium of the registry. */
export function gwsRoutes(deps: AppDeps): Router {
  const { model } = deps;
  const router = Router();
  router.use(meRoutes(deps));
  router.use(settingsRoutes(deps));

  router.get('/users/:id', (req, res) => {
    const user = model.userById(req.params.id);
    if (!user) throw gwsError('USER_NOT_FOUND', req.params.id);
    res.json({ statusCode: 0, user: userWire(user, deps.baseUrl()) });
  });

  for (const media of FAMILIES) {
    router.get(`/me/${media.collection}`, (req, res) => {
      res.json(listAnswer(req, media.collection, sessionsView(model, userOf(res).id, media, deps.baseUrl(), deps.now()), (s) => String(s.uri)));
    });

    // GWS documentation before 2019 writes the Facebook path singular: both are served.
    for (const collection of [media.collection, ...media.aliases]) {
      router.get(`/me/${collection}/:id`, (req, res) => {
        const user = userOf(res);
        const { session } = model.sessionFor(user, req.params.id, media.name);
        res.json({ statusCode: 0, [media.resource]: viewOf(model, session, user.id, deps.baseUrl(), deps.now()) });
      });

      router.post(`/me/${collection}/:id`, (req, res) => {
        const caller = userOf(res);
        const { id } = req.params;
        return answerOperation(deps, res, { actor: 'agent', agent: caller.userName, via: 'rest' }, operationRequest(req.body, { media: media.name, session: id }), { kind: 'operation', user: caller.id, session: id, body: req.body, media: media.name });
      });
    }
  }

  // Dial: a call made from the agent's own device (the Dial page).
  router.post('/me/devices/:id/calls', (req, res) => {
    const caller = userOf(res);
    const { id } = req.params;
    return answerOperation(deps, res, { actor: 'agent', agent: caller.userName, via: 'rest' }, operationRequest(req.body, { media: 'voice' }), { kind: 'create', user: caller.id, device: id, body: req.body, media: 'voice' });
  });

  return router;
}
