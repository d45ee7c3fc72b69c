import { createSimulator, type Simulator } from '../../src/simulator';
import { kind, TestAgent, TRANSPORTS, type Transport } from '../helpers/agent';
import {
  AGENT1_ID,
  AGENT1_PARTICIPANT,
  AGENT2_ID,
  AGENT4_PARTICIPANT,
  CUSTOMER_PARTICIPANT,
  fixtureWithAgent4,
  SESSION_ID,
} from '../helpers/default-fixture';
import { checkLiveTimes, expectedStreams } from '../helpers/seed';

/** agent1 removes agent2 through the REST API, as a GWS client would. */
async function removeAgent2(baseUrl: string, body: object = { targetUri: `${baseUrl}/api/v2/users/${AGENT2_ID}` }) {
  const response = await fetch(`${baseUrl}/api/v2/me/facebooksessions/${SESSION_ID}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('agent1:agent1').toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', ...body }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const AGENT1_KINDS = [
  'MessageLogUpdated/NewMessages:Notice',
  'FacebooksessionStateChangeMessage/ParticipantsUpdated',
  'MessageLogUpdated/NewMessages:ParticipantLeft',
];
const AGENT2_KINDS = [
  'FacebooksessionStateChangeMessage/StatusChange',
  'MessageLogUpdated/NewMessages:ParticipantLeft',
  'FacebooksessionStateChangeMessage/StatusChange',
  'FacebooksessionStateChangeMessage/StatusChange',
];

describe.each(TRANSPORTS)('notifications over %s', (transport: Transport) => {
  let sim: Simulator;
  const agents: TestAgent[] = [];
  const login = async (user: string, ...channels: string[]) => {
    const agent = await TestAgent.login(sim.url, transport, user);
    agents.push(agent);
    for (const channel of channels) expect((await agent.subscribe(channel)).successful).toBe(true);
    return agent;
  };

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.disconnect()));
    await sim.close();
  });

  test('each agent receives exactly its documented stream, in order, and agent3 nothing', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const [agent1, agent2, agent3] = [
      await login('agent1', '/v2/notifications'),
      await login('agent2', '/v2/notifications'),
      await login('agent3', '/v2/notifications'),
    ];

    const before = Date.now();
    expect(await removeAgent2(sim.url)).toEqual({ status: 200, body: { statusCode: 0 } });
    const [got1, got2] = await Promise.all([agent1.waitFor(3), agent2.waitFor(4)]);
    const after = Date.now();

    const expected = expectedStreams(sim.url, 1);
    for (const [got, want] of [[got1, expected.agent1], [got2, expected.agent2]] as const) {
      expect(got.map((m) => m.channel)).toEqual(got.map(() => '/v2/notifications'));
      const normalised = got.map((m) => checkLiveTimes(m.data, before, after));
      expect(normalised).toEqual(want);
      expect(JSON.stringify(normalised)).toBe(JSON.stringify(want)); // the page's key order too
    }
    expect(sim.state().pendingStreams).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing else may follow
    expect(agent1.inbox).toHaveLength(3);
    expect(agent2.inbox).toHaveLength(4);
    expect(agent3.inbox).toEqual([]);
  });

  test('the GWS topic /v2/me/facebooksession, also through /v2/me/* and /v2/me/**, carries the same stream, once to a client subscribed to several', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const topic = await login('agent1', '/v2/me/facebooksession');
    const star = await login('agent1', '/v2/me/*');
    const both = await login('agent2', '/v2/me/**', '/v2/notifications');

    await removeAgent2(sim.url, { targetPath: `/users/${AGENT2_ID}` });
    for (const agent of [topic, star]) {
      const got = await agent.waitFor(3);
      expect(got.map((m) => m.channel)).toEqual(Array(3).fill('/v2/me/facebooksession'));
      expect(got.map((m) => kind(m.data))).toEqual(AGENT1_KINDS);
    }
    // Subscribed to both channels: each notification arrives once, on its topic.
    const got = await both.waitFor(4);
    expect(got.map((m) => m.channel)).toEqual(Array(4).fill('/v2/me/facebooksession'));
    expect(got.map((m) => kind(m.data))).toEqual(AGENT2_KINDS);
    await new Promise((resolve) => setTimeout(resolve, 300)); // no second copy follows
    expect(both.inbox).toHaveLength(4);
  });

  test('every connected client of an agent receives the stream; referenceId grows per operation', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const first = await login('agent2', '/v2/notifications');
    const second = await login('agent2', '/v2/notifications');
    await removeAgent2(sim.url);
    await Promise.all([first.waitFor(4), second.waitFor(4)]);
    expect(second.inbox.map((m) => m.data)).toEqual(first.inbox.map((m) => m.data));
    expect(first.inbox[0].data.referenceId).toBe(1);

    sim.reset();
    await removeAgent2(sim.url);
    await first.waitFor(8);
    expect(first.inbox[4].data.referenceId).toBe(1); // reset starts the count again
    expect(sim.state().lastReferenceId).toBe(1);
  });

  test('at time scale 1 the stream keeps the scenario delays (whole stream >= 460 ms) and its order', async () => {
    sim = await createSimulator({ timeScale: 1 });
    const agent2 = await login('agent2', '/v2/notifications');
    const start = Date.now();
    await removeAgent2(sim.url);
    const got = await agent2.waitFor(4);
    expect(got.map((m) => kind(m.data))).toEqual(AGENT2_KINDS);
    expect(got.map((m) => m.data.facebooksession?.state)).toEqual(['Chatting', undefined, 'LeftChat', 'Completed']);
    // Lower bounds only: a busy machine can make delivery late, never early.
    expect(got[0].at - start).toBeGreaterThanOrEqual(60 - 5);
    expect(got[3].at - start).toBeGreaterThanOrEqual(460 - 5);
  });

  test('time scale 0.5 halves the delays', async () => {
    sim = await createSimulator({ timeScale: 0.5 });
    const agent2 = await login('agent2', '/v2/notifications');
    const start = Date.now();
    await removeAgent2(sim.url);
    const got = await agent2.waitFor(4);
    expect(got[3].at - start).toBeGreaterThanOrEqual(230 - 5);
    expect(got[3].at - start).toBeLessThan(460); // at scale 1 the last one is due at 460 ms
    expect(got.map((m) => kind(m.data))).toEqual(AGENT2_KINDS);
  });

  test('POST /sim/reset cancels the notifications not yet sent', async () => {
    sim = await createSimulator({ timeScale: 5 }); // agent2's first notification is due at 300 ms
    const agent2 = await login('agent2', '/v2/notifications');
    await removeAgent2(sim.url);
    expect(sim.state().pendingStreams).toBe(2);
    expect((await fetch(`${sim.url}/sim/reset`, { method: 'POST' })).status).toBe(200);
    expect(sim.state().pendingStreams).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(agent2.inbox).toEqual([]);
  });

  test('after an unsubscribe the agent receives nothing on that channel', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent2 = await login('agent2');
    const handle = agent2.cometd.subscribe('/v2/notifications', (m) => agent2.inbox.push({ channel: m.channel, data: m.data, at: Date.now() }));
    const kept = await agent2.subscribe('/v2/me/facebooksession');
    expect(kept.successful).toBe(true);
    const reply = await new Promise<any>((resolve) => agent2.cometd.unsubscribe(handle, resolve));
    expect(reply).toMatchObject({ successful: true, subscription: '/v2/notifications' });
    await removeAgent2(sim.url);
    await agent2.waitFor(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent2.inbox.map((m) => m.channel)).toEqual(Array(4).fill('/v2/me/facebooksession'));
  });

  test('another agent still in the session receives the "others" stream', async () => {
    sim = await createSimulator({ timeScale: 0, fixture: fixtureWithAgent4() });
    const agent4 = await login('agent4', '/v2/notifications');
    await removeAgent2(sim.url);
    const got = await agent4.waitFor(3);
    expect(got.map((m) => kind(m.data))).toEqual(AGENT1_KINDS);
    expect(got[1].data.facebooksession.participants.map((p: any) => p.participantId)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT, AGENT4_PARTICIPANT]);
  });

  test('a refused operation notifies nobody', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await login('agent1', '/v2/notifications');
    const agent2 = await login('agent2', '/v2/notifications');
    const refused = await fetch(`${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('agent2:agent2').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT1_ID}` }),
    });
    expect(((await refused.json()) as { statusCode: number }).statusCode).toBe(3);
    expect(sim.state().pendingStreams).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...agent1.inbox, ...agent2.inbox]).toEqual([]);
  });
});
