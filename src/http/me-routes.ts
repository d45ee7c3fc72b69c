import { Router } from 'express';
import { gwsError } from '../errors';
import { MEDIA } from '../gws/media';
import { performAgentState } from '../gws/operations/registry';
import { channelWire, userWire } from '../gws/wire';
import type { AppDeps } from './app';
import { userOf } from './authenticate';
import { sessionsView } from './session-view';
import { answerOperation, operationRequest } from './perform';

/**
 * The agent itself, relative to /api/v2: who it is, its channels, and the operations on them
 * (StartContactCenterSession and EndContactCenterSession on /me, Ready and NotReady on a channel).
 */
export function meRoutes(deps: AppDeps): Router {
  const { model } = deps;
  const router = Router();
  const as = (userName: string) => ({ actor: 'agent' as const, agent: userName, via: 'rest' as const });
  const channelsOf = (userId: string) => model.channels.of(userId).map(channelWire);
  // What `subresources` may name; `*` is all of them (devices: gws-sim simulates none).
  const subresources: Record<string, (userId: string) => unknown> = {
    devices: () => [],
    channels: channelsOf,
    ...Object.fromEntries(MEDIA.map((media) => [media.collection, (userId: string) => sessionsView(model, userId, media, deps.baseUrl())])),
  };

  router.get('/me', (req, res) => {
    const user = userOf(res);
    const wanted = requested(req.query.subresources, Object.keys(subresources));
    res.json({ statusCode: 0, user: { ...userWire(user, deps.baseUrl()), ...Object.fromEntries(wanted.map((name) => [name, subresources[name](user.id)])) } });
  });

  router.post('/me', (req, res) => {
    const caller = userOf(res);
    answerOperation(deps, res, as(caller.userName), operationRequest(req.body, {}), () => performAgentState(model, caller, undefined, req.body));
  });

  router.get('/me/channels', (_req, res) => {
    res.json({ statusCode: 0, channels: channelsOf(userOf(res).id) });
  });

  router.post('/me/channels/:channel', (req, res) => {
    const caller = userOf(res);
    const { channel } = req.params;
    answerOperation(deps, res, as(caller.userName), operationRequest(req.body, { channel }), () => performAgentState(model, caller, channel, req.body));
  });

  return router;
}

/** The subresources `?subresources=` names: `*`, or names separated by commas; none when absent. */
function requested(query: unknown, known: string[]): string[] {
  if (query === undefined) return [];
  const hint = `give * or some of ${known.join(', ')}, separated by commas`;
  if (typeof query !== 'string') throw gwsError('INVALID_PARAMETER', 'subresources', `expected one value; ${hint}`);
  const names = query.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.includes('*')) return known;
  const unknown = names.find((n) => !known.includes(n));
  if (unknown !== undefined) throw gwsError('INVALID_PARAMETER', 'subresources', `no subresource '${unknown}'; ${hint}`);
  return [...new Set(names)];
}
