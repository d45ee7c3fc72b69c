import { createSimulator, type Simulator } from '../../src';
import { SESSION_ID } from '../helpers/default-fixture';

const REMOVE = 'RemoveParticipantFromConference';
const AGENT1_STREAM = ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'];
const AGENT2_STREAM = ['StatusChange', 'ParticipantLeft', 'StatusChange', 'StatusChange'];

describe('the test harness: createSimulator() with agents', () => {
  let sim: Simulator;
  afterEach(() => sim?.close());

  it.each(['websocket', 'long-polling'] as const)('agents over %s perform, receive and expect', async (transport) => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1', { transport });
    const agent2 = await sim.agent('agent2', { transport });
    await sim.agent('agent3', { transport });

    const answer = await agent1.perform(REMOVE, SESSION_ID, { targetUri: `${sim.url}/api/v2/users/e2c90c960d3d40c79684818983ceb314` });
    expect(answer.statusCode).toBe(0);

    await sim.expect({
      agent1: AGENT1_STREAM,
      agent2: [...AGENT2_STREAM.slice(0, 2), { kind: 'StatusChange', match: { 'facebooksession.state': 'LeftChat' } }, 'StatusChange'],
      agent3: [],
    });
    expect(agent1.notifications).toHaveLength(3);
    await expect(agent2.next('StatusChange')).resolves.toMatchObject({ notificationType: 'StatusChange' });
  });

  it('expect() fails with expected versus received per agent', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: '/users/e2c90c960d3d40c79684818983ceb314' });
    const failure = sim.expect({ agent1: ['Notice', 'ParticipantLeft'] });
    await expect(failure).rejects.toThrow(/agent1:\n {2}#2: kind: expected ParticipantLeft, received ParticipantsUpdated/);
    await expect(failure).rejects.toThrow(/#3: expected nothing more, received ParticipantLeft/);
    await expect(failure).rejects.toThrow(/received: Notice, ParticipantsUpdated, ParticipantLeft/);
  });

  it('next() rejects a notification that does not match, naming the field', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent2 = await sim.agent('agent2');
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: '/users/e2c90c960d3d40c79684818983ceb314' });
    await expect(agent2.next({ kind: 'StatusChange', match: { 'facebooksession.state': 'Nope' } })).rejects.toThrow(
      /facebooksession.state: expected "Nope", received "Chatting"/,
    );
    await expect(agent2.next({ match: { 'messages[0].type': 'ParticipantLeft' } })).resolves.toBeDefined();
  });

  it('a manual clock sends each step only when advanced past it', async () => {
    sim = await createSimulator({ clock: 'manual' });
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: '/users/e2c90c960d3d40c79684818983ceb314' });

    await sim.clock.advance(39);
    expect(agent1.notifications).toHaveLength(0);
    await sim.clock.advance(1); // caller: 40 ms
    expect(agent1.notifications.length).toBe(1);
    await sim.clock.advance(119);
    expect(agent1.notifications.length).toBe(1);
    await sim.clock.advance(1); // +120 ms
    await sim.expect({ agent1: ['Notice', 'ParticipantsUpdated'] });
    await sim.clock.advance(150);
    await sim.expect({ agent1: ['ParticipantLeft'] });
  });

  it('advance() with the system clock says how to get a manual one', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await expect(sim.clock.advance(10)).rejects.toThrow("createSimulator({ clock: 'manual' })");
  });

  it('an agent that connects late gets what was sent while it had no subscriber, in order', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: '/users/e2c90c960d3d40c79684818983ceb314' });
    await sim.expect({ agent1: AGENT1_STREAM });
    expect(sim.state().deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ userName: 'agent2', held: 4, sent: 0 })]));

    await sim.agent('agent2', { transport: 'long-polling' });
    await sim.expect({ agent2: AGENT2_STREAM });
  });

  it('agent() names the users of the fixture when the user is unknown, and the reason when refused', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await expect(sim.agent('nobody')).rejects.toThrow("no user 'nobody' in the fixture; users: agent1, agent2, agent3");
    await expect(sim.agent('agent1', { password: 'wrong' })).rejects.toThrow(/agent1 cannot connect .* over websocket: /);
  });

  it('close() disconnects the agents and can be called twice', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await sim.agent('agent1');
    await Promise.all([sim.close(), sim.close()]);
    await expect(fetch(`${sim.url}/sim/state`)).rejects.toThrow();
  });
});
