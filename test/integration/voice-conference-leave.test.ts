import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld } from '../helpers/operations';
import { CUSTOMER } from '../helpers/transfer';
import { callMessage, deviceMessage, established, onVoice, USER_STATES } from '../helpers/voice';
import { as, CAPABILITIES, inConference, released } from '../helpers/voice-conference';

/**
 * Leaving a conference of the customer, agent1 (its owner) and agent2 (issue 22): the owner removes
 * a party, any agent clears it for all, a party that hangs up leaves the others connected.
 * agent2 is logged in on voice: it goes into after-call work once its call is over.
 */
describe.each(TRANSPORTS)('leaving a conference over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');
  const url = () => world().sim.url;
  const afterCallWork = () => [deviceMessage(url(), 'agent2', USER_STATES.AfterCallWork), deviceMessage(url(), 'agent2', USER_STATES.Ready)];

  test('RemoveParticipantFromConference of 7002 by its owner: agent2 Released (then after-call work), agent1 ParticipantsUpdated; refused to a non-owner, a number not on the call, the caller itself', async () => {
    const w = world();
    await onVoice(w, 'agent2');
    const { agent1, agent2 } = await inConference(w);
    expectRefusal(await w.perform('agent2', agent2.id, 'RemoveParticipantFromConference', { participant: '7001' }), 400, 2, /only the conference's owner, agent1, may remove/);
    expectRefusal(await w.perform('agent1', agent1.id, 'RemoveParticipantFromConference', { participant: '7003' }), 400, 2, /7003 is not a party of call .*; its parties are \+14155550100, 7001, 7002/);
    expectRefusal(await w.perform('agent1', agent1.id, 'RemoveParticipantFromConference', { participant: '7001' }), 400, 2, /7001 is the caller's own phone: Hangup leaves the conference/);
    expectRefusal(await w.perform('agent1', agent1.id, 'RemoveParticipantFromConference', { participant: 'agent2' }), 400, 1, /participant/);
    expectRefusal(await w.perform('agent1', agent1.id, 'RemoveParticipantFromConference'), 400, 1, /participant/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await w.take(user)).toEqual([]);

    await w.ok('agent1', agent1.id, 'RemoveParticipantFromConference', { participant: '7002' });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', as(agent1, 'Established', CAPABILITIES.established, { participants: [CUSTOMER] }))]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', released(agent2)), ...afterCallWork()]);
    // Two parties left: no conference to remove from or clear.
    expectRefusal(await w.perform('agent1', agent1.id, 'RemoveParticipantFromConference', { participant: CUSTOMER }), 400, 2, /two parties left: Hangup ends it/);
    expectRefusal(await w.perform('agent1', agent1.id, 'ClearCall'), 400, 2, /is not a conference/);
    expectRefusal(await w.perform('agent2', agent2.id, 'Hangup'), 404, 6, /No call/);
  });

  test("RemoveParticipantFromConference of the customer's number: the two agents stay connected, each told ParticipantsUpdated", async () => {
    const w = world();
    const { agent1, agent2 } = await inConference(w);
    await w.ok('agent1', agent1.id, 'RemoveParticipantFromConference', { participant: CUSTOMER });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', as(agent1, 'Established', CAPABILITIES.established, { participants: ['7002'] }))]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'ParticipantsUpdated', as(agent2, 'Established', CAPABILITIES.established, { participants: ['7001'] }))]);
    expectRefusal(await w.customer(agent1.connId, 'hangup'), 400, 2, /is over/);
  });

  test('ClearCall by agent2, not the owner: every party Released, agent2 then into after-call work; refused on a call of two parties', async () => {
    const w = world();
    await onVoice(w, 'agent2');
    const { agent1, agent2 } = await inConference(w);
    await w.ok('agent2', agent2.id, 'ClearCall');
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', released(agent2)), ...afterCallWork()]);
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', released(agent1))]);
    expect(await w.take('agent3')).toEqual([]);
    expectRefusal(await w.customer(agent1.connId, 'hangup'), 400, 2, /is over/);

    const { id } = await established(w, 'agent1');
    expectRefusal(await w.perform('agent1', id, 'ClearCall'), 400, 2, /is not a conference \(Hangup ends a call of two parties\)/);
    expect(await w.take('agent1')).toEqual([]);
  });

  test('agent2 hangs up: agent1 and the customer stay connected (agent1 ParticipantsUpdated); the customer hangs up then: the call is over', async () => {
    const w = world();
    await onVoice(w, 'agent2');
    const { agent1, agent2 } = await inConference(w);
    await w.ok('agent2', agent2.id, 'Hangup');
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', released(agent2)), ...afterCallWork()]);
    const withCustomer = as(agent1, 'Established', CAPABILITIES.established, { participants: [CUSTOMER] });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', withCustomer)]);

    expect((await w.customer(agent1.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', released(withCustomer))]);
    expect(await w.take('agent2')).toEqual([]);
  });

  test('the customer hangs up from the conference (POST /sim/calls/{connId}/hangup): agent1 and agent2 stay connected; then one Hangup ends it for both', async () => {
    const w = world();
    await onVoice(w, 'agent2');
    const { agent1, agent2 } = await inConference(w);
    expect((await w.customer(agent1.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    const agents1 = as(agent1, 'Established', CAPABILITIES.established, { participants: ['7002'] });
    const agents2 = as(agent2, 'Established', CAPABILITIES.established, { participants: ['7001'] });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', agents1)]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'ParticipantsUpdated', agents2)]);
    expectRefusal(await w.customer(agent1.connId, 'hangup'), 400, 2, /is over/);

    await w.ok('agent1', agent1.id, 'Hangup');
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', released(agents1))]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', released(agents2)), ...afterCallWork()]);
  });

  test('the customer hangs up while agent1 holds the conference: agent1 told ParticipantsUpdated, still Held; agent2 too; Retrieve then talks with agent2', async () => {
    const w = world();
    const { agent1, agent2 } = await inConference(w);
    await w.ok('agent1', agent1.id, 'Hold');
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', as(agent1, 'Held', CAPABILITIES.heldConference))]);
    expect(await w.take('agent2')).toEqual([]);

    expect((await w.customer(agent1.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    const heldWith2 = as(agent1, 'Held', CAPABILITIES.held, { participants: ['7002'] });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', heldWith2)]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'ParticipantsUpdated', as(agent2, 'Established', CAPABILITIES.established, { participants: ['7001'] }))]);
    await w.ok('agent1', agent1.id, 'Retrieve');
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', as(heldWith2, 'Established', CAPABILITIES.established))]);
  });
});
