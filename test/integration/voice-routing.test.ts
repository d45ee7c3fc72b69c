import { loadFixture } from '../../src/gws/fixture';
import { TRANSPORTS, type Transport } from '../helpers/agent';
import { useWorld, type World } from '../helpers/operations';
import { callMessage, calls, devices, oneCall, onDevice, onVoice, summary } from '../helpers/voice';

const FROM = '+14155550100';
const call = (w: World, from = FROM) => w.customer(undefined, '', { from });
const waiting = (w: World) => w.sim.state().waiting.voice;
const rung = async (w: World, user: 'agent1' | 'agent2' | 'agent3') => calls(await w.take(user)).map(summary);

/** The fixture with no wrap-up after a call: an agent is free again as soon as its call is released. */
function noWrapUp() {
  const fixture = loadFixture();
  return { ...fixture, voice: { ...fixture.voice, wrapUpSeconds: 0 } };
}

describe.each(TRANSPORTS)('routing calls over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('round robin among the agents Ready on voice, skipping one on do-not-disturb and those already on a call; then the call waits', async () => {
    const w = world();
    for (const user of ['agent1', 'agent2', 'agent3'] as const) await onVoice(w, user);
    await onDevice(w, 'agent2', 'DoNotDisturbOn');
    await w.skip();
    const offeredTo = [];
    for (let i = 0; i < 3; i++) offeredTo.push((await call(w, `+1415555010${i}`)).body.offeredTo ?? 'waiting');
    expect(offeredTo).toEqual(['agent1', 'agent3', 'waiting']);
    expect(await rung(w, 'agent1')).toEqual(['StatusChange:Ringing']);
    expect(await rung(w, 'agent3')).toEqual(['StatusChange:Ringing']);
    expect(await w.take('agent2')).toEqual([]);
    expect(waiting(w)).toHaveLength(1);

    // Do-not-disturb off: the waiting call rings agent2 now.
    await onDevice(w, 'agent2', 'DoNotDisturbOff');
    expect((await w.take('agent2')).map(summary)).toEqual(['Device:Ready', 'StatusChange:Ringing']);
    expect(waiting(w)).toEqual([]);
  });

  test('an agent on an established call is skipped though its turn has come; AuxWork and logged-out agents too', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await onVoice(w, 'agent2', false);
    await w.onChannel('agent2', 'voice', 'AuxWork');
    expect((await call(w)).body.offeredTo).toBe('agent1');
    await w.ok('agent1', (await oneCall(w, 'agent1')).call.id, 'Answer');
    // agent1 is busy, agent2 in AuxWork, agent3 not logged in on voice.
    const second = (await call(w)).body;
    expect(second).toEqual({ statusCode: 0, id: expect.any(String), waiting: true });
    await onVoice(w, 'agent3');
    expect(await rung(w, 'agent3')).toEqual(['StatusChange:Ringing']);
    expect(waiting(w)).toEqual([]);
    // After agent3 comes agent1's turn: it is on a call, so agent2 (Ready now) is rung.
    await w.onChannel('agent2', 'voice', 'Ready');
    expect((await call(w)).body.offeredTo).toBe('agent2');
    expect(await rung(w, 'agent1')).toEqual(['StatusChange:Established']);
    expect(await rung(w, 'agent2')).toEqual(['StatusChange:Ringing']);
  });

  test('a call waits until an agent is Ready, and rings it with the Offer stream; the waiting list empties', async () => {
    const w = world();
    await onVoice(w, 'agent2', false);
    const waited = await call(w);
    expect(waited.body).toEqual({ statusCode: 0, id: expect.any(String), waiting: true });
    expect(waiting(w)).toEqual([waited.body.id]);
    await w.skip();
    await w.onChannel('agent2', 'voice', 'Ready');
    const told = await w.take('agent2');
    expect(told.map(summary)).toEqual(['Device:Ready', 'StatusChange:Ringing']);
    expect(told[1].call).toMatchObject({ connId: waited.body.id, callType: 'Inbound', dnis: '9000', capabilities: ['Answer', 'Reject', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'] });
    expect(waiting(w)).toEqual([]);
  });

  test('Reject sends the call back to the queue: the next Ready agent, none that rejected it; with none left it waits', async () => {
    const w = world();
    for (const user of ['agent1', 'agent2'] as const) await onVoice(w, user);
    await w.skip();
    const { id: connId, offeredTo } = (await call(w)).body;
    expect(offeredTo).toBe('agent1');
    await w.ok('agent1', (await oneCall(w, 'agent1')).call.id, 'Reject');
    expect(await rung(w, 'agent1')).toEqual(['StatusChange:Released']);
    await w.ok('agent2', (await oneCall(w, 'agent2')).call.id, 'Reject');
    expect(await rung(w, 'agent2')).toEqual(['StatusChange:Released']);
    expect(waiting(w)).toEqual([connId]);
    expect(await w.take('agent1')).toEqual([]);
    await onVoice(w, 'agent3');
    expect((await w.take('agent3')).map(summary)).toEqual(['Device:Not Ready', 'Device:Ready', 'StatusChange:Ringing']);
    expect(waiting(w)).toEqual([]);
  });

  test("Reject frees the agent's phone: a call that waited for it rings it, the rejected one waits", async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const first = (await call(w)).body;
    const second = (await call(w)).body;
    expect([first.offeredTo, second.waiting]).toEqual(['agent1', true]);
    await w.ok('agent1', (await oneCall(w, 'agent1')).call.id, 'Reject');
    const told = calls(await w.take('agent1'));
    expect(told.map((n) => [summary(n), n.call.connId])).toEqual([
      ['StatusChange:Released', first.id],
      ['StatusChange:Ringing', second.id],
    ]);
    expect(waiting(w)).toEqual([first.id]);
  });

  test('the customer hangs up while waiting: the waiting list empties and nobody is told, then or later', async () => {
    const w = world();
    const { id } = (await call(w)).body;
    expect(waiting(w)).toEqual([id]);
    expect((await w.customer(id, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(waiting(w)).toEqual([]);
    await onVoice(w, 'agent1');
    expect((await w.take('agent1')).map(summary)).toEqual(['Device:Not Ready', 'Device:Ready']);
  });

  test('the customer hangs up while the call rings: the ringing agent is told Released, no after-call work (it never connected)', async () => {
    const w = world();
    await onVoice(w, 'agent3');
    await w.skip();
    const { id: connId } = (await call(w)).body;
    const ringing = await oneCall(w, 'agent3');
    await w.customer(connId, 'hangup');
    const told = await w.take('agent3');
    expect(devices(told)).toEqual([]);
    expect(told).toEqual([
      callMessage(w.sim.url, 'agent3', 'StatusChange', {
        id: ringing.call.id,
        connId,
        state: 'Released',
        participants: [FROM],
        ani: FROM,
        dnis: '9000',
        callType: 'Inbound',
        capabilities: [],
        duration: '0',
      }),
    ]);
  });
});

describe.each(TRANSPORTS)('routing calls without wrap-up over %s (voice.wrapUpSeconds 0)', (transport: Transport) => {
  const world = useWorld(transport, 'voice', { fixture: noWrapUp() });

  test('a call waiting for a busy agent rings it once it hangs up, or once the customer hangs up', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const first = (await call(w)).body;
    const own = (await oneCall(w, 'agent1')).call.id;
    await w.ok('agent1', own, 'Answer');
    const second = (await call(w)).body;
    expect(second.waiting).toBe(true);
    await w.take('agent1');
    await w.ok('agent1', own, 'Hangup');
    const freed = calls(await w.take('agent1'));
    expect(freed.map(summary)).toEqual(['StatusChange:Released', 'StatusChange:Ringing']);
    expect(freed[1].call.connId).toBe(second.id);
    expect(waiting(w)).toEqual([]);

    await w.ok('agent1', freed[1].call.id, 'Answer');
    const third = (await call(w)).body;
    expect(third.waiting).toBe(true);
    await w.take('agent1');
    await w.customer(second.id, 'hangup');
    expect(await rung(w, 'agent1')).toEqual(['StatusChange:Released', 'StatusChange:Ringing']);
    expect(first.offeredTo).toBe('agent1');
  });
});
