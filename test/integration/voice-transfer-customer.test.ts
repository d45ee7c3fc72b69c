import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld } from '../helpers/operations';
import { rest } from '../helpers/rest';
import { answered, CAPABILITIES, CUSTOMER, initiated, toldNothing } from '../helpers/transfer';
import { callMessage, deviceMessage, established, onVoice, USER_STATES } from '../helpers/voice';

const released = { state: 'Released', capabilities: CAPABILITIES.released, duration: undefined };

describe.each(TRANSPORTS)('the customer hangs up during a transfer, over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('during the consultation: the original Released for agent1 (no after-call work yet); the consultation goes on as a plain call; CompleteTransfer refused (2)', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const { original, consulter, destination } = await answered(w, await initiated(w));
    expect((await w.customer(original.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, ...released })]);
    await toldNothing(w, ['agent2', 'agent3']);

    // The consultation is a plain call now: no completion, no swap; it still names the call it came from.
    const plain = { ...consulter, capabilities: CAPABILITIES.established };
    const shown = await rest(w.sim.url).get(`/api/v2/me/calls/${consulter.id}`, { user: 'agent1', password: 'agent1' });
    expect(shown.body).toEqual({ statusCode: 0, call: callMessage(w.sim.url, 'agent1', 'StatusChange', plain).call });
    expectRefusal(await w.perform('agent1', consulter.id, 'CompleteTransfer'), 400, 2, new RegExp(`^Cannot CompleteTransfer: no consultation is in progress from or to call ${consulter.id} \\(InitiateTransfer`));
    expectRefusal(await w.perform('agent1', consulter.id, 'SwapCalls', { otherCallUri: original.id }), 400, 2, /no other call to swap with/);

    // agent1 and agent2 talk on, until agent1 hangs up: both Released, agent1 into after-call work now.
    await w.ok('agent1', consulter.id, 'Hangup');
    expect(await w.take('agent1')).toEqual([
      callMessage(w.sim.url, 'agent1', 'StatusChange', { ...plain, ...released }),
      deviceMessage(w.sim.url, 'agent1', USER_STATES.AfterCallWork),
      deviceMessage(w.sim.url, 'agent1', USER_STATES.Ready),
    ]);
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...destination, ...released })]);
  });

  test('while the consultation still rings: the original Released for agent1; agent2 answers the consultation, a plain call between the agents', async () => {
    const w = world();
    const { original, consulter, destination } = await initiated(w);
    await w.customer(original.connId, 'hangup');
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...original, ...released })]);
    expect(await w.take('agent2')).toEqual([]);

    await w.ok('agent2', destination.id, 'Answer');
    const talking = { state: 'Established', duration: undefined };
    expect(await w.take('agent2')).toEqual([callMessage(w.sim.url, 'agent2', 'StatusChange', { ...destination, ...talking, capabilities: CAPABILITIES.established })]);
    expect(await w.take('agent1')).toEqual([callMessage(w.sim.url, 'agent1', 'StatusChange', { ...consulter, ...talking, capabilities: CAPABILITIES.established })]);
  });

  test('while agent1 holds the call (no consultation): Released, then after-call work', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    await w.skip();
    const { connId, id } = await established(w, 'agent1', CUSTOMER);
    await w.ok('agent1', id, 'Hold');
    await w.take('agent1');
    await w.customer(connId, 'hangup');
    expect(await w.take('agent1')).toEqual([
      callMessage(w.sim.url, 'agent1', 'StatusChange', { id, connId, participants: [CUSTOMER], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', ...released }),
      deviceMessage(w.sim.url, 'agent1', USER_STATES.AfterCallWork),
      deviceMessage(w.sim.url, 'agent1', USER_STATES.Ready),
    ]);
    await toldNothing(w, ['agent2', 'agent3']);
  });
});
