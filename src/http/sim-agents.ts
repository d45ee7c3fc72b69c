import { Router } from 'express';
import { gwsError } from '../errors';
import { MEDIA } from '../gws/media';
import { performOperation } from '../gws/operations/registry';
import type { AppDeps } from './app';
import { answerOperation, operationRequest } from './perform';

/**
 * `POST /sim/agents/{userName}/{collection}/{id}`: performs an agent's operation as that agent,
 * without its password (the dashboard's operation form, scripts). The body, the registry, the
 * refusals and their statusCodes are those of `POST /api/v2/me/{collection}/{id}`; `--csrf` does
 * not apply (it guards /api/v2), nor do REST faults, which stand for the desktop's own calls failing.
 */
export function agentOperationRoutes(deps: AppDeps): Router {
  const router = Router();
  for (const media of MEDIA) {
    router.post(`/agents/:agent/${media.collection}/:id`, (req, res) => {
      const caller = deps.model.userByName(req.params.agent);
      if (!caller) throw gwsError('AGENT_NOT_FOUND', req.params.agent, deps.model.users.map((u) => u.userName).join(', '));
      answerOperation(deps, res, { actor: 'agent', agent: caller.userName, via: 'sim' }, operationRequest(req.body, media.name, req.params.id), () =>
        performOperation(deps.model, caller, req.params.id, req.body, media.name),
      );
    });
  }
  return router;
}
