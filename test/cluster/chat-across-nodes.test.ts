import { TRANSPORTS, type Agent } from '../../src/client/agent';
import { AGENT2_ID } from '../helpers/default-fixture';
import { agreed, kindOf, login, ok, receivedUntil, sim, useCluster } from '../helpers/cluster';

/**
 * A whole chat between agents on different nodes: agent1 on node A, agent2 on node B, the customer
 * through node C. Each agent receives, on its own node, what the other's operations tell it.
 */

const cluster = useCluster(3);

const chatState = (id: string, state: string) => (n: any) => n.messageType === 'ChatStateChangeMessage' && n.chat?.id === id && n.chat?.state === state;
const saying = (text: string) => (n: any) => n.messages?.some((m: any) => m.text === text);
const texts = (told: any[]) => told.flatMap((n) => (n.messages ?? []).filter((m: any) => m.type === 'Text').map((m: any) => m.text));

describe.each(TRANSPORTS)('agents over %s', (transport) => {
  async function chatting(): Promise<{ agent1: Agent; agent2: Agent; id: string }> {
    const agent1 = await login(cluster.urls[0], 'agent1', transport);
    const agent2 = await login(cluster.urls[1], 'agent2', transport);
    cluster.clients.push(agent1, agent2);
    const { id } = await sim(cluster.urls[2], '/chats', { offerTo: 'agent1', customer: 'Alice', text: 'Hello' });
    await receivedUntil(agent1, 0, chatState(id, 'Invited'), 'the offer');
    await ok(cluster.urls[0], 'agent1', `/chats/${id}`, 'Accept');
    await receivedUntil(agent1, 0, chatState(id, 'Chatting'), 'its chat Chatting');
    return { agent1, agent2, id };
  }

  test('Consult: agent2 on node B is invited, joins, and the three talk; each told on its own node', async () => {
    const { agent1, agent2, id } = await chatting();
    const path = `/chats/${id}`;
    await ok(cluster.urls[0], 'agent1', path, 'Consult', { targetUri: `${cluster.urls[0]}/api/v2/users/${AGENT2_ID}` });
    await receivedUntil(agent2, 0, chatState(id, 'Invited'), 'the consultation Invited');

    let from1 = agent1.notifications.length;
    await ok(cluster.urls[1], 'agent2', path, 'Accept');
    await receivedUntil(agent2, 0, chatState(id, 'Chatting'), 'the consultation Chatting');
    const joined = await receivedUntil(agent1, from1, (n) => n.messages?.some((m: any) => m.type === 'ParticipantJoined'), 'agent2 joining');
    expect(joined.map(kindOf)).toContain('ChatStateChangeMessage/ParticipantsUpdated');

    from1 = agent1.notifications.length;
    let from2 = agent2.notifications.length;
    await ok(cluster.urls[1], 'agent2', path, 'SendToAgents', { text: 'Between us: refund it' });
    expect(texts(await receivedUntil(agent1, from1, saying('Between us: refund it'), "agent2's message to agents"))).toEqual(['Between us: refund it']);
    await sim(cluster.urls[2], `/chats/${id}/messages`, { text: 'Any news?' });
    await receivedUntil(agent1, from1, saying('Any news?'), "the customer's message");
    await receivedUntil(agent2, from2, saying('Any news?'), "the customer's message");

    from2 = agent2.notifications.length;
    await ok(cluster.urls[0], 'agent1', path, 'SendMessage', { text: 'Refunded' });
    await receivedUntil(agent2, from2, saying('Refunded'), "agent1's message");
    const state = await agreed(cluster.urls);
    expect(state.chats.find((c: any) => c.id === id).agentStates).toEqual({ agent1: 'Chatting', agent2: 'Chatting' });
  });

  test('Transfer: agent2 on node B takes the chat over, agent1 on node A is Completed, the customer now reaches agent2 alone', async () => {
    const { agent1, agent2, id } = await chatting();
    const path = `/chats/${id}`;
    await ok(cluster.urls[0], 'agent1', path, 'Transfer', { targetUri: `${cluster.urls[0]}/api/v2/users/${AGENT2_ID}` });
    await receivedUntil(agent2, 0, chatState(id, 'Invited'), 'the transfer Invited');

    const from1 = agent1.notifications.length;
    await ok(cluster.urls[1], 'agent2', path, 'Accept');
    await receivedUntil(agent2, 0, chatState(id, 'Chatting'), 'the chat Chatting');
    await receivedUntil(agent1, from1, chatState(id, 'Completed'), 'its chat Completed');

    const from2 = agent2.notifications.length;
    await sim(cluster.urls[0], `/chats/${id}/messages`, { text: 'Still there?' });
    expect(texts(await receivedUntil(agent2, from2, saying('Still there?'), "the customer's message"))).toEqual(['Still there?']);
    await ok(cluster.urls[1], 'agent2', path, 'SendMessage', { text: 'Yes, agent2 here' });
    await ok(cluster.urls[1], 'agent2', path, 'Leave');
    await receivedUntil(agent2, from2, (n) => n.chat?.id === id && n.chat?.state !== 'Chatting' && n.messageType === 'ChatStateChangeMessage', 'its chat left');
    // agent1 left the chat at the transfer: nothing of it reached node A since.
    expect(agent1.notifications.slice(from1).filter((n: any) => saying('Still there?')(n) || saying('Yes, agent2 here')(n))).toEqual([]);
    await agreed(cluster.urls);
  });
});
