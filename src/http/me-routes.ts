import { Router } from 'express';
import { gwsError } from '../errors';
import { DEVICE_CHANNEL, FAMILIES } from '../gws/families';
import { deviceWire, phoneOf } from '../gws/families/voice/wire';
import { channelWire, userWire } from '../gws/wire';
import type { AppDeps } from './app';
import { userOf } from './authenticate';
import { sessionsView } from './session-view';
import { listAnswer } from './list-query';
import { answerOperation, operationRequest } from './perform';

/**
 * The agent itself, relative to /api/v2: who it is (with the subresources it asks for), its
 * channels, devices and skills, and the operations on them (StartContactCenterSession,
 * EndContactCenterSession, Ready and NotReady on /me; Ready and NotReady on a channel).
 */
export function meRoutes(deps: AppDeps): Router {
  const { model } = deps;
  const router = Router();
  const as = (userName: string) => ({ actor: 'agent' as const, agent: userName, via: 'rest' as const });
  const channelsOf = (userId: string) => model.channels.of(userId).filter((c) => c.channel !== DEVICE_CHANNEL).map(channelWire);
  const devicesOf = (userId: string) => [deviceWire(phoneOf(model, userId), deps.baseUrl())];
  const skillsOf = (userId: string) => model.userById(userId)?.skills ?? [];
  const meUri = () => `${deps.baseUrl()}/api/v2/me`;
  // What `subresources` may name, GWS's names; `*` is all of them. Features: what gws-sim serves
  // (modelled: the multimedia API for chats and Facebook, the voice API for calls).
  const subresources: Record<string, (userId: string) => unknown> = {
    features: () => FEATURES,
    settings: () => model.fixture.settings,
    skills: skillsOf,
    devices: devicesOf,
    channels: channelsOf,
    ...Object.fromEntries(FAMILIES.map((media) => [media.collection, (userId: string) => sessionsView(model, userId, media, deps.baseUrl(), deps.now())])),
  };

  router.get('/me', (req, res) => {
    const user = userOf(res);
    const wanted = requested(req.query.subresources, Object.keys(subresources));
    res.json({ statusCode: 0, user: { ...userWire(user, deps.baseUrl()), ...Object.fromEntries(wanted.map((name) => [name, subresources[name](user.id)])) } });
  });

  router.post('/me', (req, res) => {
    const caller = userOf(res);
    return answerOperation(deps, res, as(caller.userName), operationRequest(req.body, {}), { kind: 'agentState', user: caller.id, body: req.body });
  });

  // List GETs answer `uris` unless `fields` asks for the resources (list-query.ts).
  router.get('/me/channels', (req, res) => {
    res.json(listAnswer(req, 'channels', channelsOf(userOf(res).id), (c) => `${meUri()}/channels/${c.channel}`));
  });

  router.get('/me/devices', (req, res) => {
    res.json(listAnswer(req, 'devices', devicesOf(userOf(res).id), (d) => `${meUri()}/devices/${d.id}`));
  });

  router.get('/me/devices/:id', (req, res) => {
    const user = userOf(res);
    model.ownDevice(user, req.params.id);
    res.json({ statusCode: 0, device: devicesOf(user.id)[0] });
  });

  router.post('/me/devices/:id', (req, res) => {
    const caller = userOf(res);
    return answerOperation(deps, res, as(caller.userName), operationRequest(req.body, {}), { kind: 'device', user: caller.id, device: req.params.id, body: req.body });
  });

  router.get('/me/skills', (req, res) => {
    res.json(listAnswer(req, 'skills', skillsOf(userOf(res).id), (skill) => `${meUri()}/skills/${encodeURIComponent(skill.name)}`));
  });

  router.post('/me/channels/:channel', (req, res) => {
    const caller = userOf(res);
    const { channel } = req.params;
    return answerOperation(deps, res, as(caller.userName), operationRequest(req.body, { channel }), { kind: 'agentState', user: caller.id, channel, body: req.body });
  });

  return router;
}

/** The GWS features gws-sim serves: what `subresources=features` lists (modelled: the names are GWS's feature names). */
const FEATURES = ['api-multimedia', 'api-voice'];

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
