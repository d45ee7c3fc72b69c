import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld, type World } from '../helpers/operations';
import { answered, CAPABILITIES, CUSTOMER, initiated, stateOf, toldNothing, type Consultation } from '../helpers/transfer';
import { callMessage, deviceMessage, onVoice, USER_STATES } from '../helpers/voice';


describe.each(TRANSPORTS)('two-step transfer over %s: InitiateTransfer, the destination answers, CompleteTransfer', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  /**
   * What CompleteTransfer tells once the destination has answered: agent1 its original Released, then its
   * consultation; agent2 ParticipantsUpdated on its own call id, the original's connId, talking with the customer.
   */
  function expectCompleted(w: World, { original, consulter, destination }: Required<Consultation>, told1: any[], told2: any[]) {
    const released = { state: 'Released', capabilities: CAPABILITIES.released, duration: undefined };
    expect(told1.slice(0, 2)).toEqual([
      // Each call Released lists the parties it had (the CompleteTransfer page's sample: the original's other party only).
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, ...released, participants: [CUSTOMER] }),
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...consulter, ...released }),
    ]);
    expect(told2).toEqual([
      callMessage(w.sim.url, 'agent2', 'ParticipantsUpdated', { ...destination, connId: original.connId, participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001', capabilities: CAPABILITIES.established, userData: undefined }),
    ]);
  }

  test('posted to the held original: agent1 Released on both calls, then after-call work; agent2 keeps its call id, its connId now the original\'s', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const consultation = await answered(w, await initiated(w));
    expect((await w.perform('agent1', consultation.original.id, 'CompleteTransfer')).body).toEqual({ statusCode: 0 });
    const told1 = await w.take('agent1');
    expectCompleted(w, consultation, told1, await w.take('agent2'));
    expect(told1.slice(2)).toEqual([deviceMessage(w.sim.url, 'agent1', USER_STATES.AfterCallWork), deviceMessage(w.sim.url, 'agent1', USER_STATES.Ready)]);
    expect(await w.take('agent3')).toEqual([]);

    // agent2 talks with the customer on the original connection: its hang-up ends it.
    await w.ok('agent2', consultation.destination.id, 'Hangup');
    expect(await w.take('agent2')).toEqual([
      callMessage(w.sim.url, 'agent2', 'StatusChange', { ...consultation.destination, connId: consultation.original.connId, participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001', state: 'Released', capabilities: [], userData: undefined }),
    ]);
    expect(await w.take('agent1')).toEqual([]);
    expect(w.sim.state().calls.every((c: any) => Object.values(c.agentStates).every((s) => s === 'Released'))).toBe(true);
  });

  test("posted to the consultation call: the same notifications, in the same order; the consultation's userData stays on it", async () => {
    const w = world();
    // The userData goes with the consultation (both agents' calls); the destination then joins the original, with the original's (none).
    const consultation = await answered(w, await initiated(w, 'agent2', { userData: { TransferReason: 'Billing' } }));
    expect([consultation.consulter.userData, consultation.destination.userData]).toEqual([{ TransferReason: 'Billing' }, { TransferReason: 'Billing' }]);
    await w.ok('agent1', consultation.consulter.id, 'CompleteTransfer');
    const told1 = await w.take('agent1');
    expectCompleted(w, consultation, told1, await w.take('agent2'));
    expect(told1).toHaveLength(2);
    expect(await w.take('agent3')).toEqual([]);
  });

  test('consultCallUri naming the consultation call (its uri or its path) completes it; another call refused (1), nothing changed', async () => {
    const w = world();
    const consultation = await answered(w, await initiated(w));
    const { original, consulter } = consultation;
    const before = stateOf(w);
    for (const wrong of [`${w.sim.url}/api/v2/me/calls/${original.id}`, consultation.destination.id, 'no-such-call']) {
      expectRefusal(await w.perform('agent1', original.id, 'CompleteTransfer', { consultCallUri: wrong }), 400, 1, new RegExp(`^Invalid parameter 'consultCallUri': '${wrong}' is not agent1's consultation call; that is /api/v2/me/calls/${consulter.id}`));
    }
    expect(stateOf(w)).toBe(before);
    await toldNothing(w);

    await w.ok('agent1', original.id, 'CompleteTransfer', { consultCallUri: `${w.sim.url}/api/v2/me/calls/${consulter.id}` });
    expectCompleted(w, consultation, await w.take('agent1'), await w.take('agent2'));
  });

  test('consultCallUri as a path, posted to the consultation call itself', async () => {
    const w = world();
    const consultation = await answered(w, await initiated(w));
    await w.ok('agent1', consultation.consulter.id, 'CompleteTransfer', { consultCallUri: `/calls/${consultation.consulter.id}` });
    expectCompleted(w, consultation, await w.take('agent1'), await w.take('agent2'));
  });
});

describe.each(TRANSPORTS)('transfer before the destination answers, over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('CompleteTransfer while agent2 rings: agent2 still Ringing on the original connection; it answers and talks with the customer, who hangs up', async () => {
    const w = world();
    const { original, consulter, destination } = await initiated(w);
    await w.ok('agent1', consulter.id, 'CompleteTransfer');
    const released = { state: 'Released', capabilities: CAPABILITIES.released, duration: undefined };
    expect(await w.take('agent1')).toEqual([
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, ...released, participants: [CUSTOMER] }),
      // The consultation lists the number it rang, as it had it.
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...consulter, ...released }),
    ]);
    const joined = { ...destination, connId: original.connId, participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001' };
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'ParticipantsUpdated', joined)]);

    await w.ok('agent2', destination.id, 'Answer');
    const talking = { ...joined, state: 'Established', capabilities: CAPABILITIES.established, duration: undefined };
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', talking)]);

    expect((await w.customer(original.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...talking, state: 'Released', capabilities: [] })]);
    await toldNothing(w, ['agent1', 'agent3']);
  });
});

describe.each(TRANSPORTS)('a consultation cancelled over %s: Hangup of the consultation call, then Retrieve', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('agent2 told Released; the original stays Held (no after-call work for agent1); Retrieve: Established, the plain capabilities back', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const { original, consulter, destination } = await answered(w, await initiated(w));
    await w.ok('agent1', consulter.id, 'Hangup');
    const released = { state: 'Released', capabilities: CAPABILITIES.released, duration: undefined };
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...consulter, ...released })]);
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...destination, ...released })]);

    await w.ok('agent1', original.id, 'Retrieve');
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, state: 'Established', capabilities: CAPABILITIES.established })]);
    expectRefusal(await w.perform('agent1', original.id, 'CompleteTransfer'), 400, 2, /InitiateTransfer/);
    await toldNothing(w, ['agent2', 'agent3']);
  });

  test('cancelled while agent2 still rings: agent2 Released, never connected', async () => {
    const w = world();
    const { original, consulter, destination } = await initiated(w);
    await w.ok('agent1', consulter.id, 'Hangup');
    const released = { state: 'Released', capabilities: CAPABILITIES.released };
    // The number it dialed is no longer listed: the ringing party was withdrawn.
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...consulter, ...released, participants: [] })]);
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...destination, ...released })]);
    await w.ok('agent1', original.id, 'Retrieve');
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, state: 'Established', capabilities: CAPABILITIES.established })]);
  });
});
