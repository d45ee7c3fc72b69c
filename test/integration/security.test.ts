import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { basic, rawRequest, rest, sessionCookie } from '../helpers/rest';

/** Origin on cookie-authenticated CometD handshakes, GWS's CSRF mode, and the /sim admin token. */
let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const HANDSHAKE = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling', 'websocket'] };
const REMOVE = { operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` };

async function cookieOf(s: Simulator, user: string): Promise<string> {
  return sessionCookie((await rest(s.url).get('/api/v2/me', { user, password: user })).headers)!;
}

async function handshake(s: Simulator, headers: Record<string, string>, ext?: unknown) {
  const response = await fetch(`${s.url}/api/v2/notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify([{ ...HANDSHAKE, ...(ext ? { ext } : {}) }]),
  });
  return ((await response.json()) as any[])[0];
}

describe('Origin on cookie- and Basic-authenticated handshakes', () => {
  test('no Origin and the simulator\'s own origin are accepted; another origin, and "null", are refused', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const cookie = await cookieOf(sim, 'agent2');
    expect((await handshake(sim, { Cookie: cookie })).successful).toBe(true);
    expect((await handshake(sim, { Cookie: cookie, Origin: sim.url })).successful).toBe(true);
    for (const origin of ['http://evil.example', 'null', `${sim.url}.evil.example`]) {
      const reply = await handshake(sim, { Cookie: cookie, Origin: origin });
      expect(reply).toMatchObject({ successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } });
      expect(reply.ext.authentication.failure).toContain('--allow-origin');
    }
    const basicReply = await handshake(sim, { Authorization: basic('agent2', 'agent2'), Origin: 'http://evil.example' });
    expect(basicReply.successful).toBe(false);
  });

  test('credentials in ext are accepted from any origin: the page knows the password', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const reply = await handshake(sim, { Origin: 'http://elsewhere.example' }, { authentication: { user: 'agent1', credentials: 'agent1' } });
    expect(reply.successful).toBe(true);
  });

  test('allowOrigins lets a listed origin use the cookie; "*" lets any', async () => {
    sim = await createSimulator({ timeScale: 0, allowOrigins: ['http://desktop.example:3000/'] });
    const cookie = await cookieOf(sim, 'agent2');
    expect((await handshake(sim, { Cookie: cookie, Origin: 'http://desktop.example:3000' })).successful).toBe(true);
    expect((await handshake(sim, { Cookie: cookie, Origin: 'http://desktop.example:3001' })).successful).toBe(false);
    await sim.close();
    sim = await createSimulator({ timeScale: 0, allowOrigins: ['*'] });
    expect((await handshake(sim, { Cookie: await cookieOf(sim, 'agent2'), Origin: 'http://any.example' })).successful).toBe(true);
  });

  test('a bad allowOrigins entry is refused at start', async () => {
    await expect(createSimulator({ allowOrigins: ['desktop.example'] })).rejects.toThrow(/--allow-origin must be an origin/);
  });

  test('a cross-origin websocket carrying the cookie cannot handshake', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const cookie = await cookieOf(sim, 'agent2');
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`, { headers: { Cookie: cookie, Origin: 'http://evil.example' } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<any>((resolve) => socket.once('message', (frame) => resolve(JSON.parse(String(frame))[0])));
    socket.send(JSON.stringify([HANDSHAKE]));
    expect(await reply).toMatchObject({ successful: false, error: '403::Handshake denied' });
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(sim.state().cometdClients).toEqual([]);
  });

  test('JSON-P (a <script> GET with the cookie) is not served', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const cookie = await cookieOf(sim, 'agent2');
    const message = encodeURIComponent(JSON.stringify([HANDSHAKE]));
    const response = await fetch(`${sim.url}/api/v2/notifications?message=${message}&jsonp=steal`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('steal(');
    expect(text).not.toContain('clientId');
    expect(sim.state().cometdClients).toEqual([]);
  });
});

describe('CSRF mode', () => {
  test('answers carry X-CSRF-HEADER and the session X-CSRF-TOKEN; a POST needs that token', async () => {
    sim = await createSimulator({ timeScale: 0, csrf: true });
    const api = rest(sim.url);
    const me = await api.get('/api/v2/me', { user: 'agent1', password: 'agent1' });
    expect(me.headers.get('x-csrf-header')).toBe('X-CSRF-TOKEN');
    const token = me.headers.get('x-csrf-token')!;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const cookie = sessionCookie(me.headers)!;
    expect((await api.get('/api/v2/me', { cookie })).headers.get('x-csrf-token')).toBe(token);

    const path = `/api/v2/me/facebooksessions/${SESSION_ID}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${sim!.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers }, body: JSON.stringify(REMOVE) });
    for (const headers of [{}, { 'X-CSRF-TOKEN': 'wrong' }, { 'X-CSRF-TOKEN': await cookieOf(sim, 'agent2') }] as Record<string, string>[]) {
      const refused = await post(headers);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ statusCode: 3, statusMessage: expect.stringMatching(/^Missing or invalid Csrf token: /) });
    }
    const agent2Token = (await api.get('/api/v2/me', { user: 'agent2', password: 'agent2' })).headers.get('x-csrf-token')!;
    expect(agent2Token).not.toBe(token);
    expect((await post({ 'X-CSRF-TOKEN': agent2Token })).status).toBe(403); // another user's token
    const done = await post({ 'X-CSRF-TOKEN': token });
    expect(await done.json()).toEqual({ statusCode: 0 });
  });

  test('a POST with Basic and the token but not the session cookie is refused as GWS does (a client needs a cookie store)', async () => {
    sim = await createSimulator({ timeScale: 0, csrf: true });
    const me = await rest(sim.url).get('/api/v2/me', { user: 'agent1', password: 'agent1' });
    const token = me.headers.get('x-csrf-token')!;
    const cookie = sessionCookie(me.headers)!;
    const post = (headers: Record<string, string>) =>
      fetch(`${sim!.url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: basic('agent1', 'agent1'), 'X-CSRF-TOKEN': token, ...headers },
        body: JSON.stringify(REMOVE),
      });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ statusCode: 3, statusMessage: expect.stringMatching(/^Missing or invalid Csrf token: .*does not carry the JSESSIONID cookie/) });
    expect(sim.state().facebooksessions[0].departed).toEqual([]);
    expect(await (await post({ Cookie: cookie })).json()).toEqual({ statusCode: 0 });
  });

  test("gws-sim's own client (agent.perform, trigger, run) learns the token and sends it back", async () => {
    sim = await createSimulator({ timeScale: 0, csrf: true });
    const agent1 = await sim.agent('agent1');
    expect(await agent1.perform('RemoveParticipantFromConference', SESSION_ID, { targetPath: `/users/${AGENT2_ID}` })).toEqual({ statusCode: 0 });
    expect(sim.state().facebooksessions[0].departed).toHaveLength(1);
  });

  test('off by default: no CSRF headers, no token needed', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    const me = await api.get('/api/v2/me', { user: 'agent1', password: 'agent1' });
    expect(me.headers.get('x-csrf-token')).toBeNull();
    expect((await api.post(`/api/v2/me/facebooksessions/${SESSION_ID}`, REMOVE, { user: 'agent1', password: 'agent1' })).body).toEqual({ statusCode: 0 });
  });
});

describe('EndContactCenterSession', () => {
  test("ends the agent's HTTP session: its JSESSIONID is refused afterwards (statusCode 20); Basic opens a new one", async () => {
    sim = await createSimulator({ timeScale: 0 });
    const api = rest(sim.url);
    const cookie = sessionCookie((await api.get('/api/v2/me', { user: 'agent2', password: 'agent2' })).headers)!;
    expect((await api.post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat'] }, { cookie })).body).toEqual({ statusCode: 0 });
    const ended = await api.post('/api/v2/me', { operationName: 'EndContactCenterSession' }, { cookie });
    expect(ended.body).toEqual({ statusCode: 0 });
    const refused = await api.get('/api/v2/me', { cookie });
    expect([refused.status, refused.body.statusCode]).toEqual([401, 20]);
    const again = await api.get('/api/v2/me', { user: 'agent2', password: 'agent2' });
    expect(again.body.statusCode).toBe(0);
    expect(sessionCookie(again.headers)).not.toBe(cookie);
    // agent1's session is its own.
    const other = sessionCookie((await api.get('/api/v2/me', { user: 'agent1', password: 'agent1' })).headers)!;
    await api.post('/api/v2/me', { operationName: 'EndContactCenterSession' }, { user: 'agent2', password: 'agent2' });
    expect((await api.get('/api/v2/me', { cookie: other })).body.statusCode).toBe(0);
  });
});

describe('/sim admin token', () => {
  test('with a token, /sim needs it as a Bearer or X-Admin-Token header', async () => {
    sim = await createSimulator({ timeScale: 0, adminToken: 's3cret-token' });
    expect(sim.adminToken).toBe('s3cret-token');
    const get = (headers: Record<string, string>) => fetch(`${sim!.url}/sim/state`, { headers });
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { 'X-Admin-Token': 's3cret-toke' }, { Authorization: basic('agent1', 'agent1') }] as Record<string, string>[]) {
      const refused = await get(headers);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ statusCode: 20, statusMessage: expect.stringContaining('admin token') });
    }
    expect((await get({ Authorization: 'Bearer s3cret-token' })).status).toBe(200);
    expect((await get({ 'X-Admin-Token': 's3cret-token' })).status).toBe(200);
    const reset = await fetch(`${sim.url}/sim/reset`, { method: 'POST' });
    expect(reset.status).toBe(401);
    // The fault controls too: without the token nothing is armed or cleared.
    const json = { 'Content-Type': 'application/json' };
    const arm = (headers: Record<string, string>) => fetch(`${sim!.url}/sim/faults`, { method: 'POST', headers: { ...json, ...headers }, body: '["drop:agent2:1"]' });
    expect((await arm({})).status).toBe(401);
    expect((await fetch(`${sim.url}/sim/faults`)).status).toBe(401);
    expect(sim.state().faults.armed).toEqual([]);
    expect((await arm({ 'X-Admin-Token': 's3cret-token' })).status).toBe(200);
    expect((await fetch(`${sim.url}/sim/faults`, { method: 'DELETE' })).status).toBe(401);
    expect(sim.state().faults.armed).toHaveLength(1);
    expect((await fetch(`${sim.url}/sim/faults`, { method: 'DELETE', headers: { Authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    expect(sim.state().faults.armed).toEqual([]);
    // The GWS API does not need it.
    expect((await rest(sim.url).get('/api/v2/me', { user: 'agent1', password: 'agent1' })).status).toBe(200);
  });

  test('a token shorter than 8 characters, empty, or with spaces is refused at start', async () => {
    for (const adminToken of ['', 'short', 'has a space']) {
      await expect(createSimulator({ timeScale: 0, adminToken })).rejects.toThrow('adminToken must be at least 8 characters without spaces');
    }
  });

  test('on loopback without a token, /sim is open', async () => {
    sim = await createSimulator({ timeScale: 0 });
    expect(sim.adminToken).toBeUndefined();
    expect((await fetch(`${sim.url}/sim/state`)).status).toBe(200);
  });
});

/** A request with a Host header of our choosing (fetch does not let one set it), as a DNS-rebinding page sends it. */
async function withHost(s: Simulator, method: string, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const { status, body } = await rawRequest(s.url, method, path, { ...headers, Host: host });
  return { status, body };
}

describe('/sim from web pages', () => {
  const evil = { Origin: 'http://evil.example' };
  const json = { 'Content-Type': 'application/json' };

  test('a page of another origin cannot reset, arm or clear faults: 403 statusCode 3, nothing changes', async () => {
    sim = await createSimulator({ timeScale: 0 });
    sim.fault('drop:agent2:1');
    const attempts: [string, RequestInit][] = [
      ['/sim/reset', { method: 'POST', headers: evil }],
      ['/sim/faults', { method: 'POST', headers: { ...evil, ...json }, body: '["drop:agent1:*"]' }],
      ['/sim/faults', { method: 'POST', headers: { ...evil, 'Content-Type': 'text/plain' }, body: '["drop:agent1:*"]' }],
      ['/sim/faults', { method: 'DELETE', headers: evil }],
      ['/sim/reset', { method: 'POST', headers: { Origin: 'null' } }],
    ];
    for (const [path, init] of attempts) {
      const response = await fetch(`${sim.url}${path}`, init);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(await response.json()).toEqual({ statusCode: 3, statusMessage: expect.stringContaining('a web page must not reach them') });
    }
    expect(sim.state().faults.armed.map((a) => a.spec)).toEqual(['drop:agent2:1']);
    // Reading is harmless: the page cannot read the answer without CORS.
    expect((await fetch(`${sim.url}/sim/state`, { headers: evil })).status).toBe(200);
  });

  test('a page rebinding its DNS name to 127.0.0.1 (its own name in Host and Origin) can neither read nor change /sim', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const rebound = `evil.example:${sim.port}`;
    const arm = await withHost(sim, 'POST', '/sim/reset', rebound, { Origin: `http://${rebound}` });
    expect(arm).toEqual({ status: 403, body: { statusCode: 3, statusMessage: expect.stringContaining(`names the host "${rebound}", not a loopback address`) } });
    expect((await withHost(sim, 'GET', '/sim/state', rebound)).status).toBe(403);
    for (const host of [`127.0.0.1:${sim.port}`, `localhost:${sim.port}`, `[::1]:${sim.port}`, `app.localhost:${sim.port}`]) {
      expect({ host, status: (await withHost(sim, 'GET', '/sim/state', host)).status }).toEqual({ host, status: 200 });
    }
  });

  test('with an admin token, /sim answers any Host: the token is the protection', async () => {
    sim = await createSimulator({ timeScale: 0, adminToken: 's3cret-token' });
    expect((await withHost(sim, 'GET', '/sim/state', 'gws-sim.internal:8090', { 'X-Admin-Token': 's3cret-token' })).status).toBe(200);
  });

  test('scripts are served: no Origin, whatever the body type (curl -d sends a form type), and the simulator\'s own origin', async () => {
    sim = await createSimulator({ timeScale: 0 });
    expect((await fetch(`${sim.url}/sim/reset`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${sim.url}/sim/reset`, { method: 'POST', headers: { Origin: sim.url } })).status).toBe(200);
    const curl = await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '["drop:agent1:1"]' });
    expect(curl.status).toBe(200);
    expect(sim.state().faults.armed).toHaveLength(1);
  });
});
