import net from 'node:net';
import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import { SESSION_ID } from '../helpers/default-fixture';

/** The holes a hostile test found behind "never a 5xx, bounded memory", and CORS for desktop pages. */
const DESKTOP = 'http://127.0.0.1:3999';
const BASIC = `Basic ${Buffer.from('agent1:agent1').toString('base64')}`;
let sim: Simulator;
afterEach(() => sim?.close());

/** Writes raw bytes; resolves with everything the server sent once it closes the connection. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('CORS for /api/v2', () => {
  beforeEach(async () => {
    sim = await createSimulator({ allowOrigins: [DESKTOP] });
  });

  test('a preflight from an allowed origin is answered 204 with the CORS headers GWS sends', async () => {
    const answer = await fetch(`${sim.url}/api/v2/me`, {
      method: 'OPTIONS',
      headers: { Origin: DESKTOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(answer.status).toBe(204);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'access-control-allow-origin': DESKTOP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': expect.stringContaining('POST'),
      'access-control-allow-headers': 'Authorization, Content-Type, X-CSRF-TOKEN, X-Requested-With',
      'access-control-expose-headers': 'X-CSRF-HEADER, X-CSRF-TOKEN',
      'access-control-max-age': expect.any(String),
      vary: expect.stringContaining('Origin'),
    });
  });

  test('answers, refusals included, carry the CORS headers for an allowed origin', async () => {
    const ok = await fetch(`${sim.url}/api/v2/me`, { headers: { Origin: DESKTOP, Authorization: BASIC } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(DESKTOP);
    expect(ok.headers.get('set-cookie')).toMatch(/JSESSIONID=\w+; Path=\/; HttpOnly; SameSite=Lax/);
    const refused = await fetch(`${sim.url}/api/v2/me`, { headers: { Origin: DESKTOP } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(DESKTOP);
  });

  test.each([['another origin', 'http://127.0.0.1:4000'], ['our host over https', 'https://127.0.0.1:3999']])('%s gets no CORS headers, and its preflight a GWS refusal naming the option', async (_name, origin) => {
    const preflight = await fetch(`${sim.url}/api/v2/me`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(403);
    expect(await preflight.json()).toEqual({
      statusCode: 3,
      statusMessage: `Refused the CORS preflight of a page of ${origin}: this simulator does not serve that origin. Start gws-sim with --allow-origin ${origin} (createSimulator({allowOrigins: ['${origin}']})).`,
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${sim.url}/api/v2/me`, { headers: { Origin: origin, Authorization: BASIC } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a refused origin of 8 kB is shown cut, in the answer and the log', async () => {
    await sim.close();
    const lines: string[] = [];
    sim = await createSimulator({ log: (line) => lines.push(line) });
    const origin = `http://${'a'.repeat(8000)}.example`;
    const preflight = await fetch(`${sim.url}/api/v2/me?${'q'.repeat(4000)}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(403);
    const { statusMessage } = (await preflight.json()) as { statusMessage: string };
    expect(statusMessage).toMatch(/^Refused the CORS preflight of a page of http:\/\/a+\.\.\.: /);
    expect(statusMessage.length).toBeLessThan(1000);
    expect(lines.filter((line) => line.startsWith('a page of'))).toHaveLength(1);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(1000);
  });

  test('the log says once per origin what a refused page must pass; an OPTIONS that is no preflight stays 404', async () => {
    await sim.close();
    const lines: string[] = [];
    sim = await createSimulator({ log: (line) => lines.push(line) });
    const origin = 'http://localhost:5173';
    for (let i = 0; i < 3; i++) await fetch(`${sim.url}/api/v2/me`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    await fetch(`${sim.url}/api/v2/me`, { headers: { Origin: origin, Authorization: BASIC } });
    expect(lines.filter((line) => line.includes(origin))).toEqual([
      `a page of ${origin} calls OPTIONS /api/v2/me: its CORS preflight is refused, so the browser blocks it. Start gws-sim with --allow-origin ${origin} (createSimulator({allowOrigins: ['${origin}']}))`,
    ]);
    const own = await fetch(`${sim.url}/api/v2/me`, { method: 'OPTIONS', headers: { Origin: sim.url } });
    expect([own.status, ((await own.json()) as { statusCode: number }).statusCode]).toEqual([404, 6]);
    expect(lines.filter((line) => line.includes(sim.url))).toEqual([]);
  });

  test('a page of another site (localhost against 127.0.0.1) without the cookie is told why and what to do, over REST and in the handshake', async () => {
    const page = 'http://localhost:3999';
    await sim.close();
    sim = await createSimulator({ allowOrigins: [page] });
    const why = `The request came from a page of ${page}, another site than 127.0.0.1: the browser keeps the JSESSIONID cookie (SameSite=Lax) off it.`;
    const rest = (await (await fetch(`${sim.url}/api/v2/me`, { headers: { Origin: page } })).json()) as { statusMessage: string };
    expect(rest.statusMessage).toContain(`Access denied: no credentials were sent; use HTTP Basic userName:password, or the JSESSIONID cookie that GET /api/v2/me sets. ${why}`);
    expect(rest.statusMessage).toMatch(/Open the page on 127\.0\.0\.1 \(same host name, any port\), or send HTTP Basic .* or credentials in the handshake ext$/);
    const handshake = await fetch(`${sim.url}/api/v2/notifications`, {
      method: 'POST',
      headers: { Origin: page, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]),
    });
    const [reply] = (await handshake.json()) as { successful: boolean; ext?: { authentication?: { failure?: string } } }[];
    expect(reply.successful).toBe(false);
    expect(reply.ext?.authentication?.failure).toContain(why);
    // The same site on another port sends its cookie: no such hint when it is missing for another reason.
    const sameSite = (await (await fetch(`${sim.url}/api/v2/me`, { headers: { Origin: 'http://127.0.0.1:3999' } })).json()) as { statusMessage: string };
    expect(sameSite.statusMessage).not.toContain('another site');
  });

  test('/sim serves no CORS, even to an allowed origin', async () => {
    const answer = await fetch(`${sim.url}/sim/state`, { headers: { Origin: DESKTOP } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('no 5xx for deep bodies', () => {
  beforeEach(async () => {
    sim = await createSimulator();
  });
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  test.each([
    ['POST /sim/faults', '/sim/faults', {}],
    ['POST /sim/faults as {"faults": deep}', '/sim/faults', { wrap: true }],
    ['an operation POST', `/api/v2/me/facebooksessions/${SESSION_ID}`, { auth: true }],
  ])('%s nested 16,000 deep answers 400 statusCode 1', async (_name, path, how: { wrap?: boolean; auth?: boolean }) => {
    const body = how.wrap ? `{"faults": ${deep(16_000)}}` : deep(16_000);
    const answer = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(how.auth ? { Authorization: BASIC } : {}) }, body });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ statusCode: 1, statusMessage: expect.stringContaining('deeper than 32 levels') });
  });

  test('a fault object at the usual depth is still armed', async () => {
    const answer = await fetch(`${sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ faults: [{ kind: 'drop', agent: 'agent2', nth: [1, 2] }] }) });
    expect(answer.status).toBe(200);
  });
});

describe('the front door', () => {
  test('/sim without a Host header (HTTP/1.0) is refused with a GWS body', async () => {
    sim = await createSimulator();
    const answer = await raw(sim.port, 'GET /sim/state HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    expect(answer).toContain('"statusCode":3');
    expect(answer).toContain('carries no Host header');
  });

  test('a half-sent request is answered 408 and its connection closed; the server goes on', async () => {
    sim = await createSimulator({ httpTimeouts: { headersMs: 200, requestMs: 400 } });
    const answer = await raw(sim.port, 'GET /api/v2/me HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${sim.url}/api/v2/me`, { headers: { Authorization: BASIC } })).status).toBe(200);
  });

  test('httpTimeouts are checked', async () => {
    await expect(createSimulator({ httpTimeouts: { headersMs: 0 } })).rejects.toThrow(/headersMs must be an integer from 1 to/);
  });
});

describe('websocket messages are capped', () => {
  const open = async () => {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return socket;
  };
  const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const handshakes = async (socket: WebSocket) => {
    const reply = new Promise<any>((resolve) => socket.once('message', (frame) => resolve(JSON.parse(String(frame))[0])));
    socket.send(JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['websocket'], ext: { authentication: { user: 'agent1', credentials: 'agent1' } } }]));
    return reply;
  };

  test('a 2 MB frame closes its socket with 1009, logged; the server goes on serving websockets', async () => {
    const lines: string[] = [];
    sim = await createSimulator({ log: (line) => lines.push(line) });
    const big = await open();
    const code = closed(big);
    big.send(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(await code).toBe(1009);
    expect(lines.join('\n')).toMatch(/closed a websocket whose client sent a message of 2097152 bytes \(limit 1048576/);
    const next = await open();
    expect(await handshakes(next)).toMatchObject({ successful: true });
    next.close();
    await closed(next);
  });

  test('the frames of one fragmented message count together; the limit is configurable', async () => {
    sim = await createSimulator({ maxWebsocketMessageBytes: 4096 });
    const fragmented = await open();
    const code = closed(fragmented);
    for (let i = 0; i < 3; i++) fragmented.send(Buffer.alloc(2000, 0x20), { fin: false });
    fragmented.send(Buffer.alloc(10, 0x20), { fin: true });
    expect(await code).toBe(1009);
    const small = await open();
    expect(await handshakes(small)).toMatchObject({ successful: true });
    small.close();
    await closed(small);
    await expect(createSimulator({ maxWebsocketMessageBytes: 10 })).rejects.toThrow(/maxWebsocketMessageBytes must be an integer >= 1024/);
  });
});
