import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import { longPolling } from '../helpers/bayeux';

/**
 * Raw Bayeux a CometD client would never send: every answer is a Bayeux reply array (never a
 * 5xx, never a crash), and nothing an unauthenticated or over-limit client sends makes the
 * simulator's client registry grow.
 */
let sim: Simulator;

let bayeuxPost: ReturnType<typeof longPolling>;

beforeEach(async () => {
  sim = await createSimulator({ timeScale: 0 });
  bayeuxPost = longPolling(sim.url);
});

afterEach(() => sim.close());

const HANDSHAKE = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] };


describe('garbage over long-polling', () => {
  test.each([
    ['not JSON', '{not json', 400],
    ['a JSON string', '"a string"', 400],
    ['a JSON number', '12', 400],
    ['JSON null', 'null', 400],
    ['an empty body', '', 400],
    ['a batch of null', '[null]', 200],
    ['a batch of numbers and strings', '[1, "x", true]', 200],
    ['an empty batch', '[]', 200],
    ['a message without channel', '[{"id": "1"}]', 200],
    ['a channel that is not a string', '[{"channel": {"a": 1}, "id": "1"}]', 200],
    ['a connect with an unknown clientId', '[{"channel": "/meta/connect", "clientId": "forged", "connectionType": "long-polling"}]', 200],
    ['a disconnect with an unknown clientId', '[{"channel": "/meta/disconnect", "clientId": "forged"}]', 200],
    ['an unknown meta channel', '[{"channel": "/meta/nothing", "clientId": "forged"}]', 200],
    ['__proto__ keys', '[{"channel": "/meta/handshake", "__proto__": {"successful": true}, "ext": {"__proto__": {"x": 1}}}]', 200],
    ['a handshake with ext that is not an object', '[{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "ext": "x"}]', 200],
    ['a connect asking to be held for ever', '[{"channel": "/meta/connect", "clientId": "forged", "connectionType": "long-polling", "advice": {"timeout": 1e30}}]', 200],
  ])('%s is answered with Bayeux errors', async (_name, body, status) => {
    const answer = await bayeuxPost(body);
    expect(answer.status).toBe(status);
    expect(Array.isArray(answer.replies)).toBe(true);
    for (const reply of answer.replies) expect(reply.successful).toBe(false);
    if (status === 400) expect(answer.replies[0].error).toMatch(/^400::/);
    expect(sim.state().cometdClients).toEqual([]);
  });

  test('a form without a "message" field, and a GET (JSON-P), are refused with a Bayeux error', async () => {
    const form = await bayeuxPost('a=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.replies[0].error).toContain('"message" field');
    const message = encodeURIComponent(JSON.stringify([HANDSHAKE]));
    const jsonp = await fetch(`${sim.url}/api/v2/notifications?message=${message}&jsonp=steal`);
    expect(jsonp.status).toBe(400);
    expect(jsonp.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(await jsonp.text())[0].error).toMatch(/^400::GET is not served/);
  });

  test('a body over 256 kB is refused with 413 before faye reads it', async () => {
    const batch = JSON.stringify(Array.from({ length: 4000 }, (_, i) => ({ ...HANDSHAKE, id: String(i), ext: { pad: 'x'.repeat(60) } })));
    expect(batch.length).toBeGreaterThan(256 * 1024);
    const answer = await bayeuxPost(batch);
    expect(answer.status).toBe(413);
    expect(answer.replies[0].error).toMatch(/^413::.*larger than 262144 bytes/);
    expect(sim.state().cometdClients).toEqual([]);
  });
});

describe('replies to messages that cannot be read name no internal channel', () => {
  // As faye and CometD answer: on the channel the client named when it is a channel name, else on none.
  const MESSAGES = [
    { id: 'empty' },
    { id: 'object', channel: { a: 1 } },
    { id: 'connect', channel: '/meta/connect', clientId: 5, connectionType: 'long-polling' },
    { id: 'odd', channel: 'not a channel', clientId: [] },
  ];
  const expected = [
    { id: 'empty', successful: false, error: '400:channel:channel must be a string such as "/meta/connect"' },
    { id: 'object', successful: false, error: '400:channel:channel must be a string such as "/meta/connect"' },
    { id: 'connect', channel: '/meta/connect', successful: false, error: '400:clientId:clientId must be the string the handshake answered' },
    { id: 'odd', successful: false, error: '400:clientId:clientId must be the string the handshake answered' },
  ];
  const check = (replies: any[]) => {
    expect(replies.map(({ id, channel, successful, error }) => ({ id, ...(channel === undefined ? {} : { channel }), successful, error }))).toEqual(expected);
    expect(JSON.stringify(replies)).not.toContain('gws-sim');
  };

  test('over long-polling', async () => {
    const answer = await bayeuxPost(JSON.stringify(MESSAGES));
    expect(answer.status).toBe(200);
    check(answer.replies);
    expect(await bayeuxPost('{}')).toMatchObject({ replies: [{ successful: false, error: expect.stringMatching(/^400:channel:/) }] });
    expect((await bayeuxPost('{}')).text).not.toContain('gws-sim');
  });

  test('over websocket, a frame {} included', async () => {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const frames: string[] = [];
    socket.on('message', (frame) => frames.push(String(frame)));
    socket.send('{}');
    socket.send(JSON.stringify(MESSAGES));
    await waitUntil(() => frames.length === 2);
    expect(JSON.parse(frames[0])).toEqual([{ successful: false, error: '400:channel:channel must be a string such as "/meta/connect"' }]);
    check(JSON.parse(frames[1]));
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
  });
});

describe('batches of handshakes', () => {
  test('2,000 handshakes without credentials in one request are all denied and leave nothing behind', async () => {
    const batch = Array.from({ length: 2000 }, (_, i) => ({ ...HANDSHAKE, id: String(i) }));
    const answer = await bayeuxPost(JSON.stringify(batch));
    expect(answer.status).toBe(200);
    expect(answer.replies).toHaveLength(2000);
    expect(answer.replies.every((r) => r.successful === false && r.error === '403::Handshake denied' && r.advice.reconnect === 'none')).toBe(true);
    expect(answer.replies.some((r) => r.clientId !== undefined)).toBe(false);
    expect(sim.state().cometdClients).toEqual([]);
  });

  test('1,000 handshakes with credentials in one request (one id for all) open 32 sessions, the limit per agent', async () => {
    const ext = { authentication: { user: 'agent1', credentials: 'agent1' } };
    const batch = Array.from({ length: 1000 }, () => ({ ...HANDSHAKE, id: 'same', ext }));
    const answer = await bayeuxPost(JSON.stringify(batch));
    const accepted = answer.replies.filter((r) => r.successful);
    expect(accepted).toHaveLength(32);
    const refused = answer.replies.filter((r) => !r.successful);
    expect(refused).toHaveLength(968);
    expect(refused[0]).toMatchObject({ error: '403::Handshake denied', advice: { reconnect: 'none' } });
    expect(refused[0].ext.authentication.failure).toContain('agent1 already has 32 CometD sessions');
    expect(sim.state().cometdClients.map((c) => c.clientId).sort()).toEqual(accepted.map((r) => r.clientId).sort());

    // Another agent is not affected, and a disconnect frees a place.
    const other = await bayeuxPost(JSON.stringify([{ ...HANDSHAKE, ext: { authentication: { user: 'agent2', credentials: 'agent2' } } }]));
    expect(other.replies[0].successful).toBe(true);
    await bayeuxPost(JSON.stringify([{ channel: '/meta/disconnect', clientId: accepted[0].clientId }]));
    const again = await bayeuxPost(JSON.stringify([{ ...HANDSHAKE, ext }]));
    expect(again.replies[0].successful).toBe(true);
  });
});

describe('garbage over websocket', () => {
  test('frames that are not Bayeux are refused with a Bayeux error, nothing on stdout; the socket and the server go on', async () => {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/api/v2/notifications`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const stdout = jest.spyOn(console, 'log').mockImplementation(() => {});
    const replies: any[] = [];
    socket.on('message', (frame) => replies.push(...JSON.parse(String(frame))));
    for (const frame of ['garbage', '1', '"x"', '[null]', Buffer.from([0xff, 0xfe, 0x00])]) socket.send(frame);
    socket.send(JSON.stringify([{ channel: '/meta/subscribe', clientId: 'forged', subscription: '/**', id: 'w' }]));
    socket.send(JSON.stringify([{ ...HANDSHAKE, supportedConnectionTypes: ['websocket'], id: 'h', ext: { authentication: { user: 'agent1', credentials: 'agent1' } } }]));
    await waitUntil(() => replies.some((r) => r.id === 'h'));
    expect(replies.find((r) => r.id === 'w')).toMatchObject({ successful: false, error: '402::Unknown client', advice: { reconnect: 'handshake', interval: 0 } });
    expect(replies.find((r) => r.id === 'h')).toMatchObject({ successful: true, clientId: expect.any(String) });
    const refusals = replies.filter((r) => typeof r.error === 'string' && r.error.startsWith('400::'));
    expect(refusals).toHaveLength(4); // all but [null], an empty batch
    expect(refusals[0]).toEqual({ successful: false, error: '400::a websocket frame must be JSON: a Bayeux message or an array of them' });
    expect(refusals[1].error).toBe('400::a websocket frame must hold a Bayeux message (a JSON object) or an array of them');
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
  });
});

async function waitUntil(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
