import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld } from '../helpers/operations';
import { answered, initiated, stateOf, toldNothing } from '../helpers/transfer';
import { established, onDevice } from '../helpers/voice';

const to = (phoneNumber: string) => ({ destination: { phoneNumber } });

describe.each(TRANSPORTS)('transfer refusals over REST, %s: the GWS answer, nobody told, nothing changed', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('on a plain call: CompleteTransfer with no consultation (2, naming InitiateTransfer); InitiateTransfer to its own DN or to a phone on do-not-disturb (2)', async () => {
    const w = world();
    const { id } = await established(w, 'agent1');
    await onDevice(w, 'agent2', 'DoNotDisturbOn');
    await w.skip();
    const before = stateOf(w);

    expectRefusal(await w.perform('agent1', id, 'CompleteTransfer'), 400, 2, new RegExp(`^Cannot CompleteTransfer: no consultation is in progress from or to call ${id} \\(InitiateTransfer or InitiateConference starts one\\) for agent1\\.$`));
    expectRefusal(await w.perform('agent1', id, 'InitiateTransfer', to('7001')), 400, 2, /^Cannot InitiateTransfer: 7001 is the caller's own phone for agent1\.$/);
    expectRefusal(await w.perform('agent1', id, 'InitiateTransfer', to('7002')), 400, 2, /^Cannot InitiateTransfer 7002: agent2's phone is on do-not-disturb \(DoNotDisturbOff ends it\)\.$/);
    expectRefusal(await w.perform('agent1', id, 'SingleStepTransfer', to('7001')), 400, 2, /^Cannot SingleStepTransfer: 7001 is the caller's own phone for agent1\.$/);
    expectRefusal(await w.perform('agent1', id, 'SingleStepTransfer', to('7002')), 400, 2, /^Cannot SingleStepTransfer 7002: agent2's phone is on do-not-disturb/);
    expectRefusal(await w.perform('agent1', id, 'InitiateTransfer', to('70x2')), 400, 1, /^Invalid parameter 'destination': expected a phone number/);
    expectRefusal(await w.perform('agent1', id, 'InitiateTransfer'), 400, 1, /^Missing required parameter 'destination'/);

    expect(stateOf(w)).toBe(before);
    await toldNothing(w);
  });

  test("during a transfer's consultation: Retrieve of the held original (2), InitiateTransfer or SingleStepTransfer from the consultation call (2), CompleteTransfer by the destination (2)", async () => {
    const w = world();
    const { original, consulter, destination } = await answered(w, await initiated(w));
    const before = stateOf(w);

    expectRefusal(await w.perform('agent1', original.id, 'Retrieve'), 400, 2, new RegExp(`^Cannot Retrieve: a transfer's consultation from or to call ${original.id} is in progress: SwapCalls, CompleteTransfer, or Hangup of the other call first for agent1\\.$`));
    expectRefusal(await w.perform('agent1', consulter.id, 'InitiateTransfer', to('7003')), 400, 2, new RegExp(`^Cannot InitiateTransfer: call ${consulter.id} is itself a consultation: complete it or hang it up first`));
    expectRefusal(await w.perform('agent1', consulter.id, 'SingleStepTransfer', to('7003')), 400, 2, /^Cannot SingleStepTransfer: /);
    expectRefusal(await w.perform('agent2', destination.id, 'CompleteTransfer'), 400, 2, /^Cannot CompleteTransfer: /);
    expectRefusal(await w.perform('agent1', consulter.id, 'Retrieve'), 400, 2, /^Cannot Retrieve: the call is Established for agent1/);

    expect(stateOf(w)).toBe(before);
    await toldNothing(w);
  });
});
