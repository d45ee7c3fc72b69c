import { TRANSPORTS, type Agent, type Transport } from '../../src/client/agent';
import { agreed, kindOf, login, ok, perform, ready, receivedUntil, sim, useCluster } from '../helpers/cluster';

/**
 * Three nodes on one Redis: a chat offered through any node is routed to the agent Ready on
 * another, round robin alternates over agents on different nodes, and two nodes answering one
 * offer at the same time agree on the one answer that won.
 */

const cluster = useCluster(3);

const invitedTo = (id: string) => (n: any) => n.messageType === 'ChatStateChangeMessage' && n.chat?.id === id && n.chat?.state === 'Invited';

async function connect(node: number, user: string, transport: Transport): Promise<Agent> {
  const agent = await login(cluster.urls[node], user, transport);
  cluster.clients.push(agent);
  return agent;
}

describe.each(TRANSPORTS)('routing across nodes, agents over %s', (transport) => {
  test('a chat offered through node C reaches the agent Ready on node A, and it alone', async () => {
    const [agent1, agent2] = [await connect(0, 'agent1', transport), await connect(1, 'agent2', transport)];
    await ready(cluster.urls[0], 'agent1', 'chat');
    const arrival = await sim(cluster.urls[2], '/chats', { customer: 'Alice', text: 'Hello' });
    expect(arrival).toMatchObject({ statusCode: 0, offeredTo: 'agent1' });

    const told = await receivedUntil(agent1, 0, invitedTo(arrival.id), 'its chat Invited');
    expect(told.filter((n) => n.messageType === 'ChatStateChangeMessage').map((n) => n.chat.capabilities)).toEqual([['Accept', 'Reject']]);
    // agent2 is told nothing of it: the next thing it receives is what it does itself.
    await ready(cluster.urls[1], 'agent2', 'chat');
    expect((await receivedUntil(agent2, 0, (n) => n.messageType === 'ChannelStateChangeMessageV2' && n.channels?.some?.((c: any) => c.userState?.state === 'Ready'), 'its own Ready')).filter((n) => n.chat)).toEqual([]);
  });

  test('round robin alternates between agents connected to different nodes, whichever node routes', async () => {
    const [agent1, agent2] = [await connect(0, 'agent1', transport), await connect(1, 'agent2', transport)];
    await ready(cluster.urls[0], 'agent1', 'chat');
    await ready(cluster.urls[1], 'agent2', 'chat');
    const offered: { id: string; offeredTo: string }[] = [];
    for (let i = 0; i < 4; i++) offered.push(await sim(cluster.urls[i % 3], '/chats', { customer: `Customer${i}`, text: 'Hi' }));

    const to = offered.map((o) => o.offeredTo);
    expect(to).toEqual([to[0], to[1], to[0], to[1]]);
    expect([...to.slice(0, 2)].sort()).toEqual(['agent1', 'agent2']);
    for (const agent of [agent1, agent2]) {
      const mine = offered.filter((o) => o.offeredTo === agent.user).map((o) => o.id);
      const told = await receivedUntil(agent, 0, invitedTo(mine[1]), `its second chat ${mine[1]}`);
      expect(told.filter((n) => n.chat?.state === 'Invited').map((n) => n.chat.id)).toEqual(mine);
    }
  });
});

describe('one offer answered through two nodes at the same time', () => {
  test.each([
    ['Accept', 'Accept'],
    ['Accept', 'Reject'],
  ])('%s on node A and %s on node B: exactly one wins, and every node shows its outcome', async (first, second) => {
    const agent1 = await connect(0, 'agent1', 'websocket');
    await ready(cluster.urls[0], 'agent1', 'chat');
    for (let round = 0; round < 5; round++) {
      const { id } = await sim(cluster.urls[2], '/chats', { customer: 'Alice', text: `Round ${round}` });
      await receivedUntil(agent1, 0, invitedTo(id), `chat ${id} Invited`);
      const answers = await Promise.all([perform(cluster.urls[0], 'agent1', `/chats/${id}`, first), perform(cluster.urls[1], 'agent1', `/chats/${id}`, second)]);
      const codes = answers.map((a) => a.body.statusCode);
      expect(codes.filter((code) => code === 0)).toHaveLength(1);
      const lost = answers.find((a) => a.body.statusCode !== 0)!;
      expect([lost.status, lost.body.statusCode]).toEqual(first === second ? [400, 2] : [expect.any(Number), expect.any(Number)]);
      expect(lost.body.statusMessage).toMatch(/^Cannot (Accept|Reject)/);

      const won = codes[0] === 0 ? first : second;
      const state = await agreed(cluster.urls);
      const chat = state.chats.find((c: any) => c.id === id);
      if (won === 'Accept') expect(chat.agentStates.agent1).toBe('Chatting');
      else expect(chat?.agentStates?.agent1).not.toBe('Chatting');
      if (won === 'Accept') await ok(cluster.urls[round % 3], 'agent1', `/chats/${id}`, 'Leave');
    }
    expect(agent1.notifications.map(kindOf)).not.toContain('undefined/undefined');
  });
});
