import { createSimulator, type Simulator } from '../../src';
import { SESSION_ID } from '../helpers/default-fixture';
import { readFeed } from '../helpers/feed';
import { rest, type RestResponse } from '../helpers/rest';

/**
 * The model's limits (README "Security and limits"): each refused with its statusCode and a
 * message naming the limit, and each a bounded loop showing that what the simulator keeps stops
 * growing, however long a client goes on.
 */
let sim: Simulator;
afterEach(() => sim?.close());

const AGENT1 = { user: 'agent1', password: 'agent1' };
const api = () => rest(sim.url);
const offer = (text = 'Hi') => api().post('/sim/facebooksessions', { offerTo: 'agent1', customer: 'Alice', text });
const perform = (sessionId: string, operationName: string, params: Record<string, unknown> = {}) =>
  api().post(`/api/v2/me/facebooksessions/${sessionId}`, { operationName, ...params }, AGENT1);
/** The size of GET /sim/state: what a dashboard reads, and a measure of what the simulator keeps. */
const stateBytes = async () => (await api().get('/sim/state')).text.length;

function expectRefused(response: RestResponse, status: number, statusCode: number, says: RegExp): void {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: { statusCode, statusMessage: expect.stringMatching(says) } });
}

test('interactions: past the limit an offer is statusCode 2 (400); one every agent completed is forgotten to make room, so offer-and-complete runs for ever in bounded state', async () => {
  sim = await createSimulator({ timeScale: 0, maxInteractions: 6 });
  // The fixture holds a Facebook session and a chat: 4 more fit.
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push(String((await offer()).body.id));
  expectRefused(await offer(), 400, 2, /^Cannot start an interaction: gws-sim keeps at most 6 \(--max-interactions\), and none of them is completed by every agent/);

  await perform(ids[0], 'Accept');
  await perform(ids[0], 'Complete');
  const again = await offer();
  expect(again.body).toMatchObject({ statusCode: 0 });
  expect(sim.state().facebooksessions.map((s) => s.id)).not.toContain(ids[0]);
  // The live feed says so, or the dashboard (which follows the state by it) would show it for ever.
  const frames = await readFeed(`${sim.url}/sim/events`, (f) => f.some((e) => e.data.type === 'operation' && e.data.answer?.id === again.body.id));
  const made = frames.map((f) => f.data).find((e) => e.type === 'operation' && e.answer?.id === again.body.id);
  expect(made.changed.forgotten).toEqual([{ collection: 'facebooksessions', id: ids[0] }]);

  for (const open of [...ids.slice(1), String(again.body.id)]) {
    await perform(open, 'Accept');
    await perform(open, 'Complete');
  }
  let largest = 0;
  for (let i = 0; i < 60; i++) {
    const id = String((await offer()).body.id);
    await perform(id, 'Accept');
    await perform(id, 'Complete');
    largest = Math.max(largest, sim.state().facebooksessions.length + sim.state().chats.length);
  }
  expect(largest).toBeLessThanOrEqual(6);
}, 60_000);

test('messages per log: past the limit a message is statusCode 2 naming the limit; Leave and Complete still work; the log stops growing', async () => {
  sim = await createSimulator({ timeScale: 0, maxMessagesPerInteraction: 10 });
  const id = String((await offer()).body.id);
  await perform(id, 'Accept');
  const sizes: number[] = [];
  let refused: RestResponse | undefined;
  for (let i = 0; i < 50; i++) {
    const answer = await (i % 2 === 0 ? api().post(`/sim/facebooksessions/${id}/messages`, { text: `message ${i}` }) : perform(id, 'SendMessage', { text: `reply ${i}` }));
    if (answer.body.statusCode !== 0) refused = answer;
    sizes.push(await stateBytes());
  }
  expectRefused(refused!, 400, 2, new RegExp(`^The log of facebooksession ${id} holds 10 messages, the most gws-sim keeps in one interaction \\(--max-messages-per-interaction\\)`));
  expect(sim.state().facebooksessions.find((s) => s.id === id)!.messages).toHaveLength(10);
  expect(sizes.at(-1)).toBe(sizes[20]);
  expect((await perform(id, 'Leave')).body).toEqual({ statusCode: 0 });
  expect((await perform(id, 'Complete')).body).toEqual({ statusCode: 0 });
}, 60_000);

test('message bytes: a text past the limit (UTF-8 bytes) is statusCode 1, from an agent, the customer or an arrival; nothing is logged', async () => {
  sim = await createSimulator({ timeScale: 0, maxMessageBytes: 1000 });
  const before = await stateBytes();
  expectRefused(await offer('x'.repeat(1001)), 400, 1, /^The message text is 1001 bytes \(UTF-8\), more than the 1000 gws-sim keeps in one message \(--max-message-bytes\): send it in parts\.$/);
  expectRefused(await perform(SESSION_ID, 'SendMessage', { text: 'é'.repeat(501) }), 400, 1, /^The message text is 1002 bytes/);
  expectRefused(await api().post(`/sim/facebooksessions/${SESSION_ID}/messages`, { text: 'x'.repeat(5000) }), 400, 1, /^The message text is 5000 bytes/);
  expect(await stateBytes()).toBe(before);
  expect((await perform(SESSION_ID, 'SendMessage', { text: 'x'.repeat(1000) })).body).toEqual({ statusCode: 0 });
});

test('message bytes: a text the simulator writes itself (the Notice of RemoveParticipantFromConference) is not the agent\'s to shorten: a small limit leaves removals working', async () => {
  sim = await createSimulator({ timeScale: 0, maxMessageBytes: 20 });
  const agent2 = sim.state().users.find((u) => u.userName === 'agent2')!.id;
  const id = String((await offer()).body.id);
  await perform(id, 'Accept');
  expect((await perform(id, 'Consult', { targetPath: `/users/${agent2}` })).body).toMatchObject({ statusCode: 0 });
  expect((await api().post(`/api/v2/me/facebooksessions/${id}`, { operationName: 'Accept' }, { user: 'agent2', password: 'agent2' })).body).toEqual({ statusCode: 0 });

  expect((await perform(id, 'RemoveParticipantFromConference', { targetPath: `/users/${agent2}` })).body).toMatchObject({ statusCode: 0 });
  const session = sim.state().facebooksessions.find((s) => s.id === id)!;
  expect(session.agentStates).toMatchObject({ agent1: 'Chatting', agent2: 'Completed' });
  expect(session.messages.map((m) => m.type).slice(-2)).toEqual(['Notice', 'ParticipantLeft']);
});

test('user data bytes: a change that grows it past the limit is statusCode 1 and changes nothing; one that shrinks it is taken; it stops growing', async () => {
  sim = await createSimulator({ timeScale: 0, maxUserDataBytes: 4000 });
  const sizes: number[] = [];
  let refused: RestResponse | undefined;
  for (let i = 0; i < 40; i++) {
    const answer = await perform(SESSION_ID, 'AttachUserData', { userData: { [`key${i}`]: 'v'.repeat(100) } });
    if (answer.body.statusCode !== 0) refused = answer;
    sizes.push(JSON.stringify(sim.state().facebooksessions[0].userData).length);
  }
  expectRefused(refused!, 400, 1, /^Cannot AttachUserData: the user data would be \d+ bytes of JSON, more than the 4000 gws-sim keeps for one interaction \(--max-user-data-bytes\)\. Delete keys first/);
  expect(Math.max(...sizes)).toBeLessThanOrEqual(4000);
  expect(sizes.at(-1)).toBe(sizes[30]);
  expectRefused(await perform(SESSION_ID, 'SetDisposition', { disposition: 'x'.repeat(3000) }), 400, 1, /^Cannot SetDisposition: the user data would be/);
  expect((await perform(SESSION_ID, 'DeleteUserData', { keys: ['key0', 'key1'] })).body).toEqual({ statusCode: 0 });
});

test('a limit out of its bounds is refused at start, naming it', async () => {
  await expect(createSimulator({ maxInteractions: 0 })).rejects.toThrow('maxInteractions must be an integer from 1 to 1000000, got 0');
  await expect(createSimulator({ maxMessageBytes: 1.5 })).rejects.toThrow('maxMessageBytes must be an integer from 1 to 102400, got 1.5');
  await expect(createSimulator({ maxMessagesPerInteraction: Number.NaN })).rejects.toThrow('maxMessagesPerInteraction must be an integer from 10 to 100000, got NaN');
});
