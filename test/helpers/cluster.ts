import { Agent, type Transport } from '../../src/client/agent';
import { callIdIn } from '../../src/run/call-ids';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';
import { startRedis, type RedisServer } from './redis';
import { rest, type RestResponse } from './rest';

/** Several in-process gws-sim nodes on one fresh Redis of their own. */
export interface Cluster {
  redis: RedisServer;
  nodes: Simulator[];
  /** Closes every node, then stops Redis. */
  close(): Promise<void>;
}

/** `n` nodes (127.0.0.1, port 0, time scale 0 unless told) on one new redis-server. */
export async function startCluster(n: number, options: SimulatorOptions = {}): Promise<Cluster> {
  const redis = await startRedis();
  const nodes: Simulator[] = [];
  const close = async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await redis.stop();
  };
  try {
    for (let i = 0; i < n; i++) nodes.push(await createSimulator({ timeScale: 0, ...options, redis: redis.url }));
  } catch (error) {
    await close();
    throw error;
  }
  return { redis, nodes, close };
}

/** A test file's cluster: started before all its tests, reset after each (its clients disconnected first), closed after all. */
export interface SharedCluster {
  readonly nodes: Simulator[];
  readonly urls: string[];
  readonly redis: RedisServer;
  /** Disconnected after the test that opened them. */
  readonly clients: { disconnect(): Promise<void> }[];
}

/** `n` nodes for every test of the file (see SharedCluster): `const cluster = useCluster(3)`, then `cluster.urls[0]`. */
export function useCluster(n: number, options: SimulatorOptions = {}): SharedCluster {
  let started: Cluster | undefined;
  const clients: { disconnect(): Promise<void> }[] = [];
  beforeAll(async () => {
    started = await startCluster(n, options);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.disconnect()));
    await sim(started!.nodes[0].url, '/reset');
  });
  afterAll(() => started?.close());
  const running = (): Cluster => {
    if (!started) throw new Error('useCluster(): the cluster exists only inside a test');
    return started;
  };
  return {
    get nodes() {
      return running().nodes;
    },
    get urls() {
      return running().nodes.map((node) => node.url);
    },
    get redis() {
      return running().redis;
    },
    clients,
  };
}

/** Polls until `done()` (every 10 ms); fails after `ms` saying what it waited for. */
export async function until(done: () => boolean, what: () => string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The official CometD client logged in as `user` (password = user name) on the node at `url`. */
export function login(url: string, user: string, transport: Transport): Promise<Agent> {
  return Agent.connect({ url, user, password: user, transport });
}

/** `messageType/notificationType` (the messages' types for NewMessages): what a test reads. */
export function kindOf(n: any): string {
  const base = `${n?.messageType}/${n?.notificationType}`;
  return n?.messages ? `${base}:${n.messages.map((m: any) => m.type).join(',')}` : base;
}

/**
 * The notifications `agent` received after the first `from`, once some of them meets `last`
 * (bounded wait): what one operation sent it, when the test knows how the operation ends.
 */
export async function receivedUntil(agent: Agent, from: number, last: (n: any) => boolean, what: string): Promise<any[]> {
  const since = () => agent.notifications.slice(from) as any[];
  await until(() => since().some(last), () => `${agent.user}: ${what}; received since #${from}: ${JSON.stringify(since().map(kindOf))}`);
  return since();
}

/** GET /sim/state of a node: its copy of the cluster's state. */
export async function stateOf(url: string): Promise<any> {
  // Once more if the kept-alive connection fetch reused was closed by the node meanwhile (a race of keep-alive, not an answer).
  const answer = await rest(url).get('/sim/state').catch(() => rest(url).get('/sim/state'));
  if (answer.status !== 200) throw new Error(`GET ${url}/sim/state: ${answer.status} ${answer.text}`);
  return answer.body.state;
}

/** What every node must agree on: the users' channels, the sessions of each family, the calls and the waiting list (links name the node: made alike). */
export function sharedPart(state: any, url: string): string {
  return JSON.stringify([state.users, state.facebooksessions, state.chats, state.calls, state.waiting]).split(url).join('<node>');
}

/**
 * Resolves once every node's /sim/state shows the same shared part (they apply the log at their
 * own pace), and that part is `expected` when given (see sharedPart); returns the first node's state.
 */
export async function agreed(urls: readonly string[], expected?: string, ms = 5_000): Promise<any> {
  let states: any[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    states = await Promise.all(urls.map(stateOf));
    const parts = states.map((state, i) => sharedPart(state, urls[i]));
    if (parts.every((part) => part === (expected ?? parts[0]))) return states[0];
    if (Date.now() > deadline) throw new Error(`the nodes' states differ${expected === undefined ? '' : ' from the one expected'}:\n${[expected, ...parts].map((part) => part?.slice(0, 2_000)).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const auth = (user: string) => ({ user, password: user });

/** POST an operation as `user` (Basic) to the node at `url`: /api/v2/me... `path` is under /api/v2/me. */
export function perform(url: string, user: string, path: string, operationName: string, params: Record<string, unknown> = {}): Promise<RestResponse> {
  return rest(url).post(`/api/v2/me${path}`, { operationName, ...params }, auth(user));
}

/** `perform` that must answer statusCode 0: returns the answer. */
export async function ok(url: string, user: string, path: string, operationName: string, params: Record<string, unknown> = {}): Promise<any> {
  const answer = await perform(url, user, path, operationName, params);
  if (answer.status !== 200 || answer.body?.statusCode !== 0) throw new Error(`${user} ${operationName} on ${url}: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** A /sim control posted to the node at `url`, which must answer statusCode 0: returns the answer. */
export async function sim(url: string, path: string, body: unknown = {}): Promise<any> {
  const answer = await rest(url).post(`/sim${path}`, body);
  if (answer.status !== 200 || answer.body?.statusCode !== 0) throw new Error(`POST ${url}/sim${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** `user` logs in on `channel` and is Ready there, through the node at `url`. */
export async function ready(url: string, user: string, channel: 'chat' | 'voice'): Promise<void> {
  await ok(url, user, '', 'StartContactCenterSession', { channels: [channel] });
  await ok(url, user, `/channels/${channel}`, 'Ready');
}

/** `user`'s own call id in the call `connId`, as the node at `url` knows it (bounded wait: the node applies the log at its pace). */
export async function callId(url: string, connId: string, user: string): Promise<string> {
  let found: string | undefined;
  const deadline = Date.now() + 5_000;
  while ((found = callIdIn(await stateOf(url), connId, user)) === undefined) {
    if (Date.now() > deadline) throw new Error(`${url}: call ${connId} never reached ${user}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return found;
}
