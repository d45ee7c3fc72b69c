import type { Fixture } from '../../src/gws/fixture';
import { loadFixture } from '../../src/gws/fixture';
import { createSimulator, type Simulator } from '../../src/simulator';
import { kind, TestAgent, type Transport } from '../helpers/agent';
import { basic } from '../helpers/rest';

/**
 * Load without loss: 500 agents in 250 facebooksessions, half on websocket and half on
 * long-polling, 250 removals at once. Every agent receives exactly its own notifications,
 * complete and in order, and nothing of anyone else's.
 */
const SESSIONS = 250;
const CONNECT_BATCH = 50;

const REMOVER_KINDS = [
  'MessageLogUpdated/NewMessages:Notice',
  'FacebooksessionStateChangeMessage/ParticipantsUpdated',
  'MessageLogUpdated/NewMessages:ParticipantLeft',
];
const REMOVED_KINDS = [
  'FacebooksessionStateChangeMessage/StatusChange',
  'MessageLogUpdated/NewMessages:ParticipantLeft',
  'FacebooksessionStateChangeMessage/StatusChange',
  'FacebooksessionStateChangeMessage/StatusChange',
];

const pad = (n: number) => String(n).padStart(4, '0');
const sessionId = (n: number) => `LOAD${pad(n)}`;

/** Session n: a customer, lead<n> (visibility All) and consult<n> (Agents), built on the default session. */
function loadFixtureOf(sessions: number): Fixture {
  const template = loadFixture().facebooksessions[0];
  const fixture: Fixture = { users: [], facebooksessions: [] } as unknown as Fixture;
  for (let n = 0; n < sessions; n++) {
    for (const role of ['lead', 'consult']) {
      fixture.users.push({ id: `${role}${pad(n)}id`, userName: `${role}${pad(n)}`, password: `${role}${pad(n)}`, firstName: role, lastName: pad(n) });
    }
    fixture.facebooksessions.push({
      ...JSON.parse(JSON.stringify(template)),
      id: sessionId(n),
      participants: [
        { type: 'Customer', participantId: `C${pad(n)}`, nickname: `customer${n}`, visibility: 'All' },
        { type: 'Agent', participantId: `L${pad(n)}`, userId: `lead${pad(n)}id`, nickname: `lead${n}`, visibility: 'All' },
        { type: 'Agent', participantId: `K${pad(n)}`, userId: `consult${pad(n)}id`, nickname: `consult${n}`, visibility: 'Agents' },
      ],
      messages: [{ type: 'ParticipantJoined', from: `C${pad(n)}`, visibility: 'All' }],
    });
  }
  return fixture;
}

interface LoadAgent {
  user: string;
  session: number;
  role: 'lead' | 'consult';
  transport: Transport;
  client: TestAgent;
}

let sim: Simulator;
const agents: LoadAgent[] = [];

beforeAll(async () => {
  sim = await createSimulator({ timeScale: 0, fixture: loadFixtureOf(SESSIONS) });
});

afterAll(async () => {
  for (let i = 0; i < agents.length; i += CONNECT_BATCH) await Promise.all(agents.slice(i, i + CONNECT_BATCH).map((a) => a.client.disconnect()));
  await sim.close();
});

test(`${SESSIONS * 2} agents in ${SESSIONS} sessions, half websocket half long-polling, ${SESSIONS} concurrent removals: no loss, no leak`, async () => {
  const started = Date.now();
  const plan: Omit<LoadAgent, 'client'>[] = [];
  for (let n = 0; n < SESSIONS; n++) {
    // Alternate so that both roles and both transports meet in every combination.
    plan.push({ user: `lead${pad(n)}`, session: n, role: 'lead', transport: n % 2 === 0 ? 'websocket' : 'long-polling' });
    plan.push({ user: `consult${pad(n)}`, session: n, role: 'consult', transport: n % 4 === 1 || n % 4 === 2 ? 'websocket' : 'long-polling' });
  }
  for (let i = 0; i < plan.length; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      plan.slice(i, i + CONNECT_BATCH).map(async (p) => {
        const client = await TestAgent.login(sim.url, p.transport, p.user);
        const reply = await client.subscribe('/v2/notifications');
        if (!reply.successful) throw new Error(`${p.user} could not subscribe: ${JSON.stringify(reply)}`);
        return { ...p, client };
      }),
    );
    agents.push(...batch);
  }
  expect(agents.filter((a) => a.transport === 'websocket').length).toBe(SESSIONS);
  expect(sim.state().cometdClients.length).toBe(SESSIONS * 2);
  const connectedAt = Date.now();

  const answers = await Promise.all(
    Array.from({ length: SESSIONS }, async (_, n) => {
      const response = await fetch(`${sim.url}/api/v2/me/facebooksessions/${sessionId(n)}`, {
        method: 'POST',
        headers: { Authorization: basic(`lead${pad(n)}`, `lead${pad(n)}`), 'Content-Type': 'application/json' },
        body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/consult${pad(n)}id` }),
      });
      return response.json();
    }),
  );
  expect(answers.every((a) => (a as { statusCode: number }).statusCode === 0)).toBe(true);

  await Promise.all(agents.map((a) => a.client.waitFor(a.role === 'lead' ? REMOVER_KINDS.length : REMOVED_KINDS.length, 30_000)));
  const deliveredAt = Date.now();

  // Exactly what the simulator sent to each agent (no extra still on its way), in order, all of its own session.
  const sent = new Map(sim.state().deliveries.map((d) => [d.userName, d.sent]));
  const wrong: string[] = [];
  for (const agent of agents) {
    const inbox = agent.client.inbox;
    const kinds = inbox.map((m) => kind(m.data));
    const expected = agent.role === 'lead' ? REMOVER_KINDS : REMOVED_KINDS;
    if (JSON.stringify(kinds) !== JSON.stringify(expected)) wrong.push(`${agent.user} (${agent.transport}) received ${JSON.stringify(kinds)}`);
    if (sent.get(agent.user) !== inbox.length) wrong.push(`${agent.user}: ${inbox.length} received, ${sent.get(agent.user)} sent`);
    const sessions = new Set(inbox.flatMap((m) => JSON.stringify(m.data).match(/LOAD\d{4}/g) ?? []));
    if (sessions.size !== 1 || !sessions.has(sessionId(agent.session))) wrong.push(`${agent.user} received notifications of ${[...sessions].join(', ')}`);
    if (agent.role === 'consult') {
      const states = inbox.filter((m) => m.data.notificationType === 'StatusChange').map((m) => m.data.facebooksession?.state ?? m.data.state);
      if (JSON.stringify(states) !== JSON.stringify(['Chatting', 'LeftChat', 'Completed'])) wrong.push(`${agent.user} states ${JSON.stringify(states)}`);
    }
  }
  expect(wrong).toEqual([]);

  // Disconnected clients leave the registry: nothing stays behind per session.
  for (let i = 0; i < agents.length; i += CONNECT_BATCH) await Promise.all(agents.slice(i, i + CONNECT_BATCH).map((a) => a.client.disconnect()));
  expect(sim.state().cometdClients).toEqual([]);

  console.info(
    `load: ${agents.length} agents connected in ${connectedAt - started} ms; ${SESSIONS} removals delivered in ${deliveredAt - connectedAt} ms; ` +
      `heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB (server and clients in one process)`,
  );
}, 120_000);
