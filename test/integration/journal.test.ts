import { createSimulator, type Simulator } from '../../src';
import type { BayeuxRequest, JournalEntry, RestRequest } from '../../src/journal/wire';
import WebSocket from 'ws';
import { TestAgent } from '../helpers/agent';
import { longPolling } from '../helpers/bayeux';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { basic, rest } from '../helpers/rest';


/** The request journal over the wire: what real clients sent, GET and DELETE /sim/requests. */
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const AGENT1 = { user: 'agent1', password: 'agent1' };
const REMOVE = { operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` };

async function journaled(url: string, query = ''): Promise<JournalEntry[]> {
  const answer = await rest(url).get(`/sim/requests${query}`);
  expect(answer.status).toBe(200);
  return answer.body.requests;
}

/** Polls until the journal has what `done` wants (the Bayeux side journals a reply as it goes out). */
async function until(url: string, query: string, done: (entries: JournalEntry[]) => boolean): Promise<JournalEntry[]> {
  for (let i = 0; i < 200; i++) {
    const entries = await journaled(url, query);
    if (done(entries)) return entries;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the journal never had it: ${JSON.stringify(await journaled(url, query))}`);
}

describe('REST requests in the journal', () => {
  test('method, path, query, agent, masked body, status, statusCode, referenceId and time, filtered by each field', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    const before = Date.now();
    await api.get('/api/v2/me?subresources=*', AGENT1);
    await api.post(`/api/v2/me/facebooksessions/${SESSION_ID}`, { ...REMOVE, password: 'hunter2' }, AGENT1);
    await api.post(`/api/v2/me/facebooksessions/${SESSION_ID}`, { operationName: 'Accept' }, { user: 'agent2', password: 'agent2' });
    await api.get('/api/v2/me', { user: 'agent1', password: 'wrong' });

    const all = (await journaled(sim.url)) as RestRequest[];
    expect(all.map((e) => [e.method, e.path, e.agent, e.status, e.statusCode])).toEqual([
      ['GET', '/api/v2/me', 'agent1', 200, 0],
      ['POST', `/api/v2/me/facebooksessions/${SESSION_ID}`, 'agent1', 200, 0],
      ['POST', `/api/v2/me/facebooksessions/${SESSION_ID}`, 'agent2', expect.any(Number), expect.any(Number)],
      ['GET', '/api/v2/me', undefined, 401, 20],
    ]);
    expect(all[0]).toMatchObject({ type: 'rest', query: { subresources: '*' }, auth: 'basic' });
    expect(all[1]).toMatchObject({ operation: REMOVE.operationName, session: SESSION_ID, body: { ...REMOVE, password: '***' }, referenceId: sim.state().lastReferenceId });
    expect(all[2].statusCode).not.toBe(0);
    expect(all[3].statusMessage).toMatch(/wrong password/);
    for (const entry of all) {
      expect(entry.at).toBeGreaterThanOrEqual(before);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(JSON.stringify(all)).not.toContain('hunter2');

    const ids = async (query: string) => (await journaled(sim!.url, query)).map((e) => e.id);
    const [get, remove, accept, refused] = all.map((e) => e.id);
    expect(await ids('?agent=agent2')).toEqual([accept]);
    expect(await ids('?method=GET')).toEqual([get, refused]);
    expect(await ids(`?path=/api/v2/me/facebooksessions/*`)).toEqual([remove, accept]);
    expect(await ids(`?operation=${REMOVE.operationName}`)).toEqual([remove]);
    expect(await ids('?statusCode=20')).toEqual([refused]);
    expect(await ids(`?since=${all[3].at + 1}`)).toEqual([]);
    expect(await ids(`?since=${new Date(all[0].at).toISOString()}&agent=agent1`)).toEqual([get, remove]);
    expect(await ids(`?session=${SESSION_ID}&type=rest`)).toEqual([remove, accept]);
  });

  test('NDJSON on request, a bad filter refused with what to do, DELETE empties, reset too', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    await api.get('/api/v2/me', AGENT1);
    await api.get('/api/v2/me/channels', AGENT1);

    const ndjson = await fetch(`${sim.url}/sim/requests?format=ndjson`);
    expect(ndjson.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await ndjson.text()).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => e.path)).toEqual(['/api/v2/me', '/api/v2/me/channels']);
    const accepted = await fetch(`${sim.url}/sim/requests?agent=agent1`, { headers: { Accept: 'application/x-ndjson' } });
    expect((await accepted.text()).split('\n').filter(Boolean)).toHaveLength(2);

    const answer = await api.get('/sim/requests');
    expect(answer.body.journal).toMatchObject({ entries: 2, maxEntries: 10_000, maxBytes: 8 * 1024 * 1024, evicted: 0 });

    const bad = await api.get('/sim/requests?opration=Accept');
    expect([bad.status, bad.body.statusCode]).toEqual([400, 1]);
    expect(bad.body.statusMessage).toMatch(/Invalid parameter 'opration': no filter 'opration'; filters: type, agent, method, path, operation/);
    const mixed = await api.get('/sim/requests?operation=Accept&channel=/meta/connect');
    expect(mixed.body.statusMessage).toMatch(/operation is a field of REST requests and channel one of Bayeux messages/);

    expect((await api.request('DELETE', '/sim/requests')).body).toEqual({ statusCode: 0 });
    expect(await journaled(sim.url)).toEqual([]);
    await api.get('/api/v2/me', AGENT1);
    sim.reset();
    expect(await journaled(sim.url)).toEqual([]);
  });

  test('the journal keeps its configured count, and refuses limits out of bounds', async () => {
    sim = await createSimulator({ timeScale: 0, journal: { maxEntries: 10 } });
    const api = rest(sim.url);
    for (let i = 0; i < 15; i++) await api.get(`/api/v2/me?n=${i}`, AGENT1);
    const kept = (await journaled(sim.url)) as RestRequest[];
    expect(kept.map((e) => e.query?.n)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
    await expect(createSimulator({ journal: { maxBytes: 1000 } })).rejects.toThrow('journal.maxBytes must be an integer from 65536 to 1073741824, got 1000');
  });

  test('/sim/requests is protected as the rest of /sim: the admin token', async () => {
    sim = await createSimulator({ timeScale: 0, adminToken: 'journal-s3cret' });
    expect((await fetch(`${sim.url}/sim/requests`)).status).toBe(401);
    expect((await fetch(`${sim.url}/sim/requests`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${sim.url}/sim/requests`, { headers: { Authorization: 'Bearer journal-s3cret' } })).status).toBe(200);
  });
});

describe('Bayeux messages in the journal', () => {
  test.each(['websocket', 'long-polling'] as const)('official CometD client over %s: handshake, connect, subscribe, unsubscribe, disconnect, a refused handshake', async (transport) => {
    sim = await createSimulator({ timeScale: 0 });
    const agent = await TestAgent.login(sim.url, transport, 'agent1');
    await agent.subscribe('/v2/me/chats');
    await new Promise<void>((resolve) => agent.cometd.unsubscribe(agent.cometd.subscribe('/v2/me/calls', () => {}, () => resolve()) as never, () => resolve()));
    const denied = await TestAgent.connect(sim.url, transport, { via: 'ext', user: 'agent1', password: 'nope' });
    expect(denied.handshakeReply.successful).toBe(false);
    await agent.disconnect();

    const entries = (await until(sim.url, '?type=bayeux', (list) => list.some((e) => (e as BayeuxRequest).channel === '/meta/disconnect'))) as BayeuxRequest[];
    const clientId = agent.handshakeReply.clientId;
    const handshake = entries.find((e) => e.channel === '/meta/handshake' && e.successful);
    expect(handshake).toMatchObject({ agent: 'agent1', clientId, transport, auth: 'ext', ext: { authentication: { user: 'agent1', credentials: '***' } } });
    expect(entries.find((e) => e.channel === '/meta/connect')).toMatchObject({ agent: 'agent1', clientId, connectionType: transport, transport });
    expect(entries.filter((e) => e.channel === '/meta/connect')).toHaveLength(1);
    expect(entries.find((e) => e.channel === '/meta/subscribe' && e.subscription === '/v2/me/chats')).toMatchObject({ agent: 'agent1', clientId, successful: true });
    expect(entries.find((e) => e.channel === '/meta/unsubscribe')).toMatchObject({ agent: 'agent1', subscription: '/v2/me/calls', successful: true });
    expect(entries.find((e) => e.channel === '/meta/disconnect')).toMatchObject({ agent: 'agent1', clientId, successful: true });
    const refusal = entries.find((e) => e.channel === '/meta/handshake' && !e.successful);
    expect(refusal).toMatchObject({ auth: 'ext', error: "403::Handshake denied: wrong password for 'agent1'" });
    expect(refusal?.agent).toBeUndefined();
    expect(JSON.stringify(entries)).not.toContain('nope');
    expect(await journaled(sim.url, '?channel=/meta/subscribe&agent=agent1')).toHaveLength(2);
  });

  test('a client that moves /meta/connect from long-polling to websocket (as faye\'s client does): the change is journaled as it comes', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const auth = { Authorization: basic('agent2', 'agent2'), 'Content-Type': 'application/json' };
    const post = longPolling(sim.url);
    const [handshake] = (await post(JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling', 'websocket'], id: '1' }]), auth)).replies;
    const { clientId } = handshake;
    await post(JSON.stringify([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 }, id: '2' }]), auth);
    await post(JSON.stringify([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 }, id: '3' }]), auth);

    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`, { headers: { Authorization: auth.Authorization } });
    try {
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const replied = new Promise((resolve) => socket.once('message', resolve));
      socket.send(JSON.stringify([{ channel: '/meta/connect', clientId, connectionType: 'websocket', advice: { timeout: 0 }, id: '4' }]));
      await replied;
      const connects = (await journaled(sim.url, '?channel=/meta/connect')) as BayeuxRequest[];
      expect(connects.map((e) => [e.agent, e.clientId, e.connectionType, e.transport])).toEqual([
        ['agent2', clientId, 'long-polling', 'long-polling'],
        ['agent2', clientId, 'websocket', 'websocket'],
      ]);
      expect(await journaled(sim.url, '?connectionType=websocket&agent=agent2')).toHaveLength(1);
      expect(await journaled(sim.url, '?channel=/meta/handshake')).toEqual([expect.objectContaining({ auth: 'basic', agent: 'agent2', transport: 'long-polling', successful: true })]);
    } finally {
      socket.close();
    }
  });

  test('a refused subscription and a refused connect are journaled with their error', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent = await TestAgent.login(sim.url, 'long-polling', 'agent1');
    const reply = await agent.subscribe('/v2/somewhere-else');
    expect(reply.successful).toBe(false);
    const post = (body: unknown) => fetch(`${sim!.url}/api/v2/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    await (await post([{ channel: '/meta/connect', clientId: 'nobody-knows-this', connectionType: 'long-polling', id: '9' }])).text();
    await agent.disconnect();

    // What a client makes up is kept bounded: a long clientId, a subscription of thousands of channels.
    await (await post([{ channel: '/meta/connect', clientId: 'x'.repeat(100_000), connectionType: 'long-polling', id: '10' }])).text();
    const many = Array.from({ length: 5000 }, (_, i) => `/v2/me/chats${i}`);
    await (await post([{ channel: '/meta/subscribe', clientId: agent.handshakeReply.clientId, subscription: many, id: '11' }])).text();
    const all = await journaled(sim.url);
    expect(Math.max(...all.map((e) => JSON.stringify(e).length))).toBeLessThan(6000);
    expect(sim.requests({ channel: '/meta/connect', successful: false }).map((e) => [(e as BayeuxRequest).clientId, (e as BayeuxRequest).connectionType])).toEqual([
      ['nobody-knows-this', 'long-polling'],
      [`${'x'.repeat(1024)}…`, 'long-polling'],
    ]);

    const refusals = (await journaled(sim.url, '?successful=false')) as BayeuxRequest[];
    expect(refusals.map((e) => [e.channel, e.error])).toEqual([
      ['/meta/subscribe', '403:/v2/somewhere-else:Subscription denied'],
      ['/meta/connect', expect.stringMatching(/^40[12]:/)],
      ['/meta/connect', expect.stringMatching(/^40[12]:/)],
      ['/meta/subscribe', expect.stringMatching(/^40\d:/)],
    ]);
    expect(refusals[0]).toMatchObject({ agent: 'agent1', subscription: '/v2/somewhere-else' });
  });
});
