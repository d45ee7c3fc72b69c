import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import { TRANSPORTS } from '../helpers/agent';
import { basic } from '../helpers/rest';

/**
 * Every Bayeux client is served, not only the official CometD one: faye's own Node client (ext
 * credentials; it handshakes over HTTP, then moves to a websocket that brings neither credentials
 * nor the browser cookie) and a plain client without a cookie jar. The clientId is their session
 * key, as on a CometD server; still, no request with another agent's credentials, another
 * browser's cookie, or a second connection while their websocket is open, may use it.
 */
// faye's own Node client, as third-party code uses it (src/types/faye.d.ts declares the server side only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const faye = require('faye') as { Client: new (url: string) => FayeClient };
interface FayeClient {
  addExtension(extension: { incoming?(message: any, callback: (m: any) => void): void; outgoing?(message: any, callback: (m: any) => void): void }): void;
  disable(feature: string): void;
  subscribe(channel: string, onMessage: (data: any) => void): PromiseLike<unknown>;
  disconnect(): void;
}

const UNKNOWN = { successful: false, error: '402::Unknown client' };
let sim: Simulator;
let log: string[];
const cleanups: (() => unknown)[] = [];
beforeEach(async () => {
  log = [];
  sim = await createSimulator({ timeScale: 0, log: (line) => log.push(line) });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await sim.close();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const transportOf = (user: string) => sim.state().cometdClients.find((c) => c.userName === user)?.transport;

describe.each(TRANSPORTS)("faye's own Node client over %s", (transport) => {
  test('with handshake-ext credentials receives its notifications', async () => {
    const client = new faye.Client(`${sim.url}/api/v2/notifications`);
    cleanups.push(() => client.disconnect());
    if (transport === 'long-polling') client.disable('websocket');
    client.addExtension({
      outgoing: (message, callback) => callback(message.channel === '/meta/handshake' ? { ...message, ext: { authentication: { user: 'agent2', credentials: 'agent2' } } } : message),
    });
    const received: any[] = [];
    // faye's client retries a refused session for ever and never settles the subscribe: give up after a while.
    let timer: NodeJS.Timeout | undefined;
    const refused = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the subscribe did not settle; the log: ${log.join(' | ')}`)), 5000)));
    await Promise.race([client.subscribe('/v2/notifications', (data) => received.push(data)), refused]).finally(() => clearTimeout(timer));
    sim.notify({ agent: 'agent2', data: { notificationType: 'ForFaye' } });
    await until(() => received.length > 0, 'the notification');
    expect(received).toEqual([{ notificationType: 'ForFaye' }]);
    expect(transportOf('agent2')).toBe(transport);
    expect(log.filter((line) => line.startsWith('refused'))).toEqual([]);
  });
});

/** A plain Bayeux client without a cookie jar: every long poll brings the clientId alone. */
async function post(messages: object[], headers: Record<string, string> = {}): Promise<any[]> {
  const answer = await fetch(`${sim.url}/api/v2/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(messages) });
  return (await answer.json()) as any[];
}

/** Handshakes over long-polling with ext credentials, subscribes, and drops the cookie it is given. */
async function cookieless(user: string): Promise<string> {
  const [{ clientId }] = await post([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling', 'websocket'], ext: { authentication: { user, credentials: user } } }]);
  const [reply] = await post([{ channel: '/meta/subscribe', clientId, subscription: '/v2/notifications', id: 's' }]);
  expect(reply).toMatchObject({ successful: true });
  return clientId;
}

async function websocket(headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`, { headers });
  cleanups.push(() => ws.close());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const received: any[] = [];
  ws.on('message', (frame) => received.push(...JSON.parse(String(frame))));
  return { ws, received, send: (messages: object[]) => ws.send(JSON.stringify(messages)) };
}

const connect = (clientId: string, connectionType: string, id: string) => ({ channel: '/meta/connect', clientId, connectionType, advice: { timeout: 0 }, id });

describe('a cookie-less client (ext credentials over long-polling)', () => {
  test('receives its notifications on its long polls', async () => {
    const clientId = await cookieless('agent2');
    sim.notify({ agent: 'agent2', data: { notificationType: 'ForRaw' } });
    await until(() => sim.state().deliveries.some((d) => d.userName === 'agent2' && d.sent === 1), 'the send');
    const replies = await post([connect(clientId, 'long-polling', 'c')]);
    expect(replies).toEqual(expect.arrayContaining([expect.objectContaining({ channel: '/v2/notifications', data: { notificationType: 'ForRaw' } }), expect.objectContaining({ id: 'c', successful: true })]));
  });

  test('receives them on a websocket it moves to, which no second connection may then use', async () => {
    const clientId = await cookieless('agent2');
    const socket = await websocket();
    socket.send([connect(clientId, 'websocket', 'c1')]);
    await until(() => socket.received.some((m) => m.id === 'c1'), 'the connect reply');
    expect(socket.received.find((m) => m.id === 'c1')).toMatchObject({ successful: true });
    // While its websocket is open, another one (or a long poll) that brings nothing new is refused.
    const other = await websocket();
    other.send([connect(clientId, 'websocket', 'x')]);
    await until(() => other.received.some((m) => m.id === 'x'), 'the refusal');
    expect(other.received.find((m) => m.id === 'x')).toMatchObject(UNKNOWN);
    expect((await post([connect(clientId, 'long-polling', 'y')]))[0]).toMatchObject(UNKNOWN);
    sim.notify({ agent: 'agent2', data: { notificationType: 'OnItsSocket' } });
    socket.send([{ ...connect(clientId, 'websocket', 'c2'), advice: undefined }]);
    await until(() => socket.received.some((m) => m.data?.notificationType === 'OnItsSocket'), 'the notification on its websocket');
    expect(other.received.some((m) => m.data !== undefined)).toBe(false);
  });

  test("is not served to another agent's credentials, nor to another browser's cookie", async () => {
    const clientId = await cookieless('agent2');
    const subscribe = [{ channel: '/meta/subscribe', clientId, subscription: '/v2/me/chats', id: 's' }];
    expect((await post(subscribe, { Authorization: basic('agent1', 'agent1') }))[0]).toMatchObject(UNKNOWN);
    expect((await post(subscribe, { Cookie: 'BAYEUX_BROWSER=0123456789abcdef0123456789abcdef' }))[0]).toMatchObject(UNKNOWN);
    expect((await post(subscribe, { Authorization: basic('agent2', 'agent2') }))[0]).toMatchObject({ successful: true });
    expect(sim.state().cometdClients[0].subscriptions).toEqual(['/v2/notifications', '/v2/me/chats']);
  });
});
