import type { Agent } from '../../src/client/agent';
import { agreed, login, sharedPart, sim, stateOf, startCluster, until, type Cluster } from '../helpers/cluster';
import { rest, type RestResponse } from '../helpers/rest';

/**
 * Redis restarted (empty) under two nodes with connected agents: meanwhile operations answer
 * statusCode 4 (HTTP 503) at once and nothing crashes; once it is back the nodes answer again,
 * both back at the fixture, and the agents' clients handshake again and receive.
 */

/** Longer than any answer here needs (a refusal comes at once; the ledger's own bound is 10 s): a request that hangs fails the test. */
const ANSWER_MS = 12_000;
const offer = (url: string, offerTo: string): Promise<RestResponse> =>
  fetch(`${url}/sim/chats`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ offerTo, customer: 'Alice', text: 'Hi' }), signal: AbortSignal.timeout(ANSWER_MS) }).then(
    async (response) => ({ status: response.status, body: await response.json(), text: '', headers: response.headers }),
  );

let cluster: Cluster;
const agents: Agent[] = [];
const crashes: unknown[] = [];
const crashed = (error: unknown) => crashes.push(error);

beforeAll(async () => {
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  cluster = await startCluster(2);
});
afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.disconnect()));
  await cluster.close();
  process.off('uncaughtException', crashed);
  process.off('unhandledRejection', crashed);
});

test('operations answer 503 (statusCode 4) while Redis is down; after its restart both nodes are at the fixture and the agents receive again', async () => {
  const urls = cluster.nodes.map((node) => node.url);
  const fixture = sharedPart(await stateOf(urls[0]), urls[0]);
  const agent1 = await login(urls[0], 'agent1', 'websocket');
  const agent2 = await login(urls[1], 'agent2', 'long-polling');
  agents.push(agent1, agent2);
  const before = await sim(urls[1], '/chats', { offerTo: 'agent1', customer: 'Alice', text: 'Before' });
  await until(() => agent1.notifications.some((n: any) => n.chat?.id === before.id), () => 'the chat offered before');
  expect(sharedPart(await agreed(urls), urls[0])).not.toBe(fixture);

  await cluster.redis.stop();
  for (const url of urls) {
    // Until the node has seen the connection go, an operation may wait for Redis (at most the ledger's bound).
    const answer = await offer(url, 'agent2');
    expect([answer.status, answer.body.statusCode]).toEqual([503, 4]);
    expect(answer.body.statusMessage).toMatch(/^Service unavailable: this gws-sim node .*Redis/);
    const performed = await rest(url).post('/api/v2/me/channels/chat', { operationName: 'NotReady' }, { user: 'agent2', password: 'agent2' });
    expect([performed.status, performed.body.statusCode]).toEqual([503, 4]);
    expect((await rest(url).get('/sim/state')).status).toBe(200);
  }

  await cluster.redis.restart();
  await agreed(urls, fixture, 15_000);
  // Both nodes answer again, and each agent's client (its session gone with Redis) handshakes again and receives.
  for (const [agent, via] of [[agent1, urls[1]], [agent2, urls[0]]] as const) {
    const customer = `After${agent.user}`;
    const received = () => agent.notifications.some((n: any) => n.chat?.state === 'Invited' && n.chat?.participants?.[0]?.nickname === customer);
    const answers: number[] = [];
    for (let attempt = 0; attempt < 30 && !received(); attempt++) {
      const answer = await rest(via).post('/sim/chats', { offerTo: agent.user, customer, text: 'Back' });
      answers.push(answer.body.statusCode);
      // A node's state is back at the fixture a moment before it takes operations again: 503 until then.
      if (answer.status !== 200) expect([answer.status, answer.body.statusCode, answers]).toEqual([503, 4, answers.map(() => 4)]);
      await until(received, () => '', 500).catch(() => undefined);
    }
    // On failure: which sessions of the agent each node knows (the node that plays must know the client's new one).
    const sessions = received() ? [] : await Promise.all(urls.map(async (url) => (await stateOf(url)).cometdClients.filter((c: any) => c.userName === agent.user)));
    expect([agent.user, received(), answers, sessions]).toEqual([agent.user, true, expect.anything(), expect.anything()]);
  }
  await agreed(urls);
  expect(crashes).toEqual([]);
}, 60_000);
