import { createSimulator, type Simulator } from '../../src/simulator';
import { TestAgent, TRANSPORTS, type Transport } from '../helpers/agent';

const post = async (url: string, body: unknown) => {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};

describe.each(TRANSPORTS)('POST /sim/notify and the harness customer over %s', (transport: Transport) => {
  let sim: Simulator;
  const agents: TestAgent[] = [];
  const login = async (user: string, channel: string) => {
    const agent = await TestAgent.login(sim.url, transport, user);
    agents.push(agent);
    expect((await agent.subscribe(channel)).successful).toBe(true);
    return agent;
  };

  beforeEach(async () => {
    sim = await createSimulator({ timeScale: 0 });
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.disconnect()));
    await sim.close();
  });

  test('a notification on a GWS topic reaches that agent on the topic and on /v2/notifications, and nobody else', async () => {
    const [onTopic, onAll, other] = [await login('agent1', '/v2/me/channels'), await login('agent1', '/v2/notifications'), await login('agent2', '/v2/notifications')];
    const data = { channels: [{ channel: 'chat', userState: { state: 'Ready' } }] };
    expect(await post(`${sim.url}/sim/notify`, { agent: 'agent1', channel: '/v2/me/channels', data })).toEqual({ status: 200, body: { statusCode: 0 } });
    const [topic] = await onTopic.waitFor(1);
    const [all] = await onAll.waitFor(1);
    expect([topic.channel, topic.data]).toEqual(['/v2/me/channels', data]);
    expect([all.channel, all.data]).toEqual(['/v2/notifications', data]);
    // agent2's own notification comes after anything that leaked to it: there must be none.
    sim.notify({ agent: 'agent2', data: { notificationType: 'Mine' } });
    expect((await other.waitFor(1)).map((r) => r.data)).toEqual([{ notificationType: 'Mine' }]);
  });

  test('sim.notify waits behind what is on its way to the agent', async () => {
    const agent1 = await login('agent1', '/v2/notifications');
    const id = sim.offer({ offerTo: 'agent1', customer: 'Alice', text: 'Hi' });
    sim.notify({ agent: 'agent1', data: { notificationType: 'Custom' } });
    const received = await agent1.waitFor(2);
    expect(received.map((r) => r.data.notificationType)).toEqual(['StatusChange', 'Custom']);
    expect(received[0].data.facebooksession).toMatchObject({ id, state: 'Invited', capabilities: ['Accept', 'Reject'] });
  });

  test('the harness customer writes to the agents in the session, and cannot once it has left', async () => {
    const agent1 = await login('agent1', '/v2/me/facebooksession');
    const id = sim.offer({ offerTo: 'agent1', customer: 'Alice' });
    sim.customer(id).say('Anyone there?'); // agent1 is only invited: nobody in the chat hears it
    const accepted = await fetch(`${sim.url}/api/v2/me/facebooksessions/${id}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('agent1:agent1').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'Accept' }),
    });
    expect(await accepted.json()).toEqual({ statusCode: 0 });
    sim.customer(id).say('Where is my order?');
    sim.customer(id).leave();
    const kinds = (await agent1.waitFor(7)).map((r) => [r.data.notificationType, r.data.facebooksession?.state ?? r.data.messages.map((m: any) => m.type).join('+')]);
    expect(kinds).toEqual([
      ['StatusChange', 'Invited'],
      ['StatusChange', 'Chatting'],
      ['ParticipantsUpdated', 'Chatting'],
      ['NewMessages', 'ParticipantJoined+Text+ParticipantJoined'],
      ['NewMessages', 'Text'],
      ['NewMessages', 'ParticipantLeft'],
      ['StatusChange', 'LeftChat'],
    ]);
    expect(agent1.inbox[4].data.messages[0]).toMatchObject({ text: 'Where is my order?', from: { nickname: 'Alice', type: 'Customer' } });
    expect(() => sim.customer(id).say('again')).toThrow(/has left/);
  });

  test.each([
    [{ channel: '/v2/me/chats', data: {} }, 'agent'],
    [{ agent: 'nobody', data: {} }, 'agent'],
    [{ agent: 'agent1', channel: '/v2/me/nope', data: {} }, 'channel'],
    [{ agent: 'agent1' }, 'data'],
    [[1], 'body'],
    // faye's copy of the notification would set its prototype and drop the key: refused, not sent without it.
    [JSON.parse('{"agent":"agent1","data":{"a":{"__proto__":{"x":1}}}}'), 'data'],
  ])('a bad body %j is statusCode 1 naming %s', async (body, parameter) => {
    const answer = await post(`${sim.url}/sim/notify`, body);
    expect(answer.status).toBe(400);
    expect(answer.body.statusCode).toBe(1);
    expect(answer.body.statusMessage).toContain(`'${parameter}'`);
  });
});
