import { Router } from 'express';
import { gwsError } from '../errors';
import { MEDIA } from '../gws/media';
import type { Session } from '../gws/model';
import { capabilitiesOf, performOperation } from '../gws/operations/registry';
import { sessionWire, userWire } from '../gws/wire';
import type { AppDeps } from './app';
import { userOf } from './authenticate';
import { answerOperation, operationRequest } from './perform';

/** The GWS v2 resources gws-sim serves, relative to /api/v2: one collection per medium of the registry. */
export function gwsRoutes(deps: AppDeps): Router {
  const { model } = deps;
  const router = Router();
  // A session as this agent sees it: its own state and capabilities.
  const viewOf = (session: Session, userId: string) =>
    sessionWire(session, deps.baseUrl(), { state: session.states[userId], capabilities: capabilitiesOf(session, userId) });

  router.get('/me', (_req, res) => {
    res.json({ statusCode: 0, user: userWire(userOf(res), deps.baseUrl()) });
  });

  router.get('/users/:id', (req, res) => {
    const user = model.userById(req.params.id);
    if (!user) throw gwsError('USER_NOT_FOUND', req.params.id);
    res.json({ statusCode: 0, user: userWire(user, deps.baseUrl()) });
  });

  for (const media of MEDIA) {
    router.get(`/me/${media.collection}`, (_req, res) => {
      const user = userOf(res);
      const sessions = model.sessionsOf(user.id).filter((s) => s.media === media.name);
      res.json({ statusCode: 0, [media.collection]: sessions.map((s) => viewOf(s, user.id)) });
    });

    // GWS documentation before 2019 writes the Facebook path singular: both are served.
    for (const collection of [media.collection, ...media.aliases]) {
      router.get(`/me/${collection}/:id`, (req, res) => {
        const user = userOf(res);
        const { session } = model.sessionFor(user, req.params.id);
        if (session.media !== media.name) throw gwsError('SESSION_NOT_FOUND', req.params.id);
        res.json({ statusCode: 0, [media.resource]: viewOf(session, user.id) });
      });

      router.post(`/me/${collection}/:id`, (req, res) => {
        const caller = userOf(res);
        answerOperation(deps, res, { actor: 'agent', agent: caller.userName, via: 'rest' }, operationRequest(req.body, media.name, req.params.id), () =>
          performOperation(model, caller, req.params.id, req.body, media.name),
        );
      });
    }
  }

  return router;
}
