import { CometD } from 'cometd';
import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../../src/simulator';
import '../helpers/agent'; // adapts the CometD client to Node
import { basic } from '../helpers/rest';

/**
 * Websockets hold file descriptors: 19,979 idle ones used up the process's and REST got "socket
 * hang up". A socket that serves no session is closed; past a cap, an upgrade is refused.
 */
let sim: Simulator;
const lines: string[] = [];
afterEach(async () => {
  lines.length = 0;
  await sim?.close();
});

const ENDPOINT = '/api/v2/notifications';
const HANDSHAKE = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['websocket'], ext: { authentication: { user: 'agent1', credentials: 'agent1' } } };

/** A websocket from `localAddress` (any 127.x address reaches a server on 127.0.0.1): open, or the HTTP answer that refused it. */
function open(localAddress = '127.0.0.1'): Promise<{ socket: WebSocket } | { status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}${ENDPOINT}`, { localAddress });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    socket.once('error', reject);
  });
}

async function opened(localAddress?: string): Promise<WebSocket> {
  const answer = await open(localAddress);
  if (!('socket' in answer)) throw new Error(`refused: ${JSON.stringify(answer)}`);
  return answer.socket;
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006, reason: '' });
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
}

/** Sends one Bayeux message and resolves with the reply to it. */
function call(socket: WebSocket, message: object): Promise<any> {
  const id = String(Math.random());
  return new Promise((resolve) => {
    const onMessage = (frame: WebSocket.RawData) => {
      const reply = (JSON.parse(String(frame)) as any[]).find((r) => r.id === id);
      if (reply === undefined) return;
      socket.off('message', onMessage);
      resolve(reply);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify([{ ...message, id }]));
  });
}

async function meAnswers(): Promise<number> {
  return (await fetch(`${sim.url}/api/v2/me`, { headers: { Authorization: basic('agent1', 'agent1') } })).status;
}

describe('a websocket that serves no session', () => {
  test('is closed, with a reason, and logged; one that handshook and connected stays open', async () => {
    sim = await createSimulator({ httpTimeouts: { websocketHandshakeMs: 300 }, log: (line) => lines.push(line) });
    const served = await opened();
    const handshake = await call(served, HANDSHAKE);
    expect(handshake.successful).toBe(true);
    const connect = call(served, { channel: '/meta/connect', clientId: handshake.clientId, connectionType: 'websocket', advice: { timeout: 0 } });
    expect(await connect).toMatchObject({ successful: true });

    // Opened later than the served one: when it is closed, the served one's time has passed too.
    const idle = await opened();
    expect(await closed(idle)).toEqual({ code: 1000, reason: 'no CometD session within 300 ms: send /meta/handshake first' });
    expect(lines).toContain('closed a websocket that served no CometD session within 300 ms (httpTimeouts.websocketHandshakeMs)');
    expect(served.readyState).toBe(WebSocket.OPEN);
    served.close();
    await closed(served);
  });

  test('sending handshakes that are denied does not keep it open', async () => {
    sim = await createSimulator({ httpTimeouts: { websocketHandshakeMs: 300 } });
    const socket = await opened();
    const denied = await call(socket, { ...HANDSHAKE, ext: { authentication: { user: 'agent1', credentials: 'wrong' } } });
    expect(denied).toMatchObject({ successful: false, error: '403::Handshake denied' });
    expect((await closed(socket)).reason).toContain('no CometD session within 300 ms');
  });

  test('the time is bounded', async () => {
    await expect(createSimulator({ httpTimeouts: { websocketHandshakeMs: 60_001 } })).rejects.toThrow('httpTimeouts.websocketHandshakeMs must be an integer from 1 to 60000 (ms), got 60001');
    await expect(createSimulator({ httpTimeouts: { websocketHandshakeMs: 0 } })).rejects.toThrow(/websocketHandshakeMs must be an integer from 1/);
  });
});

describe('websockets are capped per remote address and in all', () => {
  test('past the cap of one address its next upgrade gets 429, another address is served, REST answers throughout', async () => {
    sim = await createSimulator({ maxWebsocketsPerAddress: 3, maxWebsockets: 5, log: (line) => lines.push(line) });
    const mine = [await opened(), await opened(), await opened()];
    const refused = await open();
    expect(refused).toEqual({
      status: 429,
      body: [{ successful: false, error: '429::127.0.0.1 already has 3 websockets open, the limit per address (--max-websockets-per-address); close one, or use long-polling' }],
    });
    expect(lines).toContain('refused a websocket: 127.0.0.1 already has 3 websockets open, the limit per address (--max-websockets-per-address); close one, or use long-polling');
    expect(await meAnswers()).toBe(200);

    const theirs = [await opened('127.0.0.2'), await opened('127.0.0.2')];
    const full = await open('127.0.0.3');
    expect(full).toEqual({ status: 503, body: [{ successful: false, error: '503::5 websockets are open, the limit (--max-websockets); close one, or use long-polling' }] });
    expect(await meAnswers()).toBe(200);

    // A closed socket frees its place, and a socket admitted after a refusal works.
    mine[0].close();
    await closed(mine[0]);
    const again = await opened('127.0.0.3');
    expect(await call(again, HANDSHAKE)).toMatchObject({ successful: true });
    for (const socket of [...mine.slice(1), ...theirs, again]) {
      socket.close();
      await closed(socket);
    }
  });

  test('the official CometD client past the cap falls back to long-polling and receives its notifications', async () => {
    sim = await createSimulator({ maxWebsocketsPerAddress: 1, timeScale: 0 });
    const holder = await opened();
    const cometd = new CometD(); // websocket first, then long-polling: the client's default order
    cometd.configure({ url: `${sim.url}${ENDPOINT}`, logLevel: 'warn' });
    try {
      // The websocket's failure is reported first; the client then handshakes again over long-polling.
      const reply = await new Promise<any>((resolve) => cometd.handshake({ ext: HANDSHAKE.ext }, (message) => message.successful && resolve(message)));
      expect(reply.clientId).toEqual(expect.any(String));
      expect(cometd.getTransport()?.type).toBe('long-polling');
      const received = new Promise<any>((resolve) => cometd.subscribe('/v2/notifications', (message) => resolve(message.data)));
      await new Promise((resolve) => cometd.subscribe('/v2/notifications', () => {}, resolve));
      sim.notify({ agent: 'agent1', data: { messageType: 'Custom', n: 1 } });
      expect(await received).toMatchObject({ messageType: 'Custom', n: 1 });
    } finally {
      await new Promise((resolve) => cometd.disconnect(resolve));
      holder.close();
      await closed(holder);
    }
  });

  test('a flood of refused upgrades and of idle sockets writes one log line of each kind, not one per socket', async () => {
    sim = await createSimulator({ maxWebsocketsPerAddress: 1, httpTimeouts: { websocketHandshakeMs: 300 }, log: (line) => lines.push(line) });
    const holder = await opened();
    const refusals = await Promise.all(Array.from({ length: 30 }, () => open()));
    expect(refusals.every((answer) => 'status' in answer && answer.status === 429)).toBe(true);
    expect(lines.filter((line) => line.startsWith('refused a websocket'))).toHaveLength(1);

    const idle = await Promise.all(['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'].map((address) => opened(address)));
    await Promise.all([holder, ...idle].map(closed));
    expect(lines.filter((line) => line.startsWith('closed a websocket that served no CometD session'))).toHaveLength(1);
  });

  test('the caps are bounded', async () => {
    await expect(createSimulator({ maxWebsockets: 0 })).rejects.toThrow('maxWebsockets must be an integer from 1 to 100000, got 0');
    await expect(createSimulator({ maxWebsocketsPerAddress: 100_001 })).rejects.toThrow('maxWebsocketsPerAddress must be an integer from 1 to 100000, got 100001');
    await expect(createSimulator({ maxWebsockets: 1.5 })).rejects.toThrow(/maxWebsockets must be an integer/);
  });
});
