import { TRANSPORTS } from '../../src/client/agent';
import { basic } from '../helpers/rest';
import { login, ok, receivedUntil, sim, startCluster, type Cluster } from '../helpers/cluster';

/**
 * A raw long-polling Bayeux client whose requests land on a different node each time, as behind a
 * load balancer without sticky sessions: it handshakes on one, subscribes on another, and each
 * /meta/connect held by any node brings what an operation on yet another node sent.
 */

let cluster: Cluster;
let urls: string[];

beforeAll(async () => {
  cluster = await startCluster(3);
  urls = cluster.nodes.map((node) => node.url);
});
afterAll(() => cluster.close());
afterEach(() => sim(urls[0], '/reset'));

/** Longer than any poll here needs, shorter than faye's 45 s hold: a poll that brings nothing fails the test. */
const POLL_MS = 8_000;

/** How the client shows who it is after the handshake: the BAYEUX_BROWSER cookie the server set, Basic on every request, or its clientId alone. */
const WAYS = ['cookie', 'basic', 'clientId alone'] as const;

/** A client of agent1 with a cookie jar of one cookie, posting to whichever node it is told. */
function client(way: (typeof WAYS)[number]) {
  let cookie: string | undefined;
  return async (url: string, messages: object[]): Promise<any[]> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (way === 'cookie' && cookie) headers.Cookie = cookie;
    if (way === 'basic') headers.Authorization = basic('agent1', 'agent1');
    const response = await fetch(`${url}/api/v2/notifications`, { method: 'POST', headers, body: JSON.stringify(messages), signal: AbortSignal.timeout(POLL_MS) });
    cookie ??= response.headers.getSetCookie().find((line) => line.startsWith('BAYEUX_BROWSER='))?.split(';')[0];
    expect(response.status).toBe(200);
    return (await response.json()) as any[];
  };
}

describe.each(WAYS)('a long-polling client showing %s', (way) => {
  test('handshakes on A, subscribes on B, and receives through every node in turn what the others sent', async () => {
    const post = client(way);
    const [handshake] = await post(urls[0], [
      { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], ext: { authentication: { user: 'agent1', credentials: 'agent1' } } },
    ]);
    expect(handshake).toMatchObject({ successful: true });
    const { clientId } = handshake;
    expect(await post(urls[1], [{ channel: '/meta/subscribe', clientId, subscription: '/v2/notifications' }])).toEqual([expect.objectContaining({ successful: true })]);

    const connect = { channel: '/meta/connect', clientId, connectionType: 'long-polling' };
    await post(urls[2], [{ ...connect, advice: { timeout: 0 } }]); // answered at once: the client is connected
    for (let round = 0; round < 6; round++) {
      const polled = urls[round % 3];
      const { id } = await sim(urls[(round + 1) % 3], '/chats', { offerTo: 'agent1', customer: `Customer${round}`, text: 'Hi' });
      const received: any[] = [];
      // Each poll is held until something comes; a few in case one comes back empty.
      for (let attempt = 0; attempt < 3 && !received.some((m) => m.data?.chat?.id === id); attempt++) {
        const replies = await post(polled, [connect]);
        expect(replies.find((m) => m.channel === '/meta/connect')).toMatchObject({ successful: true });
        received.push(...replies.filter((m) => m.channel === '/v2/notifications'));
      }
      expect(received.map((m) => [m.data.chat?.id, m.data.chat?.state])).toEqual([[id, 'Invited']]);
    }
    expect(await post(urls[1], [{ channel: '/meta/disconnect', clientId }])).toEqual([expect.objectContaining({ successful: true })]);
  });
});

describe.each(TRANSPORTS)('the official CometD client over %s on node A', (transport) => {
  test('receives a steady stream played by node B whole and in order (none lost between two polls)', async () => {
    const agent1 = await login(urls[0], 'agent1', transport);
    try {
      const { id } = await sim(urls[1], '/chats', { offerTo: 'agent1', customer: 'Alice', text: 'Hello' });
      await ok(urls[1], 'agent1', `/chats/${id}`, 'Accept');
      const texts = Array.from({ length: 150 }, (_, i) => `m${i}`);
      for (const text of texts) await sim(urls[1], `/chats/${id}/messages`, { text });
      const told = await receivedUntil(agent1, 0, (n) => n.messages?.some((m: any) => m.text === 'm149'), 'the last message');
      expect(told.flatMap((n) => (n.messages ?? []).filter((m: any) => /^m\d+$/.test(m.text ?? '')).map((m: any) => m.text))).toEqual(texts);
    } finally {
      await agent1.disconnect();
    }
  });
});
