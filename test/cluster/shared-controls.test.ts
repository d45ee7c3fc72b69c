import { TRANSPORTS, type Agent } from '../../src/client/agent';
import { agreed, login, ok, ready, receivedUntil, sharedPart, sim, stateOf, until, useCluster } from '../helpers/cluster';
import { FayeAgent } from '../helpers/faye-agent';
import { rest } from '../helpers/rest';

/**
 * What /sim controls do to the whole cluster: faults armed through one node act on notifications
 * another plays, a reset through one node resets all, and agents on different nodes (the official
 * CometD client and faye's own) are each told only their own.
 */

const cluster = useCluster(3);
/** Each node's shared state at start: the fixture. */
let fixture: string[];

beforeAll(async () => {
  fixture = await Promise.all(cluster.urls.map(async (url) => sharedPart(await stateOf(url), url)));
});

const invitedTo = (id: string) => (n: any) => n.chat?.id === id && n.chat?.state === 'Invited';

describe.each(TRANSPORTS)('agents over %s', (transport) => {
  test('a fault armed through node A (drop:agent2:1) drops the notification node B plays to agent2, connected to node B', async () => {
    const agent2: Agent = await login(cluster.urls[1], 'agent2', transport);
    cluster.clients.push(agent2);
    expect(await sim(cluster.urls[0], '/faults', { faults: ['drop:agent2:1'] })).toMatchObject({ statusCode: 0, armed: [expect.anything()] });
    // Every node applies the arming in the log's order: B has it before it plays anything asked after.
    await sim(cluster.urls[1], '/chats', { offerTo: 'agent2', customer: 'Alice', text: 'One' });
    const second = await sim(cluster.urls[1], '/chats', { offerTo: 'agent2', customer: 'Bob', text: 'Two' });

    const told = await receivedUntil(agent2, 0, invitedTo(second.id), 'the second offer');
    expect(told.filter((n) => n.chat).map((n) => n.chat.id)).toEqual([second.id]);
    const faults = (await rest(cluster.urls[1]).get('/sim/faults')).body.faults;
    expect(JSON.stringify(faults)).toMatch(/drop/);
  });

  test('POST /sim/reset through node B puts every node back at the fixture, and play goes on from there', async () => {
    const agent1 = await login(cluster.urls[0], 'agent1', transport);
    cluster.clients.push(agent1);
    await ready(cluster.urls[0], 'agent1', 'chat');
    const { id } = await sim(cluster.urls[2], '/chats', { customer: 'Alice', text: 'Hi' });
    await receivedUntil(agent1, 0, invitedTo(id), 'the routed chat');
    await ok(cluster.urls[0], 'agent1', `/chats/${id}`, 'Accept');
    await sim(cluster.urls[2], '/chats', { customer: 'Bob', text: 'Waiting?' });
    expect(sharedPart(await agreed(cluster.urls), cluster.urls[0])).not.toBe(fixture[0]);

    await sim(cluster.urls[1], '/reset');
    await agreed(cluster.urls, fixture[0]);
    // The same ids again after the reset, on every node alike.
    await ready(cluster.urls[0], 'agent1', 'chat');
    expect((await sim(cluster.urls[1], '/chats', { customer: 'Carol', text: 'Again' })).id).toBe(id);
    await agreed(cluster.urls);
  });
});

describe("no notification of one agent reaches another across nodes (faye's client)", () => {
  test.each(TRANSPORTS)("three agents on three nodes over %s, each offered chats through every node: each sees only its own", async (transport) => {
    const users = ['agent1', 'agent2', 'agent3'];
    const clients = await Promise.all(users.map((user, i) => FayeAgent.connect(cluster.nodes[i], user, transport)));
    cluster.clients.push(...clients);
    const offered: Record<string, string[]> = { agent1: [], agent2: [], agent3: [] };
    for (let round = 0; round < 2; round++) {
      for (const [i, user] of users.entries()) {
        offered[user].push((await sim(cluster.urls[(i + round + 1) % 3], '/chats', { offerTo: user, customer: `Customer${round}`, text: `For ${user}` })).id);
      }
    }
    // A last word to each, sent after the rest: it arrives after anything that went astray would have.
    for (const [i, user] of users.entries()) await sim(cluster.urls[(i + 2) % 3], '/notify', { agent: user, data: { messageType: 'Sentinel', to: user } });
    for (const [i, user] of users.entries()) {
      const client = clients[i];
      await until(() => client.notifications.some((n) => n.messageType === 'Sentinel'), () => `${user}'s sentinel; received ${JSON.stringify(client.notifications)}`);
      expect(client.notifications.filter((n) => n.chat?.state === 'Invited').map((n) => n.chat.id)).toEqual(offered[user]);
      expect(client.notifications.filter((n) => n.messageType === 'Sentinel')).toEqual([{ messageType: 'Sentinel', to: user }]);
      expect(JSON.stringify(client.notifications)).not.toMatch(new RegExp(users.filter((u) => u !== user).map((u) => `For ${u}`).join('|')));
    }
  });
});
