import { Router } from 'express';
import { gwsError } from '../errors';
import { FAMILIES } from '../gws/families';
import type { User } from '../gws/fixture';
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
      return answerOperation(deps, res, as(caller), operationRequest(req.body, { media: media.name, session: req.params.id }), { kind: 'operation', user: caller.id, session: req.params.id, body: req.body, media: media.name });
    });
  }
  router.post('/agents/:agent', (req, res) => {
    const caller = agent(req.params.agent);
    return answerOperation(deps, res, as(caller), operationRequest(req.body, {}), { kind: 'agentState', user: caller.id, body: req.body });
  });
  router.post('/agents/:agent/channels/:channel', (req, res) => {
    const caller = agent(req.params.agent);
    const { channel } = req.params;
    return answerOperation(deps, res, as(caller), operationRequest(req.body, { channel }), { kind: 'agentState', user: caller.id, channel, body: req.body });
  });
  // The agent's phone: Dial (creates a call), DoNotDisturbOn and DoNotDisturbOff.
  router.post('/agents/:agent/devices/:id/calls', (req, res) => {
    const caller = agent(req.params.agent);
    return answerOperation(deps, res, as(caller), operationRequest(req.body, { media: 'voice' }), { kind: 'create', user: caller.id, device: req.params.id, body: req.body, media: 'voice' });
  });
  router.post('/agents/:agent/devices/:id', (req, res) => {
    const caller = agent(req.params.agent);
    return answerOperation(deps, res, as(caller), operationRequest(req.body, {}), { kind: 'device', user: caller.id, device: req.params.id, body: req.body });
  });
  return router;
}
