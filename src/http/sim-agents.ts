import { Router } from 'express';
import { gwsError } from '../errors';
import { FAMILIES } from '../gws/families';
import type { User } from '../gws/fixture';
import { performAgentState, performCreating, performOnDevice, performOperation } from '../gws/operations/registry';
import type { AppDeps } from './app';
import { answerOperation, operationRequest } from './perform';
import { listed } from '../shown';

/**
 * `POST /sim/agents/{userName}/{collection}/{id}`, `/sim/agents/{userName}`,
 * `/sim/agents/{userName}/channels/{channel}`, `/sim/agents/{userName}/devices/{deviceId}` and
 * `.../devices/{deviceId}/calls`: performs an agent's operation as that agent, without its password
 * (the dashboard's operation form, scripts). The body, the registry, the refusals and their
 * statusCodes are those of the same path under `/api/v2/me`; `--csrf` does not apply (it guards
 * /api/v2), nor do REST faults, which stand for the desktop's own calls failing.
 */
export function agentOperationRoutes(deps: AppDeps): Router {
  const router = Router();
  const agent = (name: string): User => {
    const caller = deps.model.userByName(name);
    if (!caller) throw gwsError('AGENT_NOT_FOUND', name, listed(deps.model.users.map((u) => u.userName)));
    return caller;
  };
  const as = (caller: User) => ({ actor: 'agent' as const, agent: caller.userName, via: 'sim' as const });
  for (const media of FAMILIES) {
    router.post(`/agents/:agent/${media.collection}/:id`, (req, res) => {
      const caller = agent(req.params.agent);
      answerOperation(deps, res, as(caller), operationRequest(req.body, { media: media.name, session: req.params.id }), (now) =>
        performOperation(deps.model, caller, req.params.id, req.body, media.name, now),
      );
    });
  }
  router.post('/agents/:agent', (req, res) => {
    const caller = agent(req.params.agent);
    answerOperation(deps, res, as(caller), operationRequest(req.body, {}), (now) => performAgentState(deps.model, caller, undefined, req.body, now));
  });
  router.post('/agents/:agent/channels/:channel', (req, res) => {
    const caller = agent(req.params.agent);
    const { channel } = req.params;
    answerOperation(deps, res, as(caller), operationRequest(req.body, { channel }), (now) => performAgentState(deps.model, caller, channel, req.body, now));
  });
  // The agent's phone: Dial (creates a call), DoNotDisturbOn and DoNotDisturbOff.
  router.post('/agents/:agent/devices/:id/calls', (req, res) => {
    const caller = agent(req.params.agent);
    answerOperation(deps, res, as(caller), operationRequest(req.body, { media: 'voice' }), (now) => performCreating(deps.model, caller, req.params.id, req.body, 'voice', now));
  });
  router.post('/agents/:agent/devices/:id', (req, res) => {
    const caller = agent(req.params.agent);
    answerOperation(deps, res, as(caller), operationRequest(req.body, {}), (now) => performOnDevice(deps.model, caller, req.params.id, req.body, now));
  });
  return router;
}
