import WebSocket from 'ws';
import { TRANSPORTS, type Transport } from '../../src/client/agent';
import { createSimulator, type Simulator } from '../../src/simulator';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { basic } from '../helpers/rest';

/**
 * A clientId is not a password: anyone may read it in GET /sim/state, but a message naming it is
 * served only on the connection that handshook (its websocket, or its BAYEUX_BROWSER cookie) or
 * with the agent's own credentials. Whatever else names it gets 402::Unknown client, and the
 * session it names goes on as if nothing happened.
 */
let sim: Simulator;
let log: string[];
afterEach(() => sim?.close());

const REMOVE = { targetPath: `/users/${AGENT2_ID}` };
const AGENT2_STREAM = ['StatusChange', 'ParticipantLeft', 'StatusChange', 'StatusChange'];
const UNKNOWN = { successful: false, error: '402::Unknown client', advice: { reconnect: 'handshake', interval: 0 } };

const clientIdOf = (user: string) => sim.state().cometdClients.find((c) => c.userName === user)!.clientId;

/** What an attacker sends, naming the victim's clientId: every meta request that acts on a session. */
const forged = (clientId: string, connectionType: Transport) => [
  { channel: '/meta/connect', clientId, connectionType, id: 'connect' },
  { channel: '/meta/subscribe', clientId, subscription: '/v2/me/*', id: 'subscribe' },
  { channel: '/meta/unsubscribe', clientId, subscription: '/v2/notifications', id: 'unsubscribe' },
  { channel: '/meta/disconnect', clientId, id: 'disconnect' },
];

async function overLongPolling(messages: object[], headers: Record<string, string> = {}): Promise<any[]> {
  const answer = await fetch(`${sim.url}/api/v2/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(messages) });
  return (await answer.json()) as any[];
}

/** Opens a websocket, sends the messages, and collects everything the socket receives until `close()`. */
async function overWebsocket(messages: object[]) {
  const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const received: any[] = [];
  socket.on('message', (frame) => received.push(...JSON.parse(String(frame))));
  socket.send(JSON.stringify(messages));
  return {
    received,
    close: () => new Promise<void>((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve() : (socket.once('close', () => resolve()), socket.close()))),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  log = [];
  sim = await createSimulator({ timeScale: 0, log: (line) => log.push(line) });
});

describe.each(TRANSPORTS)("an agent's session over %s", (victimTransport) => {
  test.each(TRANSPORTS)('cannot be taken over with its clientId alone over %s: 402 to each request, the agent keeps receiving', async (attackerTransport) => {
    const agent2 = await sim.agent('agent2', { transport: victimTransport });
    const clientId = clientIdOf('agent2');

    let replies: any[];
    let stolen: () => any[] = () => [];
    let closeAttacker = async () => {};
    if (attackerTransport === 'long-polling') {
      replies = await overLongPolling(forged(clientId, 'long-polling'));
    } else {
      const attacker = await overWebsocket(forged(clientId, 'websocket'));
      await until(() => attacker.received.filter((m) => m.id !== undefined).length === 4, 'the four replies');
      replies = attacker.received;
      stolen = () => attacker.received.filter((m) => !String(m.channel ?? '').startsWith('/meta/') && m.data !== undefined);
      closeAttacker = attacker.close;
    }
    for (const id of ['connect', 'subscribe', 'unsubscribe', 'disconnect']) expect(replies.find((r) => r.id === id)).toMatchObject(UNKNOWN);
    expect(log.filter((line) => line.includes(`agent2's CometD session ${clientId.slice(0, 8)}`))).toHaveLength(4);
    expect(log.join('\n')).toContain('from another connection (no credentials of agent2): answered 402::Unknown client');

    // The agent's session is untouched: still there, still subscribed, and it gets its stream.
    expect(sim.state().cometdClients).toEqual([expect.objectContaining({ clientId, subscriptions: ['/v2/notifications'] })]);
    const agent1 = await sim.agent('agent1', { transport: victimTransport });
    expect(await agent1.perform('RemoveParticipantFromConference', SESSION_ID, REMOVE)).toEqual({ statusCode: 0 });
    await sim.expect({ agent2: AGENT2_STREAM });
    expect(clientIdOf('agent2')).toBe(clientId);
    // The attacker's socket, closed now, closes nothing of agent2's: it still receives.
    await closeAttacker();
    expect(stolen()).toEqual([]);
    sim.notify({ agent: 'agent2', data: { notificationType: 'Custom' } });
    await expect(agent2.waitFor('Custom', { timeoutMs: 2000 })).resolves.toEqual([{ notificationType: 'Custom' }]);
  });
});

test("the agent's own credentials may use its session from another connection; another agent's may not", async () => {
  await sim.agent('agent2', { transport: 'long-polling' });
  const clientId = clientIdOf('agent2');
  const subscribe = [{ channel: '/meta/subscribe', clientId, subscription: '/v2/me/facebooksession', id: 's' }];
  expect((await overLongPolling(subscribe, { Authorization: basic('agent1', 'agent1') }))[0]).toMatchObject(UNKNOWN);
  expect((await overLongPolling(subscribe, { Authorization: basic('agent2', 'agent2') }))[0]).toMatchObject({ successful: true });
  expect(sim.state().cometdClients[0].subscriptions).toEqual(['/v2/notifications', '/v2/me/facebooksession']);
});

test('a long-polling handshake sets the BAYEUX_BROWSER cookie its session is bound to', async () => {
  const answer = await fetch(`${sim.url}/api/v2/notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], ext: { authentication: { user: 'agent1', credentials: 'agent1' } } }]),
  });
  const cookie = answer.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^BAYEUX_BROWSER=[0-9a-f]{32}; Path=\/api\/v2\/notifications; HttpOnly; SameSite=Lax$/);
  const [{ clientId }] = (await answer.json()) as any[];
  const connect = [{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 }, id: 'c' }];
  // The cookie came back: the client keeps cookies, and the session is served only with it from now on.
  expect((await overLongPolling(connect, { Cookie: cookie.split(';')[0] }))[0]).toMatchObject({ successful: true, clientId });
  expect((await overLongPolling(connect))[0]).toMatchObject(UNKNOWN);
});

test("the browser cookie serves only pages the Origin rule lets use cookies: the same cookie from another site's page gets 402", async () => {
  const answer = await fetch(`${sim.url}/api/v2/notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], ext: { authentication: { user: 'agent1', credentials: 'agent1' } } }]),
  });
  const cookie = answer.headers.get('set-cookie')!.split(';')[0];
  const [{ clientId }] = (await answer.json()) as any[];
  const unsubscribe = [{ channel: '/meta/unsubscribe', clientId, subscription: '/v2/notifications', id: 'u' }];
  expect((await overLongPolling(unsubscribe, { Cookie: cookie, Origin: 'http://evil.example' }))[0]).toMatchObject(UNKNOWN);
  expect(log.join('\n')).toContain("refused /meta/unsubscribe for agent1's CometD session");
  const connect = [{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 }, id: 'c' }];
  expect((await overLongPolling(connect, { Cookie: cookie, Origin: sim.url }))[0]).toMatchObject({ successful: true });
});

test('once the cookie came back, a long poll without it is refused with a log line that says what a page of another site must do', async () => {
  const answer = await fetch(`${sim.url}/api/v2/notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], ext: { authentication: { user: 'agent1', credentials: 'agent1' } } }]),
  });
  const cookie = answer.headers.get('set-cookie')!.split(';')[0];
  const [{ clientId }] = (await answer.json()) as any[];
  await overLongPolling([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 }, id: 'c' }], { Cookie: cookie });
  expect((await overLongPolling([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: 'c' }]))[0]).toMatchObject(UNKNOWN);
  expect(log.join('\n')).toContain('(the BAYEUX_BROWSER cookie did not come back: a page of another site must send HTTP Basic on its long polls, or use websocket)');
});

describe('after a cut of its websocket', () => {
  /** A websocket with the headers a browser would send, that handshakes (or names `clientId`) and collects what it receives. */
  async function socket(headers: Record<string, string>) {
    const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`, { headers });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const received: any[] = [];
    ws.on('message', (frame) => received.push(...JSON.parse(String(frame))));
    const send = async (messages: object[], id: string) => {
      ws.send(JSON.stringify(messages));
      await until(() => received.some((m) => m.id === id), `the reply ${id}`);
      return received.find((m) => m.id === id);
    };
    return { ws, received, send };
  }
  const BROWSER = { Cookie: 'BAYEUX_BROWSER=0123456789abcdef0123456789abcdef' };

  test('the session is taken over only by the same browser, once; back by its own means, no one else may take it', async () => {
    const first = await socket(BROWSER);
    const handshake = await first.send([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['websocket'], ext: { authentication: { user: 'agent2', credentials: 'agent2' } }, id: 'h' }], 'h');
    const { clientId } = handshake;
    await first.send([{ channel: '/meta/subscribe', clientId, subscription: '/v2/notifications', id: 's' }], 's');
    first.ws.send(JSON.stringify([{ channel: '/meta/connect', clientId, connectionType: 'websocket', id: 'c1' }]));
    await until(() => sim.state().cometdClients.some((c) => c.clientId === clientId && c.transport === 'websocket'), 'the connect');
    sim.fault('cut:agent2');
    await until(() => first.ws.readyState === WebSocket.CLOSED, 'the cut');

    // Another process, no cookie: refused, even while the cut is open.
    const stranger = await socket({});
    expect(await stranger.send([{ channel: '/meta/connect', clientId, connectionType: 'websocket', id: 'x' }], 'x')).toMatchObject(UNKNOWN);
    // The same browser: served, and it takes the session over.
    const again = await socket(BROWSER);
    expect(await again.send([{ channel: '/meta/connect', clientId, connectionType: 'websocket', advice: { timeout: 0 }, id: 'c2' }], 'c2')).toMatchObject({ successful: true });
    // Now nobody else, cookie or not, may take it over.
    const late = await socket({});
    expect(await late.send([{ channel: '/meta/connect', clientId, connectionType: 'websocket', id: 'y' }], 'y')).toMatchObject(UNKNOWN);
    sim.notify({ agent: 'agent2', data: { notificationType: 'AfterTheCut' } });
    await until(() => again.received.some((m) => m.data?.notificationType === 'AfterTheCut'), 'the notification on the new socket');
    expect(late.received.some((m) => m.data !== undefined)).toBe(false);
    for (const s of [stranger, again, late]) s.ws.close();
  });
});

