import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld, type World } from '../helpers/operations';
import { CUSTOMER } from '../helpers/transfer';
import { callMessage, established, oneCall, onVoice, type CallShape } from '../helpers/voice';
import { as, CAPABILITIES, consulting } from '../helpers/voice-conference';

/**
 * SingleStepConference (issue 22): the destination is added to agent1's call with the customer,
 * agent1 its owner. Another agent's phone rings with its own call of the call's type; the queue's
 * number 9000 routes it to an agent Ready on voice. Every agent already on the call is told
 * ParticipantsUpdated when it rings and when it answers.
 */
describe.each(TRANSPORTS)('SingleStepConference over %s', (transport: Transport) => {
  const world = useWorld(transport, 'voice');
  const url = () => world().sim.url;

  /** agent1 on a customer's call brings in 7003, who answers: agent1's and agent3's calls, as last told. */
  async function withAgent3(w: World): Promise<{ agent1: CallShape; agent3: CallShape }> {
    const { connId, id } = await established(w, 'agent1');
    const agent1: CallShape = { id, connId, state: 'Established', participants: [CUSTOMER, '7003'], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', capabilities: CAPABILITIES.owner };
    await w.ok('agent1', id, 'SingleStepConference', { destination: { phoneNumber: '7003' } });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', agent1)]);
    const ringing = await oneCall(w, 'agent3');
    const agent3: CallShape = { id: ringing.call.id, connId, state: 'Ringing', participants: [CUSTOMER, '7001'], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', capabilities: CAPABILITIES.ringing, duration: '0' };
    // agent3's own call, of the original's type, on the same connection.
    expect(ringing).toEqual(callMessage(url(), 'agent3', 'StatusChange', agent3));
    expect(agent3.id).not.toBe(id);
    expect(await w.take('agent2')).toEqual([]);

    await w.ok('agent3', agent3.id, 'Answer');
    expect(await w.take('agent3')).toEqual([callMessage(url(), 'agent3', 'StatusChange', as(agent3, 'Established', CAPABILITIES.conference))]);
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', agent1)]);
    return { agent1, agent3: as(agent3, 'Established', CAPABILITIES.conference) };
  }

  test('to 7003: agent1 ParticipantsUpdated (the owner of a conference), agent3 rings (callType of the original); on its Answer agent1 is told ParticipantsUpdated', async () => {
    const w = world();
    const { agent1 } = await withAgent3(w);
    expectRefusal(await w.perform('agent1', agent1.id, 'SingleStepConference', { destination: { phoneNumber: '7003' } }), 400, 2, /agent3 \(7003\) is already on call/);
    expectRefusal(await w.perform('agent1', agent1.id, 'SingleStepConference', { destination: { phoneNumber: '7001' } }), 400, 2, /own phone/);
    expectRefusal(await w.perform('agent1', agent1.id, 'SingleStepConference', { destination: {} }), 400, 1, /phoneNumber/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await w.take(user)).toEqual([]);
  });

  test('to the queue number 9000, with userData: routed to agent2 Ready on voice (Reject offered), every agent on the call told as it rings and as it answers', async () => {
    const w = world();
    await onVoice(w, 'agent2');
    await w.take('agent2');
    const { agent1, agent3 } = await withAgent3(w);
    await w.ok('agent1', agent1.id, 'SingleStepConference', { destination: { phoneNumber: '9000' }, userData: { Reason: 'Escalation' } });
    const userData = { Reason: 'Escalation' };
    const toldAgent1 = callMessage(url(), 'agent1', 'ParticipantsUpdated', { ...agent1, participants: [CUSTOMER, '7003', '7002'], userData });
    const toldAgent3 = callMessage(url(), 'agent3', 'ParticipantsUpdated', { ...agent3, participants: [CUSTOMER, '7001', '7002'], userData });
    expect(await w.take('agent1')).toEqual([toldAgent1]);
    expect(await w.take('agent3')).toEqual([toldAgent3]);
    const ringing = await oneCall(w, 'agent2');
    const agent2: CallShape = { id: ringing.call.id, connId: agent1.connId, state: 'Ringing', participants: [CUSTOMER, '7001', '7003'], ani: CUSTOMER, dnis: '7001', callType: 'Inbound', capabilities: CAPABILITIES.routed, userData, duration: '0' };
    expect(ringing).toEqual(callMessage(url(), 'agent2', 'StatusChange', agent2));

    await w.ok('agent2', agent2.id, 'Answer');
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', as(agent2, 'Established', CAPABILITIES.conference))]);
    expect(await w.take('agent1')).toEqual([toldAgent1]);
    expect(await w.take('agent3')).toEqual([toldAgent3]);
  });

  test("refused on agent1's consultation call (a consultation: complete it or hang it up first)", async () => {
    const w = world();
    const { consultation } = await consulting(w);
    expectRefusal(await w.perform('agent1', consultation.id, 'SingleStepConference', { destination: { phoneNumber: '7003' } }), 400, 2, /is a consultation: complete it or hang it up first/);
    expect(await w.take('agent3')).toEqual([]);
  });
});
