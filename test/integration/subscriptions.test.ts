import { GWS_TOPICS } from '../../src/gws/families';
import { createSimulator, type Simulator } from '../../src/simulator';
import { TestAgent, TRANSPORTS } from '../helpers/agent';

/**
 * Subscriptions as real clients make them (Genesys' C# library `/**`, others `/v2/me/*` or each
 * topic, gws-sim's own users /v2/notifications): whatever set a client subscribed to, each of its
 * agent's notifications reaches it once on the wire, on the channel the README names, and nothing
 * of another agent's does.
 */
const NOTIFICATIONS = '/v2/notifications';
const SETS: string[][] = [['/**'], ['/v2/**'], ['/v2/me/*'], ['/v2/me/**'], [...GWS_TOPICS], [NOTIFICATIONS], ['/v2/me/chats'], ['/**', NOTIFICATIONS, '/v2/me/*', '/v2/me/chats'], [NOTIFICATIONS, '/v2/me/channels']];

/** The channel a notification published on `topic` arrives on for a client subscribed to `set` (README "The notifications"), or undefined. */
function expectedChannel(set: readonly string[], topic: string): string | undefined {
  const covering = ['/**', '/v2/**', ...(topic === NOTIFICATIONS ? [] : ['/v2/me/*', '/v2/me/**'])];
  if (set.includes(topic) || covering.some((wildcard) => set.includes(wildcard))) return topic;
  return set.includes(NOTIFICATIONS) ? NOTIFICATIONS : undefined;
}

let sim: Simulator;
const agents: TestAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.disconnect()));
  await sim?.close();
});

/** An agent's client subscribed to `set`, and every non-meta message it receives on the wire (a client-side listener per subscription may see one twice). */
async function subscriber(transport: (typeof TRANSPORTS)[number], user: string, set: readonly string[]) {
  const agent = await TestAgent.login(sim.url, transport, user);
  agents.push(agent);
  const wire: { channel: string; marker: string }[] = [];
  agent.cometd.registerExtension('wire', {
    incoming: (message) => {
      if (!message.channel.startsWith('/meta/')) wire.push({ channel: message.channel, marker: (message.data as { marker: string }).marker });
      return message;
    },
  });
  for (const channel of set) expect(await agent.subscribe(channel)).toMatchObject({ successful: true });
  return wire;
}

describe.each(TRANSPORTS)('over %s', (transport) => {
  test.each(SETS.map((set) => [set.length === GWS_TOPICS.length ? 'each GWS topic' : set.join(' + '), set] as const))(
    'a client subscribed to %s receives each of its notifications once, and none of another agent',
    async (_name, set) => {
      sim = await createSimulator({ timeScale: 0 });
      const mine = await subscriber(transport, 'agent2', set);
      const others = await subscriber(transport, 'agent1', ['/**']);
      const topics = [NOTIFICATIONS, ...GWS_TOPICS];
      for (const topic of topics) {
        sim.notify({ agent: 'agent1', channel: topic, data: { marker: `agent1 ${topic}` } });
        sim.notify({ agent: 'agent2', channel: topic, data: { marker: `agent2 ${topic}` } });
      }
      const expected = topics.flatMap((topic) => {
        const channel = expectedChannel(set, topic);
        return channel === undefined ? [] : [{ channel, marker: `agent2 ${topic}` }];
      });
      const deadline = Date.now() + 5000;
      while ((mine.length < expected.length || others.length < topics.length) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more may follow
      expect(mine).toEqual(expected);
      expect(others.map((m) => m.marker)).toEqual(topics.map((topic) => `agent1 ${topic}`));
    },
  );
});
