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
  expect((await overLongPolling(connect))[0]).toMatchObject(UNKNOWN);
  expect((await overLongPolling(connect, { Cookie: cookie.split(';')[0] }))[0]).toMatchObject({ successful: true, clientId });
});
