import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld } from '../helpers/operations';
import { CUSTOMER } from '../helpers/transfer';
import { callMessage } from '../helpers/voice';
import { as, CAPABILITIES, consulting, released } from '../helpers/voice-conference';

/**
 * The two-step conference (issue 22): InitiateConference holds the customer's call and dials a
 * consultation call; CompleteConference, posted to either of the initiator's calls, releases the
 * consultation first, then every party is told ParticipantsUpdated on the original connection.
 */
describe.each(TRANSPORTS)('a two-step conference over %s: every party told each step', (transport: Transport) => {
  const world = useWorld(transport, 'voice');
  const url = () => world().sim.url;

  test('InitiateConference: the original Held (no extensions), the consultation Dialing (Consult, parentCallUri), agent2 rung; Answer connects the consultation', async () => {
    const w = world();
    const { original, consultation, consulted, told } = await consulting(w);
    const dialing = { ...consultation, state: 'Dialing', capabilities: CAPABILITIES.consultDialing, duration: '0' };
    expect(told.agent1).toEqual([
      callMessage(url(), 'agent1', 'StatusChange', original, false),
      callMessage(url(), 'agent1', 'StatusChange', dialing),
      callMessage(url(), 'agent1', 'StatusChange', consultation),
    ]);
    expect(told.agent2).toEqual([
      callMessage(url(), 'agent2', 'StatusChange', { ...consulted, state: 'Ringing', capabilities: CAPABILITIES.ringing, duration: '0' }),
      callMessage(url(), 'agent2', 'StatusChange', consulted),
    ]);
    // A connection of its own, each agent its own call id; agent2 is not told of agent1's original.
    expect(consultation.connId).not.toBe(original.connId);
    expect(new Set([original.id, consultation.id, consulted.id]).size).toBe(3);
    expect(told.agent2[0].call).not.toHaveProperty('parentCallUri');
    expect(await w.take('agent3')).toEqual([]);
  });

  test.each([
    ['the consultation call', 'consultation'],
    ['the held original', 'original'],
  ] as const)('CompleteConference posted to %s: the consultation Released first, then ParticipantsUpdated on the original connId for both agents', async (_, on) => {
    const w = world();
    const calls = await consulting(w);
    const { original, consultation, consulted } = calls;
    await w.ok('agent1', calls[on].id, 'CompleteConference');
    expect(await w.take('agent1')).toEqual([
      // The page's first notification: the consultation Released, still listing 7002, with its parent.
      callMessage(url(), 'agent1', 'StatusChange', released(consultation)),
      callMessage(url(), 'agent1', 'ParticipantsUpdated', as(original, 'Established', CAPABILITIES.owner, { participants: [CUSTOMER, '7002'] })),
    ]);
    // agent2 keeps its call id (and its callType), now on the original's connection.
    expect(await w.take('agent2')).toEqual([
      callMessage(url(), 'agent2', 'ParticipantsUpdated', as(consulted, 'Established', CAPABILITIES.conference, { connId: original.connId, ani: CUSTOMER, dnis: '7001', participants: [CUSTOMER, '7001'] })),
    ]);
    expect(await w.take('agent3')).toEqual([]);

    // Done once: neither call offers it again.
    expectRefusal(await w.perform('agent1', original.id, 'CompleteConference'), 400, 2, /no consultation is in progress/);
    expectRefusal(await w.perform('agent1', consultation.id, 'CompleteConference'), 404, 6, /No call/);
  });

  test('CompleteConference while agent2 still rings: agent2 rings on the original connection, and its Answer tells agent1 ParticipantsUpdated', async () => {
    const w = world();
    const { original, consultation, consulted } = await consulting(w, false);
    await w.ok('agent1', consultation.id, 'CompleteConference');
    const conference = as(original, 'Established', CAPABILITIES.owner, { participants: [CUSTOMER, '7002'] });
    expect(await w.take('agent1')).toEqual([
      // The consultation still lists the number it rang (as CompleteTransfer's).
      callMessage(url(), 'agent1', 'StatusChange', released(consultation)),
      callMessage(url(), 'agent1', 'ParticipantsUpdated', conference),
    ]);
    const ringing = { ...consulted, connId: original.connId, ani: CUSTOMER, dnis: '7001', participants: [CUSTOMER, '7001'] };
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'ParticipantsUpdated', ringing)]);

    await w.ok('agent2', consulted.id, 'Answer');
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', as(ringing, 'Established', CAPABILITIES.conference))]);
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'ParticipantsUpdated', conference)]);
  });

  test("CompleteConference with a consultCallUri: the consultation call's uri completes it; another call's path is refused (statusCode 1), nothing told", async () => {
    const w = world();
    const { original, consultation } = await consulting(w);
    expectRefusal(await w.perform('agent1', original.id, 'CompleteConference', { consultCallUri: `/calls/${original.id}` }), 400, 1, /is not agent1's consultation call/);
    expect(await w.take('agent1')).toEqual([]);
    await w.ok('agent1', original.id, 'CompleteConference', { consultCallUri: `${url()}/api/v2/me/calls/${consultation.id}` });
    expect((await w.take('agent1')).map((n) => `${n.notificationType}:${n.call.id}:${n.call.state}`)).toEqual([
      `StatusChange:${consultation.id}:Released`,
      `ParticipantsUpdated:${original.id}:Established`,
    ]);
  });

  test("CompleteConference is agent1's alone: agent2 (consulted) is refused, and a transfer's completion is not a conference's", async () => {
    const w = world();
    const { original, consulted } = await consulting(w);
    expectRefusal(await w.perform('agent2', consulted.id, 'CompleteConference'), 400, 2, /no consultation is in progress/);
    // The held original of a conference's consultation offers CompleteConference only.
    expectRefusal(await w.perform('agent1', original.id, 'CompleteTransfer'), 400, 2, /initiated for a conference/);
    expect(await w.take('agent1')).toEqual([]);
    expect(await w.take('agent2')).toEqual([]);
  });
});
