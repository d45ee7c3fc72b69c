import defaultFixture from '../../src/gws/default-fixture.json';
import { loadFixture } from '../../src/gws/fixture';
import { createSimulator, type Simulator } from '../../src/simulator';
import { rest, type Auth } from '../helpers/rest';

const AGENT1: Auth = { user: 'agent1', password: 'agent1' };
const AGENT2: Auth = { user: 'agent2', password: 'agent2' };

let sim: Simulator;
afterEach(() => sim?.close());
const api = () => rest(sim.url);
const get = (path: string, auth: Auth = AGENT1) => api().get(path, auth);

describe('the start-up queries of real GWS clients', () => {
  beforeEach(async () => {
    sim = await createSimulator({ timeScale: 0 });
  });

  test('subresources=features,devices,channels,settings (a real client asks this) answers statusCode 0 with each', async () => {
    const { status, body } = await get('/api/v2/me?subresources=features,devices,channels,settings');
    expect([status, body.statusCode]).toEqual([200, 0]);
    expect(body.user).toMatchObject({ userName: 'agent1', features: ['api-multimedia', 'api-voice'], devices: [expect.objectContaining({ phoneNumber: '7001', deviceState: 'Active', telephonyNetwork: 'Private', doNotDisturb: 'Off' })], channels: [] });
    // The C# client reads user.settings as sections of key/value pairs.
    expect(Object.values(body.user.settings).every((section) => typeof section === 'object' && section !== null && !Array.isArray(section))).toBe(true);
    expect(body.user).not.toHaveProperty('chats');
  });

  test('subresources=* brings every subresource GWS names: features, settings, skills, devices, channels and the interaction collections', async () => {
    const { body } = await get('/api/v2/me?subresources=*');
    expect(Object.keys(body.user)).toEqual(expect.arrayContaining(['features', 'settings', 'skills', 'devices', 'channels', 'facebooksessions', 'chats']));
    expect(body.user.settings).toEqual(loadFixture().settings);
    expect(body.user.skills).toEqual([{ name: 'Chat', level: 5 }]);
    expect((await get('/api/v2/me?subresources=skills', AGENT2)).body.user.skills).toEqual([]);
  });

  test('list GETs answer uris unless fields asks for the resources (the RequestParameters page)', async () => {
    expect((await get('/api/v2/me/devices')).body).toEqual({ statusCode: 0, uris: [expect.stringMatching(/\/api\/v2\/me\/devices\/[0-9a-f-]{36}$/)] });
    expect((await get('/api/v2/me/devices?fields=*')).body).toEqual({ statusCode: 0, devices: [expect.objectContaining({ phoneNumber: '7001', deviceState: 'Active', telephonyNetwork: 'Private', doNotDisturb: 'Off' })] });
    expect((await get('/api/v2/me/skills')).body).toEqual({ statusCode: 0, uris: [`${sim.url}/api/v2/me/skills/Chat`] });
    expect((await get('/api/v2/me/skills?fields=*')).body).toEqual({ statusCode: 0, skills: [{ name: 'Chat', level: 5 }] });
    expect((await get('/api/v2/me/chats')).body).toEqual({ statusCode: 0, uris: [`${sim.url}/api/v2/chats/0000Na9B26EF002X`] });
    expect((await get('/api/v2/me/chats?fields=id,state,nothing')).body).toEqual({ statusCode: 0, chats: [{ id: '0000Na9B26EF002X', state: 'Chatting' }] });
    expect((await get('/api/v2/me/facebooksessions?fields=*')).body.facebooksessions.map((s: { id: string }) => s.id)).toEqual(['0002EaAY01MT0082']);

    await api().post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat'] }, AGENT2);
    expect((await get('/api/v2/me/channels', AGENT2)).body).toEqual({ statusCode: 0, uris: [`${sim.url}/api/v2/me/channels/chat`] });
    expect((await get('/api/v2/me/channels?fields=*', AGENT2)).body.channels).toMatchObject([{ channel: 'chat', userState: { state: 'NotReady' }, dndState: 'Off' }]);
  });

  test('refusals name what to give', async () => {
    const refused = async (path: string, pattern: RegExp) => {
      const { status, body } = await get(path);
      expect([status, body.statusCode, body.statusMessage]).toEqual([400, 1, expect.stringMatching(pattern)]);
    };
    await refused('/api/v2/me?subresources=emails', /^Invalid parameter 'subresources': no subresource 'emails'; give \* or some of features, settings, skills, devices, channels, facebooksessions, chats, calls/);
    await refused('/api/v2/me/chats?fields=', /^Invalid parameter 'fields': give \* for whole resources/);
    await refused('/api/v2/me/chats?fields=a&fields=b', /^Invalid parameter 'fields': expected one value/);
  });

  test('GET /api/v2/settings/agent-states lists the agent states a desktop offers, Ready, NotReady and the NotReady reasons', async () => {
    const { body } = await get('/api/v2/settings/agent-states');
    expect(body.statusCode).toBe(0);
    expect(body.settings.map((s: { displayName: string; state: string }) => `${s.displayName}:${s.state}`)).toEqual([
      'Ready:Ready',
      'Not Ready:NotReady',
      'AfterCallWork:NotReady',
      'AuxWork:NotReady',
      'Lunch:NotReady',
      'Break:NotReady',
    ]);
    expect((await rest(sim.url).get('/api/v2/settings/agent-states')).status).toBe(401);
  });
});

describe('a fixture with its own settings and agent states', () => {
  test('user.settings, the agent states and the userState they give come from it', async () => {
    const training = { id: 'TRAINING-1', operationName: 'NotReady', displayName: 'Training', state: 'NotReady' as const, workMode: 'AuxWork', reason: 'Training' };
    const ready = { id: 'READY-1', operationName: 'Ready', displayName: 'Available', state: 'Ready' as const };
    const notReady = { id: 'NOTREADY-1', operationName: 'NotReady', displayName: 'Away', state: 'NotReady' as const };
    const settings = { desktop: { theme: 'dark', 'chat.max': 3 } };
    sim = await createSimulator({ timeScale: 0, fixture: { ...defaultFixture, settings, agentStates: [ready, notReady, training] } as never });
    expect((await get('/api/v2/me?subresources=settings')).body.user.settings).toEqual(settings);
    expect((await get('/api/v2/settings/agent-states')).body.settings).toEqual([ready, notReady, training]);
    await api().post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat'] }, AGENT2);
    const userState = async () => (await get('/api/v2/me/channels?fields=*', AGENT2)).body.channels[0].userState;
    expect(await userState()).toEqual({ id: 'NOTREADY-1', displayName: 'Away', state: 'NotReady' });
    await api().post('/api/v2/me/channels/chat', { operationName: 'Ready' }, AGENT2);
    expect(await userState()).toEqual({ id: 'READY-1', displayName: 'Available', state: 'Ready' });
    await api().post('/api/v2/me/channels/chat', { operationName: 'NotReady', reason: 'Training' }, AGENT2);
    expect(await userState()).toEqual({ id: 'TRAINING-1', displayName: 'Training', state: 'NotReady', workMode: 'AuxWork', reason: 'Training' });
  });
});
