import http from 'node:http';
import type { AddressInfo } from 'node:net';
import faye, { type BayeuxMessage, type NodeAdapter } from 'faye';
import Redis from 'ioredis';
import { fayeRedisEngine } from '../../src/cluster/faye-engine';
import { parseRedisUrl } from '../../src/cluster/redis-url';
import { startRedis, type RedisServer } from '../helpers/redis';

/**
 * Two plain faye servers (no gws-sim) on one real Redis through src/cluster/faye-engine.ts: what
 * one publishes reaches the other's clients, a long-polling client may poll either, and Redis
 * going away and coming back empty crashes nothing.
 */

// faye's own Node client (src/types/faye.d.ts declares the server side only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FayeClient = (require('faye') as { Client: new (url: string, options?: { retry?: number }) => FayeClient }).Client;
interface FayeClient {
  disable(feature: string): void;
  subscribe(channel: string, onMessage: (data: any) => void): PromiseLike<unknown>;
  bind(event: 'transport:down' | 'transport:up', listener: () => void): void;
  disconnect(): PromiseLike<unknown> | undefined;
}

type Transport = 'long-polling' | 'websocket';
const TRANSPORTS: Transport[] = ['long-polling', 'websocket'];
const MOUNT = '/bayeux';
/** faye's `timeout`, s: how long a /meta/connect is held, and (x1.6) how long a silent session lives in Redis. */
const TIMEOUT_S = 3;
/** How long faye's client waits before it retries a failed request, s (its default is 5); also 1.2 times how long its first handshake may take. */
const CLIENT_RETRY_S = 1;

/** One faye server on its own http server, its engine on Redis, with what it logged and the connection types it was polled with. */
interface Node {
  url: string;
  adapter: NodeAdapter;
  log: string[];
  connectionTypes: string[];
  close(): Promise<void>;
}

async function startNode(redis: RedisServer, address = redis.url): Promise<Node> {
  const log: string[] = [];
  const connectionTypes: string[] = [];
  const adapter = new faye.NodeAdapter({ mount: MOUNT, timeout: TIMEOUT_S, engine: fayeRedisEngine(parseRedisUrl(address), (line) => log.push(line)) });
  adapter.addExtension({
    incoming(message, _request, callback) {
      if (message.channel === '/meta/connect') connectionTypes.push(String(message.connectionType));
      callback(message);
    },
  });
  const server = http.createServer();
  adapter.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    adapter,
    log,
    connectionTypes,
    async close() {
      // The in-process client first: its /meta/disconnect needs Redis, and once the engine is
      // closed nothing answers it, and faye's client would retry it for ever.
      await disconnect(adapter.getClient());
      // faye's close() flushes its connections and calls the engine's disconnect(), which ends both Redis clients.
      adapter.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A faye client of `node` on `transport`, with an inbox of what arrives on `channel`. */
async function subscribed(node: Node, transport: Transport, channel: string) {
  const client = new FayeClient(`${node.url}${MOUNT}`, { retry: CLIENT_RETRY_S });
  if (transport === 'long-polling') client.disable('websocket');
  const inbox: any[] = [];
  const downs = { count: 0 };
  client.bind('transport:down', () => downs.count++);
  await client.subscribe(channel, (data) => inbox.push(data));
  return { client, inbox, downs };
}

/** faye's client answers its disconnect once the server has; give up after a while (Redis may be gone). */
async function disconnect(client: { disconnect(): unknown }): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
  const answered = Promise.resolve(client.disconnect()).then(
    () => undefined,
    () => undefined, // refused: its session went with a restarted Redis
  );
  await Promise.race([answered, later]).finally(() => clearTimeout(timer));
}

async function until(condition: () => boolean, what: () => string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Publishes through `node`'s in-process client until `inbox` holds `data` (a message published before a subscription settles in Redis is nobody's). */
async function publishUntilReceived(node: Node, channel: string, data: { n: number }, inbox: any[]): Promise<void> {
  const arrived = () => inbox.some((received) => received.n === data.n);
  const deadline = Date.now() + 10_000;
  while (!arrived()) {
    if (Date.now() > deadline) throw new Error(`${JSON.stringify(data)} never arrived; inbox: ${JSON.stringify(inbox)}`);
    node.adapter.getClient().publish(channel, data);
    await until(arrived, () => '', 500).catch(() => undefined);
  }
}

let redis: RedisServer;
let nodes: Node[];
const crashes: unknown[] = [];
const crashed = (error: unknown) => crashes.push(error);

beforeAll(() => {
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
});
afterAll(() => {
  process.off('uncaughtException', crashed);
  process.off('unhandledRejection', crashed);
});

beforeEach(async () => {
  crashes.length = 0;
  redis = await startRedis();
  nodes = [await startNode(redis), await startNode(redis)];
});

afterEach(async () => {
  for (const node of nodes) await node.close();
  await redis.stop();
  expect(crashes).toEqual([]);
});

describe.each(TRANSPORTS)("faye's client over %s", (transport) => {
  test('connected to node A receives what node B publishes', async () => {
    const [a, b] = nodes;
    const { client, inbox } = await subscribed(a, transport, '/news');
    try {
      if (transport === 'websocket') await until(() => a.connectionTypes.includes('websocket'), () => `a websocket /meta/connect on A (seen: ${a.connectionTypes})`);
      b.adapter.getClient().publish('/news', { n: 1 });
      await until(() => inbox.length === 1, () => `the message published on B (inbox: ${JSON.stringify(inbox)})`);
      expect(inbox).toEqual([{ n: 1 }]);
      expect(a.connectionTypes.every((type) => type === transport || (transport === 'websocket' && type === 'long-polling'))).toBe(true);
      if (transport === 'long-polling') expect(a.connectionTypes).not.toContain('websocket');
    } finally {
      await disconnect(client);
    }
  });
});

test("the address's password and database are the engine's", async () => {
  const admin = new Redis(redis.url);
  await admin.config('SET', 'requirepass', 'se:cret');
  admin.disconnect();
  const node = await startNode(redis, `redis://:se%3Acret@127.0.0.1:${redis.port}/3`);
  nodes.push(node);
  const { client } = await subscribed(node, 'long-polling', '/news');
  const db3 = new Redis({ port: redis.port, host: '127.0.0.1', password: 'se:cret', db: 3 });
  try {
    expect(await db3.smembers('gws-sim/channels/news')).toHaveLength(1);
    expect(node.log).toEqual([]);
  } finally {
    db3.disconnect();
    await disconnect(client);
  }
});

describe('a raw long-polling client alternating between the nodes', () => {
  async function post(node: Node, message: Omit<BayeuxMessage, 'channel'> & { channel: string }): Promise<BayeuxMessage[]> {
    const answer = await fetch(`${node.url}${MOUNT}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([message]) });
    return (await answer.json()) as BayeuxMessage[];
  }

  test('handshakes on A, subscribes on B, and receives on either what the other publishes', async () => {
    const [a, b] = nodes;
    const [handshake] = await post(a, { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] });
    const clientId = handshake.clientId!;
    expect(handshake).toMatchObject({ successful: true });
    expect(await post(b, { channel: '/meta/subscribe', clientId, subscription: '/news' })).toMatchObject([{ successful: true, subscription: '/news' }]);

    const connect = { channel: '/meta/connect', clientId, connectionType: 'long-polling' };
    const onA = post(a, connect);
    await until(() => a.connectionTypes.length === 1, () => 'the /meta/connect held on A');
    b.adapter.getClient().publish('/news', { n: 1 });
    expect(await onA).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true }), expect.objectContaining({ channel: '/news', data: { n: 1 } })]);

    const onB = post(b, connect);
    await until(() => b.connectionTypes.length === 1, () => 'the /meta/connect held on B');
    a.adapter.getClient().publish('/news', { n: 2 });
    expect(await onB).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true }), expect.objectContaining({ channel: '/news', data: { n: 2 } })]);

    expect(await post(b, { channel: '/meta/disconnect', clientId })).toMatchObject([{ successful: true }]);
  });
});

describe('Redis refusing or going away', () => {
  const LOST = /^Redis at redis:\/\/127\.0\.0\.1:\d+ is lost \(/;
  const BACK = /^Redis at redis:\/\/127\.0\.0\.1:\d+ is back\b/;

  test('a command Redis answers with an error is dropped and told once, not handed to faye-redis (whose SUNION callback would throw)', async () => {
    const [a, b] = nodes;
    const { client, inbox } = await subscribed(a, 'long-polling', '/news');
    const other = new Redis(redis.url);
    try {
      // Every publish to /news takes the union of /news, /* and /**: a string there makes SUNION fail.
      await other.set('gws-sim/channels/**', 'not a set');
      b.adapter.getClient().publish('/news', { n: 1 });
      b.adapter.getClient().publish('/news', { n: 2 });
      await until(() => b.log.some((line) => line.includes('SUNION')), () => `B's log of the refused SUNION (log: ${b.log})`);
      expect(b.log).toEqual([expect.stringMatching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ answered SUNION with an error, dropped: WRONGTYPE /)]);

      await other.del('gws-sim/channels/**');
      await publishUntilReceived(b, '/news', { n: 3 }, inbox);
      expect(inbox).toEqual([{ n: 3 }]);
    } finally {
      other.disconnect();
      await disconnect(client);
    }
  });

  test('stopped under traffic and restarted empty: nothing crashes, each node says lost then back, clients handshake again and receive', async () => {
    const [a, b] = nodes;
    const longPolling = await subscribed(a, 'long-polling', '/news');
    const websocket = await subscribed(a, 'websocket', '/news');
    const fresh: FayeClient[] = [];
    const other = new Redis(redis.url);
    try {
      await publishUntilReceived(b, '/news', { n: 1 }, websocket.inbox);
      // Commands in flight when Redis dies: its clients are paused, B publishes, then Redis is killed.
      await other.call('CLIENT', 'PAUSE', '10000', 'ALL');
      for (let n = 2; n <= 5; n++) b.adapter.getClient().publish('/news', { n });
      other.disconnect();
      await redis.stop();
      await until(() => nodes.every((node) => node.log.some((line) => LOST.test(line))), () => `both nodes' "lost" line (A: ${a.log}; B: ${b.log})`);
      for (let n = 6; n <= 9; n++) b.adapter.getClient().publish('/news', { n });

      await redis.restart();
      await until(() => nodes.every((node) => node.log.some((line) => BACK.test(line))), () => `both nodes' "back" line (A: ${a.log}; B: ${b.log})`);
      // One line each way, however many commands failed and attempts were made meanwhile.
      for (const node of nodes) expect(node.log).toEqual([expect.stringMatching(LOST), expect.stringMatching(BACK)]);

      const late = await subscribed(a, 'long-polling', '/news');
      fresh.push(late.client);
      await publishUntilReceived(b, '/news', { n: 10 }, late.inbox);
      // The clients of before: their sessions went with Redis; faye answers 401 and they handshake again.
      await publishUntilReceived(b, '/news', { n: 11 }, longPolling.inbox);
      await publishUntilReceived(b, '/news', { n: 12 }, websocket.inbox);
      expect(crashes).toEqual([]);
    } finally {
      // ioredis's disconnect() of a client already disconnected leaves a timer behind.
      if (other.status !== 'end') other.disconnect();
      await Promise.all([longPolling.client, websocket.client, ...fresh].map(disconnect));
    }
  });
});
