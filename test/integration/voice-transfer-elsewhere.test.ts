import { loadFixture } from '../../src/gws/fixture';
import { TRANSPORTS, type Transport } from '../helpers/agent';
import { useWorld, type World } from '../helpers/operations';
import { CAPABILITIES, CUSTOMER, initiated, toldNothing } from '../helpers/transfer';
import { callMessage, deviceMessage, established, onVoice, summary, USER_STATES, type CallShape } from '../helpers/voice';

const OUTSIDE = '+14155550199';
const released = { state: 'Released', capabilities: CAPABILITIES.released, duration: undefined };

/** The fixture whose outside numbers answer only when the customer says so (POST /sim/calls/{connId}/answer). */
function answeredByHand() {
  const fixture = loadFixture();
  return { ...fixture, voice: { ...fixture.voice, answerAfterMs: 0 } };
}

describe.each(TRANSPORTS)('a consultation to an outside number over %s (voice.answerAfterMs 0: answered by hand)', (transport: Transport) => {
  const world = useWorld(transport, 'voice', { fixture: answeredByHand() });

  test('Dialing until the party answers, then CompleteTransfer: agent1 Released on both calls, nobody else told, the call over for gws-sim', async () => {
    const w = world();
    const { original, consulter } = await initiated(w, OUTSIDE);
    expect(consulter).toMatchObject({ participants: [OUTSIDE], dnis: OUTSIDE, callType: 'Consult', parent: original.id });

    expect((await w.customer(consulter.connId, 'answer')).body).toEqual({ statusCode: 0 });
    const talking = { ...consulter, state: 'Established', capabilities: CAPABILITIES.consultEstablished, duration: undefined };
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', talking)]);

    await w.ok('agent1', original.id, 'CompleteTransfer');
    expect(await w.take('agent1')).toEqual([
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, ...released, participants: [CUSTOMER] }),
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...talking, ...released }),
    ]);
    await toldNothing(w, ['agent2', 'agent3']);
    // Both parties are outside: neither can hang up any more in gws-sim, and nobody is told.
    for (const connId of [original.connId, consulter.connId]) expect((await w.customer(connId, 'hangup')).body.statusCode).toBe(2);
    await toldNothing(w);
  });
});

describe.each(TRANSPORTS)('a consultation to an outside number over %s (the default voice.answerAfterMs, at time scale 0)', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('the party answers by itself: the consultation Dialing, then Established, told to agent1 alone', async () => {
    const w = world();
    const { id } = await established(w, 'agent1', CUSTOMER);
    await w.ok('agent1', id, 'InitiateTransfer', { destination: { phoneNumber: OUTSIDE } });
    const told = await w.take('agent1');
    expect(told.map((n) => [n.call.id === id ? 'original' : 'consultation', summary(n)])).toEqual([
      ['original', 'StatusChange:Held'],
      ['consultation', 'StatusChange:Dialing'],
      ['consultation', 'StatusChange:Established'],
    ]);
    expect(told[2].call.capabilities).toEqual(CAPABILITIES.consultEstablished);
    await toldNothing(w, ['agent2', 'agent3']);
  });
});

describe.each(TRANSPORTS)('SingleStepTransfer over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');
  const userData = { TransferReason: 'Escalation', TransferAgent: 'agent1' };

  /** agent1's call with the customer, answered, as its notifications show it. */
  async function talking(w: World): Promise<CallShape> {
    const { connId, id } = await established(w, 'agent1', CUSTOMER);
    return { id, connId, state: 'Established', participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', capabilities: CAPABILITIES.established };
  }

  test("to agent2's DN: agent1 Released, then after-call work; agent2's phone rings with the call and its userData; it answers", async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const call = await talking(w);
    expect((await w.perform('agent1', call.id, 'SingleStepTransfer', { destination: { phoneNumber: '7002' }, userData })).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent1')).toEqual([
      // The parties it had (the SingleStepTransfer page's sample), the userData given already on it.
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...call, ...released, participants: [CUSTOMER], userData }),
      deviceMessage(w.sim.url, 'agent1', USER_STATES.AfterCallWork),
      deviceMessage(w.sim.url, 'agent1', USER_STATES.Ready),
    ]);
    const [ringing] = await w.take('agent2');
    const rung: CallShape = { ...call, id: ringing?.call?.id, state: 'Ringing', capabilities: CAPABILITIES.ringing, userData, duration: '0' };
    expect(ringing).toEqual(callMessage(w.sim.url, 'agent2', 'StatusChange', rung));
    expect(rung.id).not.toBe(call.id);
    expect(await w.take('agent3')).toEqual([]);

    await w.ok('agent2', rung.id, 'Answer');
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...rung, state: 'Established', capabilities: CAPABILITIES.established, duration: undefined })]);
    expect(await w.take('agent1')).toEqual([]);
  });

  test('to the queue 9000: routed to agent3, the one Ready on voice (Reject offered), with the userData; agent2, NotReady, not rung', async () => {
    const w = world();
    await onVoice(w, 'agent2', false);
    await onVoice(w, 'agent3');
    await w.skip();
    const call = await talking(w);
    await w.ok('agent1', call.id, 'SingleStepTransfer', { destination: { phoneNumber: '9000' }, userData });
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...call, ...released, participants: [CUSTOMER], userData })]);
    const [ringing] = await w.take('agent3');
    expect(ringing).toEqual(
      callMessage(w.sim.url, 'agent3', 'StatusChange', { ...call, id: ringing?.call?.id, state: 'Ringing', capabilities: ['Answer', 'Reject', ...CAPABILITIES.ringing.slice(1)], userData, duration: '0' }),
    );
    expect(await w.take('agent2')).toEqual([]);
  });

  test('to the queue 9000 with nobody Ready: the call waits there, then rings the first agent to become Ready', async () => {
    const w = world();
    const call = await talking(w);
    await w.ok('agent1', call.id, 'SingleStepTransfer', { destination: { phoneNumber: '9000' } });
    expect((await w.take('agent1')).map((n) => [n.call.id, n.call.state])).toEqual([[call.id, 'Released']]);
    expect(w.sim.state().waiting.voice).toEqual([call.connId]);
    await onVoice(w, 'agent3');
    const told = await w.take('agent3');
    expect(told.map((n) => n.call?.state ?? n.devices[0].userState.displayName)).toEqual(['Not Ready', 'Ready', 'Ringing']);
    expect(told[2].call).toMatchObject({ connId: call.connId, ani: CUSTOMER, participants: [expect.objectContaining({ phoneNumber: CUSTOMER })] });
    expect(w.sim.state().waiting.voice).toEqual([]);
  });
});
