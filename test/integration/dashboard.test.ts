import { createSimulator, type Simulator } from '../../src/simulator';
import { REGISTRY } from '../../src/gws/operations/registry';
import { AGENT1_ID, AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { readFeed } from '../helpers/feed';
import { rawRequest, rest, type RestResponse } from '../helpers/rest';

/** The dashboard's page and its endpoints under /sim: protection, the registry as forms see it, operations by user name, the feed. */
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const HTML = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const TOKEN = 'dash-s3cret';
const REMOVE = { operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` };
const asAgent = (agent: string, session = SESSION_ID) => `/sim/agents/${agent}/facebooksessions/${session}`;

function expectRefusal(response: RestResponse, statusCode: number, httpStatus: number, says: RegExp) {
  expect({ status: response.status, body: response.body }).toEqual({ status: httpStatus, body: { statusCode, statusMessage: expect.stringMatching(says) } });
}

describe('GET / for a browser', () => {
  test('is the dashboard: its script and styles from the simulator only, never framed, no Referer', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const page = await fetch(`${sim.url}/`, { headers: HTML });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/sim/dashboard/app.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/sim/dashboard/app.css">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const script = await fetch(`${sim.url}/sim/dashboard/app.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, expect.stringMatching(/javascript/)]);
    expect(await script.text()).toMatch(/^\/\* gws-sim dashboard\. Bundled: .*preact .*htm /);
    expect((await fetch(`${sim.url}/sim/dashboard/app.css`)).status).toBe(200);
    expect((await fetch(`${sim.url}/sim/dashboard/nothing.js`)).status).toBe(404);
  });

  test('without an admin token, only on a loopback Host: a rebound DNS name gets a refusal page, and no feed', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const rebound = `evil.example:${sim.port}`;
    const page = await rawRequest(sim.url, 'GET', '/', { ...HTML, Host: rebound });
    expect(page.status).toBe(403);
    expect(page.raw['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(`names the host &#34;${rebound}&#34;, not a loopback address`);
    expect(page.raw['x-frame-options']).toBe('DENY');
    expect((await rawRequest(sim.url, 'GET', '/sim/events', { Host: rebound })).status).toBe(403);
    expect((await rawRequest(sim.url, 'GET', '/', { ...HTML, Host: `localhost:${sim.port}` })).status).toBe(200);
  });

  test('with an admin token: refused without it, /?token= once sets an HttpOnly cookie that the page, the feed and /sim accept', async () => {
    sim = await createSimulator({ timeScale: 0, adminToken: TOKEN });
    const refused = await fetch(`${sim.url}/`, { headers: HTML });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('/?token=&lt;token&gt;');
    expect((await fetch(`${sim.url}/?token=wrong-token`, { headers: HTML })).status).toBe(401);

    const entry = await fetch(`${sim.url}/?token=${TOKEN}`, { headers: HTML, redirect: 'manual' });
    expect([entry.status, entry.headers.get('location')]).toEqual([303, '/']);
    const [setCookie] = entry.headers.getSetCookie();
    expect(setCookie).toBe(`GWS_SIM_ADMIN=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    const cookie = setCookie.split(';')[0];

    expect((await fetch(`${sim.url}/`, { headers: { ...HTML, Cookie: cookie } })).status).toBe(200);
    expect((await fetch(`${sim.url}/sim/state`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await fetch(`${sim.url}/sim/state`, { headers: { Cookie: 'GWS_SIM_ADMIN=not-the-token' } })).status).toBe(401);
    // readFeed throws unless the answer is an event stream.
    await expect(readFeed(`${sim.url}/sim/events`, () => true, { Cookie: cookie })).resolves.toEqual([]);
    await expect(readFeed(`${sim.url}/sim/events`, () => true)).rejects.toThrow(/not an event stream: HTTP 401/);
    expect((await rest(sim.url).request('POST', '/sim/reset', undefined, { cookie })).status).toBe(200);
    // The cookie also goes with a page of another origin on the same site (another port): its writes are refused by their Origin.
    const fromPage = await fetch(`${sim.url}/sim/reset`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://127.0.0.1:3000' } });
    expect(fromPage.status).toBe(403);
    expect(await fetch(`${sim.url}/sim/reset`, { method: 'POST', headers: { Cookie: cookie, Origin: sim.url } }).then((r) => r.status)).toBe(200);
    // Programs keep their JSON, token or not.
    expect(await (await fetch(`${sim.url}/`)).json()).toMatchObject({ statusCode: 0, name: 'gws-sim' });
  });

  test('a token with characters a cookie percent-encodes still works', async () => {
    sim = await createSimulator({ timeScale: 0, adminToken: 'a/b+c=d;e,f' });
    const entry = await fetch(`${sim.url}/?token=${encodeURIComponent('a/b+c=d;e,f')}`, { headers: HTML, redirect: 'manual' });
    const cookie = entry.headers.getSetCookie()[0].split(';')[0];
    expect((await fetch(`${sim.url}/sim/state`, { headers: { Cookie: cookie } })).status).toBe(200);
  });
});

describe('GET /sim/operations', () => {
  test('lists every registered operation with its parameters as JSON Schema, the media, and the fault forms', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const { body } = await rest(sim.url).get('/sim/operations');
    expect(body.statusCode).toBe(0);
    expect(body.media).toEqual([
      { name: 'facebook', collection: 'facebooksessions', resource: 'facebooksession', topic: '/v2/me/facebooksession' },
      { name: 'chat', collection: 'chats', resource: 'chat', topic: '/v2/me/chats' },
      { name: 'voice', collection: 'calls', resource: 'call', topic: '/v2/me/calls' },
    ]);
    const names = [...body.agentOperations, ...body.customerOperations, ...body.agentStateOperations].map((o: { name: string }) => o.name);
    expect(names.sort()).toEqual(REGISTRY.map((o) => o.name).sort());
    expect(body.agentStateOperations.map((o: { name: string; target: string }) => `${o.name}:${o.target}`)).toEqual([
      'StartContactCenterSession:me',
      'EndContactCenterSession:me',
      'Ready:channel',
      'NotReady:channel',
      'DoNotDisturbOn:device',
      'DoNotDisturbOff:device',
    ]);
    expect(body.channels).toEqual(['chat', 'voice']);
    expect(body.deviceChannel).toBe('voice');
    // Dial creates a call from the agent's device: the form posts it there, not to a session.
    expect(body.agentOperations.filter((o: { creates?: boolean }) => o.creates)).toEqual([
      expect.objectContaining({ media: 'voice', name: 'Dial', creates: true, path: '/sim/agents/{user}/devices/{device}/calls', parameters: expect.objectContaining({ required: ['destination'] }) }),
    ]);
    const remove = body.agentOperations.find((o: { name: string }) => o.name === 'RemoveParticipantFromConference');
    expect(remove).toMatchObject({ media: 'facebook', states: ['Chatting'], parameters: { type: 'object', properties: { targetPath: { format: 'gws-user-path' }, targetUri: { format: 'gws-user-uri' } } } });
    const send = body.agentOperations.find((o: { name: string }) => o.name === 'SendMessage');
    expect(send.parameters).toMatchObject({ properties: { text: { type: 'string' } }, required: ['text'] });
    const offer = body.customerOperations.find((o: { creates: boolean }) => o.creates);
    expect(offer).toMatchObject({ name: 'Offer', path: '/sim/facebooksessions', parameters: { properties: { offerTo: { format: 'gws-user-name' } }, required: ['offerTo'] } });
    expect(body.customerOperations.find((o: { name: string }) => o.name === 'CustomerMessage').path).toBe('/sim/facebooksessions/{id}/messages');
    expect(body.faults.map((f: { kind: string }) => f.kind)).toEqual(['drop', 'duplicate', 'reorder', 'delay', 'session-drop', 'cut', 'rest', 'async-error']);
  });
});

describe('POST /sim/agents/{user}/{collection}/{id}', () => {
  test('performs the operation as that agent: the same answer and notifications as over REST, reported on the feed', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1');
    const answer = await rest(sim.url).post(asAgent('agent1'), REMOVE);
    expect([answer.status, answer.body]).toEqual([200, { statusCode: 0 }]);
    await sim.expect({ agent1: ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'] });
    const consult = await rest(sim.url).post(asAgent('agent1'), { operationName: 'Consult', targetPath: `/users/${AGENT2_ID}` });
    expect(consult.body).toEqual({ statusCode: 0, referenceId: 2 });
    await agent1.disconnect();

    const frames = await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.operation === 'Consult'));
    const operations = frames.map((f) => f.data).filter((e) => e.type === 'operation');
    expect(operations).toEqual([
      expect.objectContaining({ actor: 'agent', agent: 'agent1', operation: 'RemoveParticipantFromConference', media: 'facebook', session: SESSION_ID, via: 'sim', statusCode: 0 }),
      expect.objectContaining({ agent: 'agent1', operation: 'Consult', statusCode: 0, answer: { referenceId: 2 } }),
    ]);
    const notifications = frames.map((f) => f.data).filter((e) => e.type === 'notification' && e.agent === 'agent1');
    expect(notifications.map((n) => [n.kind, n.stamp.seq])).toEqual([['Notice', 1], ['ParticipantsUpdated', 2], ['ParticipantLeft', 3]]);
  });

  test('a performed operation carries what it changed, as GET /sim/state shows it: the page follows the state without reading it all again', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await rest(sim.url).post(asAgent('agent1'), { operationName: 'SendMessage', text: 'Hello' });
    const offered = await rest(sim.url).post('/sim/facebooksessions', { offerTo: 'agent3', customer: 'Alice', text: 'Hi' });
    await rest(sim.url).post('/sim/agents/agent3', { operationName: 'StartContactCenterSession', channels: ['chat'] });
    const frames = await readFeed(`${sim.url}/sim/events`, (f) => f.filter((e) => e.data.type === 'operation').length >= 3);
    const [sent, offer, login] = frames.map((f) => f.data).filter((e) => e.type === 'operation').map((e) => e.changed);
    const state = sim.state();
    const inState = (id: string) => state.facebooksessions.find((s) => s.id === id)!;
    const { messages, ...withoutLog } = inState(SESSION_ID);
    expect(sent).toEqual({ sessions: [{ collection: 'facebooksessions', session: withoutLog, logged: [messages.at(-1)] }] });
    expect(messages.at(-1)).toMatchObject({ type: 'Text', text: 'Hello' });
    // A new session comes with its whole log.
    const { messages: log, ...created } = inState(String(offered.body.id));
    expect(offer).toEqual({ sessions: [{ collection: 'facebooksessions', session: created, logged: log }] });
    expect(login).toEqual({ users: [{ userName: 'agent3', channels: [{ channel: 'chat', id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', displayName: 'Not Ready', state: 'NotReady' }], doNotDisturb: false }], sessions: [] });
    expect(state.lastEventId).toBeGreaterThanOrEqual(frames.at(-1)!.id);
  });

  test('refuses as POST /api/v2/me/... does, with the same statusCodes, never a 5xx', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    expectRefusal(await api.post(asAgent('agent9'), REMOVE), 6, 404, /^No user named 'agent9'; the users are agent1, agent2, agent3\.$/);
    expectRefusal(await api.post(asAgent('agent1'), { operationName: 'Dance' }), 1, 400, /^Unknown operationName 'Dance'/);
    expectRefusal(await api.post(asAgent('agent1'), {}), 1, 400, /^Missing required parameter 'operationName'/);
    expectRefusal(await api.post(asAgent('agent1'), '"RemoveParticipantFromConference"'), 1, 400, /^Invalid parameter 'body'/);
    expectRefusal(await api.post(asAgent('agent1'), { operationName: 'SendMessage' }), 1, 400, /^Missing required parameter 'text'/);
    expectRefusal(await api.post(asAgent('agent1'), { operationName: 'Accept' }), 2, 400, /^Cannot Accept: the session is Chatting for agent1/);
    expectRefusal(await api.post(asAgent('agent2'), { operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT1_ID}` }), 3, 403, /visibility is Agents/);
    expectRefusal(await api.post(asAgent('agent3'), REMOVE), 6, 404, /agent3: the agent is not one of its participants/);
    expectRefusal(await api.post(asAgent('agent1', 'no-such-session'), REMOVE), 6, 404, /^No facebooksession no-such-session\./);
    // An unknown user is refused before any operation: the other 8 are on the feed.
    const refusals = (await readFeed(`${sim.url}/sim/events`, (f) => f.length >= 8)).map((f) => f.data);
    expect(refusals.map((e) => [e.agent, e.operation, e.statusCode])).toEqual([
      ['agent1', 'Dance', 1],
      ['agent1', '(no operationName)', 1],
      ['agent1', '(no operationName)', 1],
      ['agent1', 'SendMessage', 1],
      ['agent1', 'Accept', 2],
      ['agent2', 'RemoveParticipantFromConference', 3],
      ['agent3', 'RemoveParticipantFromConference', 6],
      ['agent1', 'RemoveParticipantFromConference', 6],
    ]);
    expect(refusals.every((e) => typeof e.statusMessage === 'string' && e.via === 'sim')).toBe(true);
  });

  test("the agent's day as that agent: log in on /sim/agents/{user}, Ready on .../channels/{channel}, on the feed with the channel; refusals as over REST", async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    expect((await api.post('/sim/agents/agent3', { operationName: 'StartContactCenterSession', channels: ['chat'] })).body).toEqual({ statusCode: 0 });
    expect((await api.post('/sim/agents/agent3/channels/chat', { operationName: 'Ready' })).body).toEqual({ statusCode: 0 });
    expect(sim.state().users.find((u) => u.userName === 'agent3')!.channels).toMatchObject([{ channel: 'chat', state: 'Ready' }]);
    expectRefusal(await api.post('/sim/agents/agent3/channels/email', { operationName: 'Ready' }), 6, 404, /email/);
    expectRefusal(await api.post('/sim/agents/agent9/channels/chat', { operationName: 'Ready' }), 6, 404, /^No user named 'agent9'/);
    expectRefusal(await api.post('/sim/agents/agent2/channels/chat', { operationName: 'Ready' }), 2, 400, /agent2/);
    const operations = (await readFeed(`${sim.url}/sim/events`, (f) => f.filter((e) => e.data.type === 'operation').length >= 4)).map((f) => f.data).filter((e) => e.type === 'operation');
    expect(operations.map((e) => [e.agent, e.operation, e.channel, e.media, e.statusCode])).toEqual([
      ['agent3', 'StartContactCenterSession', undefined, undefined, 0],
      ['agent3', 'Ready', 'chat', undefined, 0],
      ['agent3', 'Ready', 'email', undefined, 6],
      ['agent2', 'Ready', 'chat', undefined, 2],
    ]);
  });

  test("the agent's phone as that agent: Dial on .../devices/{id}/calls, do-not-disturb on .../devices/{id}; GET /sim/state and the feed show the phones", async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    const [agent1, agent2] = sim.state().users;
    expect(agent1).toMatchObject({ userName: 'agent1', deviceId: expect.stringMatching(/^[0-9a-f-]{36}$/), phoneNumber: '7001', doNotDisturb: false });
    expect(agent2).toMatchObject({ userName: 'agent2', phoneNumber: '7002' });
    const device = (await api.get('/api/v2/me/devices?fields=*', { user: 'agent1', password: 'agent1' })).body.devices[0];
    expect(device.id).toBe(agent1.deviceId);

    expect((await api.post(`/sim/agents/agent2/devices/${agent2.deviceId}`, { operationName: 'DoNotDisturbOn' })).body).toEqual({ statusCode: 0 });
    expect(sim.state().users[1].doNotDisturb).toBe(true);
    expectRefusal(await api.post(`/sim/agents/agent1/devices/${agent1.deviceId}/calls`, { operationName: 'Dial', destination: { phoneNumber: '7002' } }), 2, 400, /do-not-disturb/);
    expect((await api.post(`/sim/agents/agent2/devices/${agent2.deviceId}`, { operationName: 'DoNotDisturbOff' })).body).toEqual({ statusCode: 0 });
    const callee = await sim.agent('agent2');
    try {
      expect((await api.post(`/sim/agents/agent1/devices/${agent1.deviceId}/calls`, { operationName: 'Dial', destination: { phoneNumber: '7002' } })).body).toEqual({ statusCode: 0 });
      await expect(callee.waitFor({ kind: 'StatusChange', match: { 'call.state': 'Ringing', 'call.callType': 'Internal' } })).resolves.toBeDefined();
    } finally {
      await callee.disconnect();
    }
    // As over REST: another agent's device is not the caller's (statusCode 6), a device operation is not a call's.
    expectRefusal(await api.post(`/sim/agents/agent1/devices/${agent2.deviceId}/calls`, { operationName: 'Dial', destination: { phoneNumber: '7003' } }), 6, 404, new RegExp(agent2.deviceId));
    expectRefusal(await api.post(`/sim/agents/agent1/devices/${agent1.deviceId}`, { operationName: 'Dial' }), 1, 400, /^Unknown operationName 'Dial'/);
    expectRefusal(await api.post(`/sim/agents/agent9/devices/${agent1.deviceId}`, { operationName: 'DoNotDisturbOn' }), 6, 404, /^No user named 'agent9'/);

    // An unknown user is refused before any operation: not on the feed.
    const operations = (await readFeed(`${sim.url}/sim/events`, (f) => f.filter((e) => e.data.type === 'operation').length >= 6)).map((f) => f.data).filter((e) => e.type === 'operation');
    expect(operations.map((e) => [e.agent, e.operation, e.statusCode, e.via])).toEqual([
      ['agent2', 'DoNotDisturbOn', 0, 'sim'],
      ['agent1', 'Dial', 2, 'sim'],
      ['agent2', 'DoNotDisturbOff', 0, 'sim'],
      ['agent1', 'Dial', 0, 'sim'],
      ['agent1', 'Dial', 6, 'sim'],
      ['agent1', 'Dial', 1, 'sim'],
    ]);
    expect(operations[0].changed.users).toEqual([{ userName: 'agent2', channels: [], doNotDisturb: true }]);
    expect(operations[3].changed.sessions[0]).toMatchObject({ collection: 'calls', session: { receivedDate: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/), agentStates: { agent1: 'Dialing', agent2: 'Ringing' }, call: { ani: '7001', dnis: '7002', callType: 'Internal' } } });
  });

  test("a call's ties in GET /sim/state and in an operation's change, agents by user name: the consultation, the consultations started from the original, a conference's owner", async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    const offered = await api.post('/sim/calls', { from: '+14155550100', offerTo: 'agent1' });
    const connId: string = offered.body.id;
    const original = sim.state().calls[0].legs!.agent1.id;
    expect((await api.post(`/sim/agents/agent1/calls/${original}`, { operationName: 'Answer' })).body).toEqual({ statusCode: 0 });
    expect(sim.state().calls[0].call).toEqual({ ani: '+14155550100', dnis: '7001', callType: 'Inbound', routed: false, parties: 2 });

    expect((await api.post(`/sim/agents/agent1/calls/${original}`, { operationName: 'InitiateConference', destination: { phoneNumber: '7002' } })).body).toEqual({ statusCode: 0 });
    const consultation = sim.state().calls.find((c) => c.id !== connId)!;
    expect(consultation.call).toEqual({ ani: '7001', dnis: '7002', callType: 'Consult', routed: false, consultation: { parent: connId, initiator: 'agent1', purpose: 'conference' }, parties: 2 });
    expect(sim.state().calls.find((c) => c.id === connId)!.call).toMatchObject({ consults: { agent1: { connId: consultation.id, purpose: 'conference' } } });
    const initiated = (await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.operation === 'InitiateConference'))).map((f) => f.data).find((e) => e.operation === 'InitiateConference');
    expect(initiated.changed.sessions.map((s: any) => s.session.call)).toEqual(expect.arrayContaining([expect.objectContaining({ consultation: { parent: connId, initiator: 'agent1', purpose: 'conference' } })]));

    expect((await api.post(`/sim/agents/agent2/calls/${consultation.legs!.agent2.id}`, { operationName: 'Answer' })).body).toEqual({ statusCode: 0 });
    expect((await api.post(`/sim/agents/agent1/calls/${original}`, { operationName: 'CompleteConference' })).body).toEqual({ statusCode: 0 });
    const conference = sim.state().calls.find((c) => c.id === connId)!;
    // The consultation's ties are gone with it: no empty `consults` left behind.
    expect(conference.call).toEqual({ ani: '+14155550100', dnis: '7001', callType: 'Inbound', routed: false, owner: 'agent1', parties: 3 });
    expect(conference.agentStates).toEqual({ agent1: 'Established', agent2: 'Established' });
  });

  test("CompleteTransfer: the initiator's after-call work follows both its calls' Released (the page's order), and the change carries its phone (no wrap-up time at time scale 0: NotReady again at once)", async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    await api.post('/sim/agents/agent1', { operationName: 'StartContactCenterSession', channels: ['voice'] });
    const agent1 = await sim.agent('agent1');
    try {
      const connId: string = (await api.post('/sim/calls', { from: '+14155550100', offerTo: 'agent1' })).body.id;
      const original = sim.state().calls[0].legs!.agent1.id;
      await api.post(`/sim/agents/agent1/calls/${original}`, { operationName: 'Answer' });
      await api.post(`/sim/agents/agent1/calls/${original}`, { operationName: 'InitiateTransfer', destination: { phoneNumber: '7002' } });
      const consultation = sim.state().calls.find((c) => c.id !== connId)!;
      await api.post(`/sim/agents/agent2/calls/${consultation.legs!.agent2.id}`, { operationName: 'Answer' });
      await sim.settled();
      agent1.take();
      expect((await api.post(`/sim/agents/agent1/calls/${original}`, { operationName: 'CompleteTransfer' })).body).toEqual({ statusCode: 0 });
      await sim.settled();
      const told = agent1.take().map((n: any) => (n.messageType === 'CallStateChangeMessage' ? `${n.call.id} ${n.notificationType} ${n.call.state}` : `${n.messageType} ${n.devices[0].userState.displayName}`));
      expect(told).toEqual([`${original} StatusChange Released`, `${consultation.legs!.agent1.id} StatusChange Released`, 'DeviceStateChangeMessage AfterCallWork', 'DeviceStateChangeMessage Not Ready']);
      const completed = (await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.operation === 'CompleteTransfer'))).map((f) => f.data).find((e) => e.operation === 'CompleteTransfer');
      expect(completed.changed.users).toEqual([{ userName: 'agent1', channels: [expect.objectContaining({ channel: 'voice', state: 'NotReady', workMode: 'AfterCallWork' })], doNotDisturb: false }]);
    } finally {
      await agent1.disconnect();
    }
  });

  test("a released call's change carries its agents' phones: after-call work, then Ready again, followed from the feed", async () => {
    // A manual clock: the fixture's 5 s of after-call work end only when the test says.
    sim = await createSimulator({ clock: 'manual' });
    const api = rest(sim.url);
    await api.post('/sim/agents/agent1', { operationName: 'StartContactCenterSession', channels: ['voice'] });
    await api.post('/sim/agents/agent1/channels/voice', { operationName: 'Ready' });
    const offered = await api.post('/sim/calls', { from: '+14155550100', offerTo: 'agent1' });
    const leg = sim.state().calls[0].legs!.agent1.id;
    expect((await api.post(`/sim/agents/agent1/calls/${leg}`, { operationName: 'Answer' })).body).toEqual({ statusCode: 0 });
    expect((await api.post(`/sim/calls/${offered.body.id}/hangup`, {})).body).toEqual({ statusCode: 0 });
    const hangup = (await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.operation === 'CustomerHangup'))).map((f) => f.data).find((e) => e.operation === 'CustomerHangup');
    const user = sim.state().users[0];
    expect(user.channels).toEqual([expect.objectContaining({ channel: 'voice', state: 'NotReady', workMode: 'AfterCallWork' })]);
    expect(hangup.changed.users).toEqual([{ userName: 'agent1', channels: user.channels, doNotDisturb: false }]);
    expect(hangup.changed.sessions[0].session.agentStates).toEqual({ agent1: 'Released' });

    await sim.clock.advance(5000);
    const ready = (await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.operation === 'Ready' && e.data.actor === 'agent' && e.data.via === 'sim' && e.id > hangup.id))).map((f) => f.data).at(-1);
    expect(ready.changed.users).toEqual([{ userName: 'agent1', channels: [expect.objectContaining({ channel: 'voice', state: 'Ready' })], doNotDisturb: false }]);
  });

  test('needs no CSRF token with --csrf, and no REST fault applies: those stand for the desktop\'s own calls', async () => {
    sim = await createSimulator({ timeScale: 0, csrf: true, faults: ['rest:agent1:*:INTERNAL'] });
    expect((await rest(sim.url).post(asAgent('agent1'), { operationName: 'SendMessage', text: 'from the dashboard' })).body).toEqual({ statusCode: 0 });
    expect(sim.state().faults.armed[0]).toMatchObject({ spec: 'rest:agent1:*:INTERNAL', fired: 0 });
  });

  test('is a /sim control: the admin token, no cross-site POST', async () => {
    sim = await createSimulator({ timeScale: 0, adminToken: TOKEN });
    expectRefusal(await rest(sim.url).post(asAgent('agent1'), REMOVE), 20, 401, /^Access denied: no admin token was sent/);
    const crossSite = await fetch(`${sim.url}${asAgent('agent1')}`, {
      method: 'POST',
      headers: { 'X-Admin-Token': TOKEN, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify(REMOVE),
    });
    expect([crossSite.status, ((await crossSite.json()) as { statusCode: number }).statusCode]).toEqual([403, 3]);
    expect(sim.state().facebooksessions[0].participants).toHaveLength(3);
  });
});

describe('the feed', () => {
  test('reports REST operations and refusals, customer actions, faults, and starts over at a reset', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    const agent1 = { user: 'agent1', password: 'agent1' };
    await api.post('/sim/faults', { faults: ['drop:agent1:1'] });
    await api.post(`/api/v2/me/facebooksessions/${SESSION_ID}`, { operationName: 'Reject' }, agent1);
    await api.post(`/sim/facebooksessions/${SESSION_ID}/messages`, { text: 'Hello?' });
    await api.post('/sim/facebooksessions', { offerTo: 'nobody' });
    const before = (await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.operation === 'Offer'))).map((f) => f.data);
    // No agent has a CometD client: what is not dropped is held.
    expect(before.map((e) => [e.type, e.action ?? e.operation ?? e.request?.operation ?? e.spec ?? `${e.agent} ${e.kind}`, e.statusCode ?? e.request?.statusCode])).toEqual([
      ['control', 'faults-armed', undefined],
      ['operation', 'Reject', 2],
      ['request', 'Reject', 2], // the request journal's: what the desktop sent, once answered
      ['operation', 'CustomerMessage', 0],
      ['fault', 'drop:agent1:1', undefined],
      ['held', 'agent2 Text', undefined],
      ['operation', 'Offer', 1],
    ]);
    expect(before.find((e) => e.operation === 'Reject')).toMatchObject({ actor: 'agent', agent: 'agent1', via: 'rest', session: SESSION_ID });
    expect(before.find((e) => e.operation === 'CustomerMessage')).toMatchObject({ actor: 'customer', via: 'sim', session: SESSION_ID });

    expect((await api.post('/sim/reset', undefined)).body).toEqual({ statusCode: 0 });
    const after = (await readFeed(`${sim.url}/sim/events`, (f) => f.length > 0)).map((f) => f.data);
    expect(after).toEqual([expect.objectContaining({ type: 'control', action: 'reset' })]);
  });
});
