import { TestAgent, TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, kinds, useWorld } from '../helpers/operations';
import { rest } from '../helpers/rest';

const AGENT2 = { user: 'agent2', password: 'agent2' };
const CHANNELS = 'ChannelStateChangeMessageV2/undefined';
// The ids of Ready and NotReady are the voice pages' samples'; the others the default fixture's.
const USER_STATES: Record<string, Record<string, string>> = {
  Ready: { id: '9430250E-0A1B-421F-B372-F29E69366DED', displayName: 'Ready', state: 'Ready' },
  NotReady: { id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', displayName: 'Not Ready', state: 'NotReady' },
  Lunch: { id: '6A2B1C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D', displayName: 'Lunch', state: 'NotReady', workMode: 'AuxWork', reason: 'Lunch' },
  LoggedOut: { id: '1F0E9D8C-7B6A-4C5D-8E4F-3A2B1C0D9E8F', displayName: 'Logged Out', state: 'LoggedOut' },
};
const chat = (state: string, more: Record<string, string> = {}) => ({ channel: 'chat', userState: { ...USER_STATES[state], ...more }, dndState: 'Off' });

describe.each(TRANSPORTS)("the agent's day over %s", (transport: Transport) => {
  const world = useWorld(transport, 'chat');
  const clients: TestAgent[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });
  const api = () => rest(world().sim.url);

  test('login, Ready, NotReady with a reason, logout: each told on /v2/me/channels with the userState, to that agent alone', async () => {
    const onTopic = await TestAgent.login(world().sim.url, transport, 'agent2');
    clients.push(onTopic);
    expect((await onTopic.subscribe('/v2/me/channels')).successful).toBe(true);
    expect((await api().get('/api/v2/me/channels?fields=*', AGENT2)).body).toEqual({ statusCode: 0, channels: [] });

    const started = await world().me('agent2', 'StartContactCenterSession', { channels: ['chat'], place: 'Place2' });
    expect([started.status, started.body]).toEqual([200, { statusCode: 0 }]);
    expect((await world().onChannel('agent2', 'chat', 'Ready')).body).toEqual({ statusCode: 0 });
    expect((await world().onChannel('agent2', 'chat', 'NotReady', { reason: 'Lunch' })).body).toEqual({ statusCode: 0 });
    expect((await api().get('/api/v2/me/channels?fields=*', AGENT2)).body).toEqual({ statusCode: 0, channels: [chat('Lunch')] });
    expect((await world().me('agent2', 'EndContactCenterSession')).body).toEqual({ statusCode: 0 });

    const told = await world().take('agent2');
    expect(kinds(told)).toEqual([CHANNELS, CHANNELS, CHANNELS, CHANNELS]);
    expect(told.map((n) => n.channels)).toEqual([[chat('NotReady')], [chat('Ready')], [chat('Lunch')], [chat('LoggedOut')]]);
    const topic = await onTopic.waitFor(4);
    expect(topic.map((m) => [m.channel, m.data])).toEqual(told.map((n) => ['/v2/me/channels', n]));
    expect((await api().get('/api/v2/me/channels?fields=*', AGENT2)).body).toEqual({ statusCode: 0, channels: [] });
    expect(await world().take('agent1')).toEqual([]);
    expect(await world().take('agent3')).toEqual([]);
  });

  test('GET /api/v2/me?subresources=* adds the channels, devices and sessions; without it, the user alone', async () => {
    await world().readyOnChat('agent1');
    const me = (query: string) => api().get(`/api/v2/me${query}`, { user: 'agent1', password: 'agent1' });
    expect(Object.keys((await me('')).body.user).sort()).toEqual(['firstName', 'id', 'lastName', 'path', 'roles', 'uri', 'userName']);
    const { user } = (await me('?subresources=*')).body;
    expect(user).toMatchObject({ userName: 'agent1', devices: [expect.objectContaining({ phoneNumber: '7001', deviceState: 'Active', telephonyNetwork: 'Private', doNotDisturb: 'Off' })], channels: [chat('Ready')] });
    expect(user.chats.map((c: any) => [c.id, c.state])).toEqual([['0000Na9B26EF002X', 'Chatting']]);
    expect(user.facebooksessions.map((s: any) => [s.id, s.state])).toEqual([['0002EaAY01MT0082', 'Chatting']]);
    expect(Object.keys((await me('?subresources=channels')).body.user)).toContain('channels');
    expect(Object.keys((await me('?subresources=channels')).body.user)).not.toContain('chats');
    expect(Object.keys((await me('?subresources=channels,*')).body.user)).toEqual(Object.keys(user));
    expectRefusal(await me('?subresources=emails'), 400, 1, /^Invalid parameter 'subresources': no subresource 'emails'; give \* or some of features, settings, skills, devices, channels, facebooksessions, chats, calls/);
    expectRefusal(await me('?subresources=a&subresources=b'), 400, 1, /^Invalid parameter 'subresources': expected one value/);
  });

  test('Ready and NotReady on POST /api/v2/me act on every channel the agent is logged in on (as the JavaScript client posts them); a reason or workMode picks the agent state', async () => {
    await world().me('agent2', 'StartContactCenterSession', { channels: ['chat'] });
    expect((await world().me('agent2', 'Ready')).body).toEqual({ statusCode: 0 });
    expect((await world().me('agent2', 'NotReady', { workMode: 'AfterCallWork' })).body).toEqual({ statusCode: 0 });
    expect((await world().me('agent2', 'NotReady', { reason: 'Doctor', workMode: 'AuxWork' })).body).toEqual({ statusCode: 0 });
    const acw = { id: 'D3663509-3D82-4DD3-A82E-2EA8EFA02AEF', displayName: 'AfterCallWork', state: 'NotReady', workMode: 'AfterCallWork' };
    const told = await world().take('agent2');
    expect(kinds(told)).toEqual([CHANNELS, CHANNELS, CHANNELS, CHANNELS]);
    expect(told.map((n) => n.channels)).toEqual([
      [chat('NotReady')],
      [chat('Ready')],
      [{ channel: 'chat', userState: acw, dndState: 'Off' }],
      [chat('NotReady', { workMode: 'AuxWork', reason: 'Doctor' })],
    ]);
  });

  test('StartContactCenterSession with a channel gws-sim does not simulate: statusCode 7 and a result per channel; all failing: that channel alone', async () => {
    const partial = await world().me('agent2', 'StartContactCenterSession', { channels: ['email', 'chat'] });
    expect(partial.status).toBe(200);
    expect(partial.body).toEqual({
      statusCode: 7,
      statusMessage: 'Partial success: chat started; email failed (see results).',
      results: [
        { channel: 'email', statusCode: 1, statusMessage: expect.stringMatching(/^Cannot log in on channel 'email': gws-sim simulates only the channels chat, voice/) },
        { channel: 'chat', statusCode: 0 },
      ],
    });
    expect((await world().take('agent2')).map((n) => n.channels)).toEqual([[chat('NotReady')]]);
    expectRefusal(await world().me('agent3', 'StartContactCenterSession', { channels: ['email', 'sms'] }), 400, 1, /^Cannot log in on channel 'email'/);
    expect((await api().get('/api/v2/me/channels?fields=*', { user: 'agent3', password: 'agent3' })).body.channels).toEqual([]);
    expect(await world().take('agent3')).toEqual([]);
  });

  test('refusals: each with its statusCode and a message saying what to do; nobody is told anything', async () => {
    expectRefusal(await world().onChannel('agent2', 'chat', 'Ready'), 400, 2, /^Cannot Ready: agent2 is not logged in on channel chat\. Log in first: POST \/api\/v2\/me/);
    expectRefusal(await world().onChannel('agent2', 'email', 'Ready'), 404, 6, /^No channel email: gws-sim simulates only \/api\/v2\/me\/channels\/chat, \/api\/v2\/me\/channels\/voice\.$/);
    expectRefusal(await world().me('agent2', 'Ready'), 400, 2, /^Cannot Ready: agent2 is not logged in on channel chat\. Log in first/);
    expectRefusal(await world().me('agent2', 'Pause'), 400, 1, /^Unknown operationName 'Pause' for a user\. gws-sim supports: StartContactCenterSession, EndContactCenterSession, Ready, NotReady\.$/);
    expectRefusal(await world().onChannel('agent2', 'chat', 'StartContactCenterSession'), 400, 1, /^Unknown operationName 'StartContactCenterSession' for a channel\. gws-sim supports: Ready, NotReady\.$/);
    expectRefusal(await world().me('agent2', 'StartContactCenterSession'), 400, 1, /^Missing required parameter 'channels'/);
    expectRefusal(await world().me('agent2', 'StartContactCenterSession', { channels: 'chat' }), 400, 1, /^Invalid parameter 'channels'/);
    expectRefusal(await api().post('/api/v2/me', [1], AGENT2), 400, 1, /^Invalid parameter 'body'/);
    await world().readyOnChat('agent2');
    expectRefusal(await world().onChannel('agent2', 'chat', 'NotReady', { reason: 7 }), 400, 1, /^Invalid parameter 'reason'/);
    // agent1 chats in the fixture's chat: it may not log out before completing it.
    await world().me('agent1', 'StartContactCenterSession', { channels: ['chat'] });
    expectRefusal(await world().me('agent1', 'EndContactCenterSession'), 400, 2, /^Cannot EndContactCenterSession: agent1 still has chat 0000Na9B26EF002X offered or open\. Reject, Complete or Leave it first\.$/);
    await world().skip();
    expectRefusal(await world().me('agent1', 'EndContactCenterSession'), 400, 2, /still has chat/);
    expect((await world().me('agent3', 'EndContactCenterSession')).body).toEqual({ statusCode: 0 }); // never started: nothing to end
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await api().get('/api/v2/me/channels?fields=*', { user: 'agent1', password: 'agent1' })).body.channels).toEqual([chat('NotReady')]);
  });
});
