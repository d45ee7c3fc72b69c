import fc from 'fast-check';
import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import { longPolling } from '../helpers/bayeux';

/**
 * Bayeux messages whose fields have the wrong types get a Bayeux error reply, on both
 * transports, and the rest of their batch is answered as usual.
 */
let sim: Simulator;
let bayeux: ReturnType<typeof longPolling>;
beforeEach(async () => {
  sim = await createSimulator({ timeScale: 0 });
  bayeux = longPolling(sim.url);
});
afterEach(() => sim.close());

const EXT = { authentication: { user: 'agent1', credentials: 'agent1' } };
const odd = (clientId: string) => [
  { channel: 5, id: 'a' },
  { channel: ['/meta/connect'], id: 'b' },
  { channel: '/meta/subscribe', clientId, subscription: 5, id: 'c' },
  { channel: '/meta/subscribe', clientId, subscription: ['/v2/notifications', { a: 1 }], id: 'd' },
  { channel: '/meta/unsubscribe', clientId, subscription: null, id: 'e' },
  { channel: '/meta/connect', clientId: { a: 1 }, connectionType: 'long-polling', id: 'f' },
  { channel: '/meta/subscribe', clientId, subscription: '/v2/notifications', id: 'h' },
];
const EXPECTED: Record<string, RegExp> = { a: /^400:channel:/, b: /^400:channel:/, c: /^400:subscription:/, d: /^400:subscription:/, e: /^400:subscription:/, f: /^400:clientId:/ };

function check(replies: any[]): void {
  for (const [id, error] of Object.entries(EXPECTED)) {
    expect(replies.find((r) => r.id === id)).toMatchObject({ successful: false, error: expect.stringMatching(error) });
  }
  expect(replies.find((r) => r.id === 'h')).toMatchObject({ successful: true, subscription: '/v2/notifications' });
}

const post = (batch: unknown[]) => bayeux(JSON.stringify(batch));

test('over long-polling: one Bayeux error per odd message, and the subscribe in the same batch succeeds', async () => {
  const [handshake] = (await post([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], ext: EXT }])).replies;
  const { status, replies } = await post(odd(handshake.clientId));
  expect(status).toBe(200);
  check(replies);
});

test('over websocket: the same replies on the socket, which stays open', async () => {
  const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const replies: any[] = [];
  socket.on('message', (frame) => replies.push(...JSON.parse(String(frame))));
  const until = async (id: string) => {
    const deadline = Date.now() + 5000;
    while (!replies.some((r) => r.id === id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  socket.send(JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['websocket'], ext: EXT, id: 'hs' }]));
  await until('hs');
  socket.send(JSON.stringify(odd(replies.find((r) => r.id === 'hs').clientId)));
  await until('h');
  check(replies);
  expect(socket.readyState).toBe(WebSocket.OPEN);
  socket.close();
  await new Promise((resolve) => socket.once('close', resolve));
});

describe('property: Bayeux messages with odd field types', () => {
  const odd = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 8 }), fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }));
  const channel = fc.oneof(fc.constantFrom('/meta/handshake', '/meta/connect', '/meta/subscribe', '/meta/unsubscribe', '/meta/disconnect', '/v2/notifications', '/meta/nothing'), odd);
  const message = fc.record(
    { channel, clientId: odd, subscription: odd, connectionType: odd, version: odd, supportedConnectionTypes: odd, ext: odd, advice: odd, data: odd, id: odd },
    { requiredKeys: [] },
  );
  const batch = fc.array(fc.oneof(message, odd), { minLength: 1, maxLength: 6 });

  test('every batch is answered with Bayeux replies over long-polling, and the server goes on', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (messages) => {
        const { status, replies } = await post(messages);
        expect([200, 400]).toContain(status);
        expect(Array.isArray(replies)).toBe(true);
        for (const reply of replies) expect(typeof reply.successful).toBe('boolean');
      }),
      { numRuns: 60 },
    );
    const [handshake] = (await post([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], ext: EXT }])).replies;
    expect(handshake.successful).toBe(true);
  });

  test('over websocket the socket stays open and a handshake after them is answered', async () => {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const replies: any[] = [];
    socket.on('message', (frame) => replies.push(...JSON.parse(String(frame))));
    const log = jest.spyOn(console, 'log').mockImplementation(() => {}); // faye logs frames it cannot read
    for (const messages of fc.sample(batch, { numRuns: 60, seed: 11 })) socket.send(JSON.stringify(messages));
    socket.send(JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['websocket'], ext: EXT, id: 'last' }]));
    const deadline = Date.now() + 5000;
    while (!replies.some((r) => r.id === 'last') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    log.mockRestore();
    expect(replies.find((r) => r.id === 'last')).toMatchObject({ successful: true });
    for (const reply of replies) expect(typeof reply.successful).toBe('boolean');
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
  });
});
