import path from 'node:path';
import type { CometD } from 'cometd';
import { createSimulator, type Agent, type Simulator } from '../../src';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { readFeed } from '../helpers/feed';

const REMOVE = 'RemoveParticipantFromConference';
const AGENT1_STREAM = ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'];
const AGENT2_STREAM = ['StatusChange', 'ParticipantLeft', 'StatusChange', 'StatusChange'];
const TRANSPORTS = ['websocket', 'long-polling'] as const;
const target = { targetPath: `/users/${AGENT2_ID}` };

/** The clientId of the agent's (one) CometD session, as GET /sim/state shows it. */
function sessionOf(sim: Simulator, user: string): string | undefined {
  return sim.state().cometdClients.find((c) => c.userName === user && c.subscriptions.length > 0)?.clientId;
}

/** Every reply the agent's CometD client gets on a meta channel, failures included. */
function metaReplies(agent: Agent, channel: string): { id?: string; successful?: boolean; error?: string; advice?: unknown; clientId?: string }[] {
  const replies: { successful?: boolean }[] = [];
  (agent as unknown as { cometd: CometD }).cometd.addListener(channel, (message) => replies.push(message));
  return replies;
}

async function eventually(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The faults GET /sim/state reports as fired, as `spec: what`. */
async function firedFaults(sim: Simulator): Promise<string[]> {
  const answer = (await (await fetch(`${sim.url}/sim/state`)).json()) as { state: { faults: { fired: { spec: string; what: string }[] } } };
  return answer.state.faults.fired.map((f) => `${f.spec}: ${f.what}`);
}

describe('faults on demand, proven with the official CometD client', () => {
  let sim: Simulator;
  let lines: string[];
  afterEach(() => sim?.close());
  const start = (options: Parameters<typeof createSimulator>[0] = {}) => {
    lines = [];
    return createSimulator({ timeScale: 0, log: (line) => lines.push(line), ...options });
  };

  describe.each(TRANSPORTS)('over %s', (transport) => {
    it('drop: the 2nd notification never arrives, takes no seq, and settled() still resolves', async () => {
      sim = await start({ faults: ['drop:agent2:2'] });
      const agent2 = await sim.agent('agent2', { transport });
      const agent1 = await sim.agent('agent1', { transport });
      expect((await agent1.perform(REMOVE, SESSION_ID, target)).statusCode).toBe(0);

      await sim.expect({ agent1: AGENT1_STREAM, agent2: ['StatusChange', 'StatusChange', 'StatusChange'] });
      expect(agent2.received.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(await firedFaults(sim)).toEqual(["drop:agent2:2: agent2's notification #2 (ParticipantLeft) dropped"]);
      expect(lines).toContain("fault drop:agent2:2: agent2's notification #2 (ParticipantLeft) dropped");
    });

    it('duplicate: the 1st notification arrives twice with the same seq, stamped as a fault', async () => {
      sim = await start();
      const agent1 = await sim.agent('agent1', { transport });
      sim.fault('duplicate:agent1:1');
      await agent1.perform(REMOVE, SESSION_ID, target);

      await sim.expect({ agent1: ['Notice', 'Notice', 'ParticipantsUpdated', 'ParticipantLeft'] });
      expect(agent1.received.map((r) => r.seq)).toEqual([1, 1, 2, 3]);
      expect(await firedFaults(sim)).toEqual(["duplicate:agent1:1: agent1's notification #1 (Notice) sent twice (same seq)"]);
    });

    it('reorder: the 1st notification comes after the 2nd', async () => {
      sim = await start();
      const agent2 = await sim.agent('agent2', { transport });
      sim.fault({ kind: 'reorder', agent: 'agent2', nth: 1 });
      await (await sim.agent('agent1', { transport })).perform(REMOVE, SESSION_ID, target);

      await sim.expect({ agent2: ['ParticipantLeft', 'StatusChange', 'StatusChange', 'StatusChange'] });
      expect(agent2.received[1].data).toMatchObject({ facebooksession: { state: 'Chatting' } });
      expect(await firedFaults(sim)).toEqual(["reorder:agent2:1: agent2's notification #1 (StatusChange) held back to go after the next one"]);
    });
  });

  it('delay: a fixed delay holds the notification (and the ones after it, in order) at least that long', async () => {
    sim = await start();
    const agent1 = await sim.agent('agent1');
    sim.fault('delay:agent1:2:300');
    const before = Date.now();
    await agent1.perform(REMOVE, SESSION_ID, target);

    await sim.expect({ agent1: AGENT1_STREAM });
    const [first, second, third] = agent1.received;
    expect(second.at - before).toBeGreaterThanOrEqual(300);
    expect(third.at).toBeGreaterThanOrEqual(second.at);
    expect(first.at - before).toBeLessThan(second.at - before);
    expect(second.dueAt! - first.dueAt!).toBeGreaterThanOrEqual(300);
    expect(await firedFaults(sim)).toEqual(["delay:agent1:2:300: agent1's notification #2 (ParticipantsUpdated) delayed 300 ms"]);
  });

  it('delay: a random delay within bounds is seeded, so a run repeats; the manual clock steps it', async () => {
    const delays: string[][] = [];
    for (let round = 0; round < 2; round++) {
      sim = await start({ clock: 'manual', seed: 7 });
      const agent1 = await sim.agent('agent1');
      sim.fault('delay:agent1:*:200-500');
      await agent1.perform(REMOVE, SESSION_ID, target);
      await sim.clock.advance(40 + 199); // the stream's first step is due at 40 ms; no delay is shorter than 200
      expect(agent1.notifications).toHaveLength(0);
      await sim.clock.advance(2000);
      await sim.expect({ agent1: AGENT1_STREAM });
      delays.push((await firedFaults(sim)).map((f) => f.replace(/.*delayed /, '')));
      await sim.close();
    }
    expect(delays[0]).toHaveLength(3);
    expect(delays[1]).toEqual(delays[0]);
    for (const delay of delays[0]) {
      expect(Number(delay.replace(' ms', ''))).toBeGreaterThanOrEqual(200);
      expect(Number(delay.replace(' ms', ''))).toBeLessThanOrEqual(500);
    }
    expect(new Set(delays[0]).size).toBeGreaterThan(1); // random, not one fixed delay
  });

  describe.each(TRANSPORTS)('session faults over %s', (transport) => {
    it('session-drop: the next request gets 402::Unknown client with advice handshake; the client re-handshakes, re-subscribes and keeps receiving', async () => {
      sim = await start({ clock: 'manual' });
      const agent2 = await sim.agent('agent2', { transport });
      const firstSession = sessionOf(sim, 'agent2');
      const connects = metaReplies(agent2, '/meta/connect');
      sim.fault('session-drop:agent2:after=1');
      await (await sim.agent('agent1', { transport })).perform(REMOVE, SESSION_ID, target);

      await sim.clock.advance(60); // agent2's first notification
      await agent2.waitFor(1);
      await eventually(() => sessionOf(sim, 'agent2') !== undefined && sessionOf(sim, 'agent2') !== firstSession, 'agent2 back with a new session');
      expect(connects).toContainEqual(
        expect.objectContaining({ successful: false, error: '402::Unknown client', advice: expect.objectContaining({ reconnect: 'handshake' }) }),
      );
      expect(sim.state().cometdClients.filter((c) => c.userName === 'agent2')).toEqual([
        expect.objectContaining({ subscriptions: ['/v2/notifications'] }),
      ]);

      await sim.clock.advance(1000); // the rest of the stream, to the new session
      await agent2.waitFor(4);
      await sim.expect({ agent2: AGENT2_STREAM });
      expect(agent2.received.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(await firedFaults(sim)).toEqual([
        `session-drop:agent2:after=1: after agent2's notification #1 (StatusChange): dropped agent2's CometD session(s) ${firstSession}; the next request gets 402::Unknown client`,
      ]);
    });

    it('cut: the connection closes under the client, which connects again with the same session; nothing is lost', async () => {
      sim = await start({ clock: 'manual' });
      const agent2 = await sim.agent('agent2', { transport });
      const session = sessionOf(sim, 'agent2');
      const connects = metaReplies(agent2, '/meta/connect');
      sim.fault('cut:agent2:after=2');
      await (await sim.agent('agent1', { transport })).perform(REMOVE, SESSION_ID, target);

      await sim.clock.advance(60 + 150); // agent2's first two notifications
      await agent2.waitFor(2);
      await eventually(() => connects.some((m) => !m.successful), 'a failed /meta/connect on the client');
      await sim.clock.advance(1000); // the rest: held while the connection is cut, sent once the client is back
      await agent2.waitFor(4, { timeoutMs: 10_000 });
      await sim.expect({ agent2: AGENT2_STREAM });
      expect(agent2.received.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(sessionOf(sim, 'agent2')).toBe(session);
      expect(await firedFaults(sim)).toEqual([
        `cut:agent2:after=2: after agent2's notification #2 (ParticipantLeft): cut the connection of agent2's CometD session(s) ${session}`,
      ]);
    });
  });

  it("session-drop after=N when N goes to none of the agent's clients (a topic it did not subscribe to): the fault acts at once, and nothing is held for ever", async () => {
    sim = await start({ timeScale: 0, faults: ['session-drop:agent1:after=1'] });
    const agent1 = await sim.agent('agent1', { channel: '/v2/me/facebooksession' });
    const dropped = sessionOf(sim, 'agent1');
    // #1 goes out on /v2/me/channels, which agent1's client did not subscribe to.
    expect(await agent1.perform('StartContactCenterSession', { me: true }, { channels: ['chat'] })).toEqual({ statusCode: 0 });
    await eventually(() => sim.state().faults.fired.length === 1, 'the session drop');
    expect((await firedFaults(sim))[0]).toContain(`dropped agent1's CometD session(s) ${dropped}`);
    const offered = sim.offer({ offerTo: 'agent1' });
    await expect(agent1.waitFor({ kind: 'StatusChange', match: { 'facebooksession.id': offered } }, { timeoutMs: 5000 })).resolves.toBeDefined();
    expect(sessionOf(sim, 'agent1')).not.toBe(dropped);
    await sim.settled();
    expect(sim.state().faults.recovering).toEqual([]);
  });

  it('session-drop armed with no session acts when the agent subscribes; cut at once when armed', async () => {
    sim = await start({ faults: ['session-drop:agent1'] });
    const agent1 = await sim.agent('agent1');
    const connects = metaReplies(agent1, '/meta/connect');
    await eventually(() => sim.state().faults.fired.length === 1, 'the session drop');
    const dropped = /session\(s\) ([a-z0-9]+)/.exec(sim.state().faults.fired[0].what)![1];
    // Back with a new session whose first /meta/connect the server has answered.
    await eventually(() => connects.some((m) => m.successful && m.clientId !== undefined && m.clientId !== dropped), 'agent1 connected with a new session');
    const session = sessionOf(sim, 'agent1');
    expect(session).not.toBe(dropped);
    expect(connects).toContainEqual(expect.objectContaining({ successful: false, error: '402::Unknown client' }));

    const failedBefore = connects.filter((m) => !m.successful).length;
    sim.fault('cut:agent1');
    await eventually(() => connects.filter((m) => !m.successful).length > failedBefore, 'a failed /meta/connect after the cut');
    await agent1.perform(REMOVE, SESSION_ID, target);
    await sim.expect({ agent1: AGENT1_STREAM });
    expect(sessionOf(sim, 'agent1')).toBe(session);
    expect(await firedFaults(sim)).toEqual([
      `session-drop:agent1: when it subscribed: dropped agent1's CometD session(s) ${dropped}; the next request gets 402::Unknown client`,
      `cut:agent1: when armed: cut the connection of agent1's CometD session(s) ${session}`,
    ]);
  });

  it('rest: the operation is answered with the chosen GWS error and not performed', async () => {
    sim = await start({ faults: ['rest:agent1:RemoveParticipantFromConference:4/500'] });
    const agent1 = await sim.agent('agent1');
    const answer = await fetch(`${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('agent1:agent1').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: REMOVE, ...target }),
    });
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({
      statusCode: 4,
      statusMessage: 'Fault injected by gws-sim (rest:agent1:RemoveParticipantFromConference:4/500): RemoveParticipantFromConference was not performed.',
    });
    await sim.expect({ agent1: [] });
    expect(sim.state().facebooksessions[0].departed).toEqual([]);

    // One-shot: the next call is performed.
    expect((await agent1.perform(REMOVE, SESSION_ID, target)).statusCode).toBe(0);
    await sim.expect({ agent1: AGENT1_STREAM });
  });

  it('rest on the device: Dial and DoNotDisturbOn are answered with the fault, and nothing rings', async () => {
    sim = await start({ faults: ['rest:agent1:Dial:4/503', 'rest:agent2:DoNotDisturbOn:4/503'] });
    const post = (user: string, path: string, body: object) =>
      fetch(`${sim.url}/api/v2${path}`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const deviceOf = async (user: string) =>
      ((await (await fetch(`${sim.url}/api/v2/me/devices?fields=*`, { headers: { Authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}` } })).json()) as { devices: { id: string }[] }).devices[0].id;
    const dial = { operationName: 'Dial', destination: { phoneNumber: '7002' } };
    const refused = await post('agent1', `/me/devices/${await deviceOf('agent1')}/calls`, dial);
    expect([refused.status, ((await refused.json()) as { statusCode: number }).statusCode]).toEqual([503, 4]);
    expect(sim.state().calls).toEqual([]);
    const dnd = await post('agent2', `/me/devices/${await deviceOf('agent2')}`, { operationName: 'DoNotDisturbOn' });
    expect(dnd.status).toBe(503);
    // One-shot: the next Dial rings agent2.
    expect((await post('agent1', `/me/devices/${await deviceOf('agent1')}/calls`, dial)).status).toBe(200);
    expect(sim.state().calls.map((c) => c.agentStates)).toEqual([{ agent1: 'Dialing', agent2: 'Ringing' }]);
  });

  it('rest with operation *: a call naming no known operation is refused as such, and does not use up the fault', async () => {
    sim = await start({ faults: ['rest:agent1:*:VISIBILITY_NOT_ALL'] });
    const agent1 = await sim.agent('agent1');
    expect(await agent1.perform('Nope', SESSION_ID, target)).toMatchObject({ statusCode: 1, statusMessage: expect.stringContaining('Nope') });
    expect(await agent1.perform(REMOVE, SESSION_ID, target)).toMatchObject({ statusCode: 3, statusMessage: expect.stringContaining('Fault injected') });
  });

  it('the shipped scenario faults-dropped-session.json passes: a REST fault, then a session drop in real time that settled() waits out', async () => {
    sim = await start({ timeScale: 1 });
    const result = await sim.run(path.join(__dirname, '../../scenarios/faults-dropped-session.json'));
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect((await firedFaults(sim)).map((f) => f.split(':')[0])).toEqual(['rest', 'session-drop']);
    expect(lines.some((l) => l.includes("dropped agent2's CometD session(s)"))).toBe(true);
  });

  it('/sim/faults arms (all or none), lists and clears; /sim/reset arms the start-up faults afresh', async () => {
    sim = await start({ faults: ['drop:agent1:1'] });
    const post = (body: unknown) =>
      fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const specs = async () => ((await (await fetch(`${sim.url}/sim/faults`)).json()) as { faults: { armed: { spec: string }[] } }).faults.armed.map((a) => a.spec);

    expect(await post({ faults: ['cut:agent2', 'drop:agent9:1'] })).toEqual({
      statusCode: 1,
      statusMessage: "Invalid parameter 'faults': fault 'drop:agent9:1': no user 'agent9' in the fixture; its users: agent1, agent2, agent3, or * for every agent",
    });
    expect(await post({ kind: 'delay', agent: 'agent2', nth: '*', ms: [10, 20] })).toMatchObject({ statusCode: 0, armed: [{ spec: 'delay:agent2:*:10-20', source: 'api' }] });
    expect(await specs()).toEqual(['drop:agent1:1', 'delay:agent2:*:10-20']);
    // A bare SPEC string is one fault; nothing at all says what to send.
    expect(await post('duplicate:agent2:1')).toMatchObject({ statusCode: 0, armed: [{ spec: 'duplicate:agent2:1' }] });
    for (const empty of [undefined, {}]) {
      const answer = await fetch(`${sim.url}/sim/faults`, { method: 'POST', ...(empty ? { headers: { 'Content-Type': 'application/json' }, body: '{}' } : {}) });
      expect(await answer.json()).toEqual({ statusCode: 1, statusMessage: expect.stringContaining(`Missing required parameter 'faults': send {"faults": [SPEC or fault object, ...]}`) });
    }
    await fetch(`${sim.url}/sim/faults`, { method: 'DELETE' });
    expect(await specs()).toEqual([]);
    await fetch(`${sim.url}/sim/reset`, { method: 'POST' });
    expect(await specs()).toEqual(['drop:agent1:1']);
  });

  it('a number of 2^53 or more (which hung the process for good) is statusCode 1 naming it, and the simulator keeps answering', async () => {
    sim = await start();
    const post = (body: unknown) =>
      fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
    expect(await post({ faults: ['drop:agent1:9007199254740992'] })).toEqual([
      400,
      { statusCode: 1, statusMessage: expect.stringContaining("fault 'drop:agent1:9007199254740992': '9007199254740992' is past 1000000000") },
    ]);
    expect(await post({ faults: ['delay:agent1:9007199254740990-9007199254740999:5'] })).toEqual([400, { statusCode: 1, statusMessage: expect.stringContaining('is past 1000000000') }]);
    expect(await post({ kind: 'rest', agent: 'agent1', operation: '*', statusCode: 2 ** 60 })).toEqual([400, { statusCode: 1, statusMessage: expect.stringContaining('statusCode: at most 999') }]);
    expect((await fetch(`${sim.url}/sim/state`)).status).toBe(200);
    expect(sim.state().faults.armed).toEqual([]);
  });

  it('a range is shown as written (1-10000), not as ten thousand numbers, in the state, the log and the feed', async () => {
    sim = await start();
    sim.fault('drop:agent1:1-10000');
    expect(sim.state().faults.armed.map((a) => a.spec)).toEqual(['drop:agent1:1-10000']);
    expect(lines).toContain('fault armed: drop:agent1:1-10000');
    const feed = await readFeed(`${sim.url}/sim/events`, (frames) => frames.some((f) => f.data.action === 'faults-armed'));
    expect(feed.find((f) => f.data.action === 'faults-armed')?.data.detail).toBe('drop:agent1:1-10000');
    await (await sim.agent('agent1')).perform(REMOVE, SESSION_ID, target);
    await sim.settled();
    expect(sim.state().faults.fired.map((f) => f.spec)).toEqual(['drop:agent1:1-10000', 'drop:agent1:1-10000', 'drop:agent1:1-10000']);
  });
});
