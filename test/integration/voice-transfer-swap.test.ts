import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld } from '../helpers/operations';
import { answered, CAPABILITIES, initiated, stateOf, toldNothing } from '../helpers/transfer';
import { callMessage, established } from '../helpers/voice';


describe.each(TRANSPORTS)('SwapCalls during a transfer\'s consultation, over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('both ways, otherCallUri as a uri then as a path: the retrieved call Established first, then the other Held; agent2 told nothing', async () => {
    const w = world();
    const { original, consulter } = await answered(w, await initiated(w));
    const talking = { ...original, state: 'Established', capabilities: CAPABILITIES.establishedOtherHeld };
    const consultHeld = { ...consulter, state: 'Held', capabilities: CAPABILITIES.consultHeld };

    // Posted to the consultation call: the original is retrieved.
    await w.ok('agent1', consulter.id, 'SwapCalls', { otherCallUri: `${w.sim.url}/api/v2/me/calls/${original.id}` });
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', talking), callMessage(w.sim.url, 'agent1', 'StatusChange', consultHeld)]);
    expect(await w.take('agent2')).toEqual([]);

    // Posted to the original, now Established: the consultation is retrieved.
    await w.ok('agent1', original.id, 'SwapCalls', { otherCallUri: `/calls/${consulter.id}` });
    expect(await w.take('agent1')).toEqual([
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...consulter, state: 'Established', capabilities: CAPABILITIES.consultEstablished }),
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, state: 'Held', capabilities: CAPABILITIES.heldTransferring }),
    ]);
    await toldNothing(w);

    // Swapped back to the original, the transfer still completes from there.
    await w.ok('agent1', original.id, 'SwapCalls', { otherCallUri: consulter.id });
    await w.take('agent1');
    await w.ok('agent1', original.id, 'CompleteTransfer');
    expect((await w.take('agent1')).map((n) => [n.call.id, n.call.state])).toEqual([
      [original.id, 'Released'],
      [consulter.id, 'Released'],
    ]);
    expect((await w.take('agent2')).map((n) => [n.notificationType, n.call.connId])).toEqual([['ParticipantsUpdated', original.connId]]);
  });

  test('refused: otherCallUri naming another call (1) or missing (1); nothing changed, nobody told', async () => {
    const w = world();
    const { original, consulter, destination } = await answered(w, await initiated(w));
    const before = stateOf(w);
    for (const wrong of [destination.id, `/calls/${consulter.id}`, 'no-such-call']) {
      expectRefusal(await w.perform('agent1', consulter.id, 'SwapCalls', { otherCallUri: wrong }), 400, 1, new RegExp(`^Invalid parameter 'otherCallUri': '${wrong}' is not agent1's other call; that is /api/v2/me/calls/${original.id}$`));
    }
    expectRefusal(await w.perform('agent1', consulter.id, 'SwapCalls'), 400, 1, /^Missing required parameter 'otherCallUri'/);
    expect(stateOf(w)).toBe(before);
    await toldNothing(w);
  });

  test('refused with one call (2): SwapCalls on a plain call, naming it or another agent\'s; nothing changed, nobody told', async () => {
    const w = world();
    const { id } = await established(w, 'agent1');
    const other = await established(w, 'agent2');
    const before = stateOf(w);
    for (const otherCallUri of [id, other.id]) {
      expectRefusal(await w.perform('agent1', id, 'SwapCalls', { otherCallUri }), 400, 2, new RegExp(`^Cannot SwapCalls: .*call ${id} has no other call to swap with \\(a consultation: InitiateTransfer or InitiateConference\\)`));
    }
    expect(stateOf(w)).toBe(before);
    await toldNothing(w);
  });
});
