import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSimulator, kindOf, type Simulator } from '../../src';
import { SCENARIOS_DIR } from '../../src/scenario/loader';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';

async function waitUntil(done: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const REMOVE = 'RemoveParticipantFromConference';
const AGENT1_STREAM = ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'];
const AGENT2_STREAM = ['StatusChange', 'ParticipantLeft', 'StatusChange', 'StatusChange'];

describe('the test harness: createSimulator() with agents', () => {
  let sim: Simulator;
  afterEach(() => sim?.close());

  it.each(['websocket', 'long-polling'] as const)('agents over %s perform, receive and expect', async (transport) => {
    sim = await createSimulator({ timeScale: 0 });
    const agent1 = await sim.agent('agent1', { transport });
    await sim.agent('agent2', { transport });
    await sim.agent('agent3', { transport });

    const answer = await agent1.perform(REMOVE, SESSION_ID, { targetUri: `${sim.url}/api/v2/users/e2c90c960d3d40c79684818983ceb314` });
    expect(answer.statusCode).toBe(0);

    await sim.expect({
      agent1: AGENT1_STREAM,
      agent2: [...AGENT2_STREAM.slice(0, 2), { kind: 'StatusChange', match: { 'facebooksession.state': 'LeftChat' } }, 'StatusChange'],
      agent3: [],
    });
    // The bundled CometD client keeps its `window` to itself: nothing lands on the test's globals.
    expect('window' in globalThis).toBe(false);
    expect(agent1.notifications).toHaveLength(3);
  });

  it('next() and expect() take from one position: each checks what the other has not taken (issue 24)', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent2 = await sim.agent('agent2');
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    await expect(agent2.next('StatusChange')).resolves.toMatchObject({ notificationType: 'StatusChange' });
    await sim.expect({ agent2: AGENT2_STREAM.slice(1) });
    await expect(agent2.next(undefined, { timeoutMs: 50 })).rejects.toThrow('agent2: waited 50 ms for a notification #5');
    await sim.expect({ agent2: [] });
    // A next() still waiting when expect() names the agent: which one each takes would depend on timing.
    const waiting = agent2.next(undefined, { timeoutMs: 200 });
    await expect(sim.expect({ agent2: [] })).rejects.toThrow('agent2: next() is still waiting for notification #5: await it before sim.expect() names agent2');
    await expect(waiting).rejects.toThrow('waited 200 ms');
  });

  it('an expected kind that is one of the messages of a notification that carries several says how such kinds are named', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await sim.agent('agent1');
    sim.notify({ agent: 'agent1', data: { notificationType: 'NewMessages', messages: [{ type: 'ParticipantJoined' }, { type: 'Text', text: 'Hi' }] } });
    await expect(sim.expect({ agent1: ['ParticipantJoined'] })).rejects.toThrow(
      '#1: kind: expected ParticipantJoined, received ParticipantJoined+Text (one NewMessages notification with 2 messages: its kind names them all, joined with +)',
    );
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

  it('an agent whose subscription is refused is disconnected, not left behind', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await expect(sim.agent('agent1', { channel: '/v2/other' })).rejects.toThrow("agent1 cannot subscribe to /v2/other: 403:/v2/other:Subscription denied");
    await waitUntil(() => sim.state().cometdClients.length === 0);
  });

  it('after an agent disconnects, a new agent for the same user is the one settled() and expect() follow', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const first = await sim.agent('agent1');
    await first.disconnect();
    const second = await sim.agent('agent1', { transport: 'long-polling' });
    await second.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    await sim.expect({ agent1: AGENT1_STREAM }, { timeoutMs: 3000 });
    expect(first.notifications).toEqual([]);
  });

  it('next() calls made together take successive notifications; waitFor() by count and by match', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent2 = await sim.agent('agent2');
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    const kinds = (await Promise.all([agent2.next(), agent2.next(), agent2.next()])).map(kindOf);
    expect(kinds).toEqual(AGENT2_STREAM.slice(0, 3));
    await expect(agent2.waitFor(4)).resolves.toHaveLength(4);
    const [leftChat] = await agent2.waitFor({ kind: 'StatusChange', match: { 'facebooksession.state': 'Completed' } });
    expect(leftChat).toBe(agent2.notifications[3]);
    await expect(agent2.waitFor(5, { timeoutMs: 100 })).rejects.toThrow('agent2: waited 100 ms for 5 notifications; received 4: StatusChange, ParticipantLeft, StatusChange, StatusChange');
  });

  it('next() that times out leaves its notification to the next call', async () => {
    sim = await createSimulator({ clock: 'manual' });
    const agent1 = await sim.agent('agent1');
    await expect(agent1.next(undefined, { timeoutMs: 50 })).rejects.toThrow('waited 50 ms for a notification #1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    await sim.clock.advance(40);
    await expect(agent1.next('Notice')).resolves.toBeDefined();
  });

  it('reset() cancels what is pending and restores the session', async () => {
    sim = await createSimulator({ timeScale: 1 });
    const agent1 = await sim.agent('agent1');
    await agent1.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    sim.reset();
    await sim.expect({ agent1: [] });
    await expect(agent1.perform(REMOVE, SESSION_ID, { targetPath: `/users/${AGENT2_ID}` })).resolves.toEqual({ statusCode: 0 });
  });

  it('run() runs a script and resolves with its result, passed or failed', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const events: string[] = [];
    const result = await sim.run(path.join(SCENARIOS_DIR, 'agent1-removes-agent2.json'), { onEvent: (e) => events.push(e.type) });
    expect(result).toMatchObject({ ok: true, failures: [], drift: { count: 7 } });
    expect(result.verdicts.map((v) => v.agent)).toEqual(['agent1', 'agent2', 'agent3']);
    expect(events[0]).toBe('start');
    expect(events.at(-1)).toBe('end');
    expect(events.filter((e) => e === 'notification')).toHaveLength(7);
  });

  it('run() on a manual clock lets the scheduled steps happen at each expect', async () => {
    sim = await createSimulator({ clock: 'manual' });
    for (const file of ['agent1-removes-agent2.json', 'late-agent-gets-its-queue.json', 'agents-visibility-refused.json']) {
      const result = await sim.run(path.join(SCENARIOS_DIR, file));
      expect({ file, failures: result.failures }).toEqual({ file, failures: [] });
    }
  });

  it('run() of a stream file checks the stream the simulator plays, and says how to check another', async () => {
    const asDocumented = path.join(SCENARIOS_DIR, 'remove-participant-from-conference.as-documented.json');
    sim = await createSimulator({ timeScale: 0 });
    await expect(sim.run(path.join(SCENARIOS_DIR, 'remove-participant-from-conference.json'))).resolves.toMatchObject({ ok: true });
    await expect(sim.run(asDocumented)).rejects.toThrow(`start it with createSimulator({ scenarios: ['${asDocumented}'] })`);
    await sim.close();
    sim = await createSimulator({ timeScale: 0, scenarios: [asDocumented] });
    const result = await sim.run(asDocumented);
    expect(result.failures).toEqual([]);
  });

  it('run() of a script with a fixture of its own needs a simulator started from that fixture', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-fixture-'));
    try {
      const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../../src/gws/default-fixture.json'), 'utf8'));
      fixture.users[0].firstName = 'Changed';
      fs.writeFileSync(path.join(dir, 'fixture.json'), JSON.stringify(fixture));
      const script = JSON.parse(fs.readFileSync(path.join(SCENARIOS_DIR, 'agents-visibility-refused.json'), 'utf8'));
      fs.writeFileSync(path.join(dir, 'script.json'), JSON.stringify({ ...script, fixture: 'fixture.json' }));
      sim = await createSimulator({ timeScale: 0 });
      await expect(sim.run(path.join(dir, 'script.json'))).rejects.toThrow(`starts from the fixture ${path.join(dir, 'fixture.json')}, but this simulator was started from another`);
      await sim.close();
      sim = await createSimulator({ timeScale: 0, fixture: path.join(dir, 'fixture.json') });
      expect((await sim.run(path.join(dir, 'script.json'))).failures).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('close() disconnects the agents and can be called twice', async () => {
    sim = await createSimulator({ timeScale: 0 });
    await sim.agent('agent1');
    await Promise.all([sim.close(), sim.close()]);
    await expect(fetch(`${sim.url}/sim/state`)).rejects.toThrow();
  });
});
