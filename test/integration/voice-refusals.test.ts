import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, USERS, useWorld, type World } from '../helpers/operations';
import { dial, DEVICES, oneCall, onDevice } from '../helpers/voice';

/** What a refusal must leave as it was: the calls and the agents' channels, as GET /sim/state shows them. */
const stateOf = (w: World) => JSON.stringify([w.sim.state().calls, w.sim.state().users, w.sim.state().waiting, w.sim.state().lastReferenceId]);

describe.each(TRANSPORTS)('voice refusals over REST, %s: the GWS answer, nobody told, nothing changed', (transport: Transport) => {
  const world = useWorld(transport, 'voice');

  test('a state not allowed (2), a bad parameter (1), an unknown call, another agent\'s call, a device not the caller\'s (6)', async () => {
    const w = world();
    await dial(w, 'agent1', '7002');
    const caller = (await oneCall(w, 'agent1')).call;
    const callee = (await oneCall(w, 'agent2')).call;
    const before = stateOf(w);

    expectRefusal(await w.perform('agent1', caller.id, 'Hold'), 400, 2, /^Cannot Hold: the call is Dialing for agent1, and Hold is not allowed there\. Allowed now: SendDtmf, DeleteUserData, AttachUserData, DeleteUserDataPair, Hangup, UpdateUserData\.$/);
    expectRefusal(await w.perform('agent2', callee.id, 'Reject'), 400, 2, /^Cannot Reject: only a call delivered through a queue can be rejected/);
    expectRefusal(await w.perform('agent2', callee.id, 'Hold'), 400, 2, /^Cannot Hold: the call is Ringing for agent2.*Allowed now: Answer, /);
    expectRefusal(await w.perform('agent1', caller.id, 'SendDtmf', { digits: 'x' }), 400, 1, /^Invalid parameter 'digits'/);
    expectRefusal(await w.perform('agent1', caller.id, 'DeleteUserDataPair'), 400, 1, /^Missing required parameter 'key'/);
    expectRefusal(await w.perform('agent1', caller.id, 'Accept'), 400, 1, /^Unknown operationName 'Accept' for a call/);
    expectRefusal(await w.perform('agent1', 'no-such-call', 'Hangup'), 404, 6, /^No call no-such-call\.$/);
    expectRefusal(await w.perform('agent1', callee.id, 'Hangup'), 404, 6, new RegExp(`^No call ${callee.id}\\.$`));
    expectRefusal(await w.perform('agent3', caller.id, 'Hangup'), 404, 6, new RegExp(`^No call ${caller.id}\\.$`));
    expectRefusal(await dial(w, 'agent1', '7003', {}, DEVICES.agent2.id), 404, 6, /^No device .* for agent1: its device is /);
    expectRefusal(await onDevice(w, 'agent1', 'DoNotDisturbOn', DEVICES.agent3.id), 404, 6, /^No device .* for agent1/);
    expectRefusal(await dial(w, 'agent1', '7001'), 400, 2, /own phone/);

    expect(stateOf(w)).toBe(before);
    for (const user of USERS) expect([user, await w.take(user)]).toEqual([user, []]);
  });
});
