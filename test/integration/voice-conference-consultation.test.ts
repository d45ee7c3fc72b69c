import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, useWorld } from '../helpers/operations';
import { rest } from '../helpers/rest';
import { callMessage, deviceMessage, onVoice, USER_STATES } from '../helpers/voice';
import { as, CAPABILITIES, consulting, released } from '../helpers/voice-conference';

/**
 * A conference's consultation before it is completed (issue 22): agent1 holds the customer's call
 * and talks with agent2 on its consultation call. Retrieve of the held original swaps the two
 * calls (the InitiateConference page offers Retrieve there, not SwapCalls); the customer who hangs
 * up ends the original only, and the consultation goes on as a plain call.
 */
describe.each(TRANSPORTS)("a conference's consultation over %s", (transport: Transport) => {
  const world = useWorld(transport, 'voice');
  const url = () => world().sim.url;

  test('Retrieve on the held original swaps: the original Established first, then the consultation Held; SwapCalls is refused there; Retrieve of the consultation swaps back', async () => {
    const w = world();
    const { original, consultation } = await consulting(w);
    expect(original.capabilities).toContain('Retrieve');
    expect(original.capabilities).not.toContain('SwapCalls');
    expectRefusal(await w.perform('agent1', original.id, 'SwapCalls', { otherCallUri: consultation.id }), 400, 2, /is held in a conference's consultation .*Retrieve swaps there/);
    expect(await w.take('agent1')).toEqual([]);

    await w.ok('agent1', original.id, 'Retrieve');
    const heldConsultation = as(consultation, 'Held', CAPABILITIES.consultHeld);
    expect(await w.take('agent1')).toEqual([
      callMessage(url(), 'agent1', 'StatusChange', as(original, 'Established', CAPABILITIES.retrieved)),
      callMessage(url(), 'agent1', 'StatusChange', heldConsultation),
    ]);
    // agent2, on the consultation, is not told of agent1's hold.
    expect(await w.take('agent2')).toEqual([]);
    expectRefusal(await w.perform('agent1', consultation.id, 'SwapCalls', { otherCallUri: original.id }), 400, 2, /Retrieve swaps there/);

    await w.ok('agent1', consultation.id, 'Retrieve');
    expect(await w.take('agent1')).toEqual([
      callMessage(url(), 'agent1', 'StatusChange', consultation),
      callMessage(url(), 'agent1', 'StatusChange', as(original, 'Held', CAPABILITIES.heldConferencing)),
    ]);
    expect(await w.take('agent2')).toEqual([]);
  });

  test('SwapCalls from the retrieved original (the SwapCalls page): the consultation Established first, then the original Held; CompleteConference from there', async () => {
    const w = world();
    const { original, consultation } = await consulting(w);
    await w.ok('agent1', original.id, 'Retrieve');
    await w.take('agent1');
    await w.ok('agent1', original.id, 'SwapCalls', { otherCallUri: `/calls/${consultation.id}` });
    expect(await w.take('agent1')).toEqual([
      callMessage(url(), 'agent1', 'StatusChange', consultation),
      callMessage(url(), 'agent1', 'StatusChange', as(original, 'Held', CAPABILITIES.heldConferencing)),
    ]);
    await w.ok('agent1', consultation.id, 'CompleteConference');
    expect((await w.take('agent1')).map((n) => `${n.notificationType}:${n.call.id}:${n.call.state}`)).toEqual([
      `StatusChange:${consultation.id}:Released`,
      `ParticipantsUpdated:${original.id}:Established`,
    ]);
  });

  test('the customer hangs up before CompleteConference: the original Released for agent1 (no after-call work: it is on the consultation), agent2 untold; the consultation goes on as a plain call; CompleteConference refused', async () => {
    const w = world();
    await onVoice(w, 'agent1');
    const { original, consultation, consulted } = await consulting(w);
    expect((await w.customer(original.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', released(original))]);
    expect(await w.take('agent2')).toEqual([]);

    expectRefusal(await w.perform('agent1', consultation.id, 'CompleteConference'), 400, 2, /no consultation is in progress from or to call/);
    expectRefusal(await w.perform('agent1', original.id, 'CompleteConference'), 404, 6, /No call/);
    expectRefusal(await w.perform('agent1', consultation.id, 'SwapCalls', { otherCallUri: original.id }), 400, 2, /no other call to swap with/);
    // A plain call between the two agents now: what it offers is a two-party call's.
    const now = await rest(url()).get(`/api/v2/me/calls/${consultation.id}`, { user: 'agent1', password: 'agent1' });
    expect(now.body).toEqual({ statusCode: 0, call: expect.objectContaining({ state: 'Established', connId: consultation.connId, capabilities: CAPABILITIES.established }) });
    expect(await w.take('agent1')).toEqual([]);

    await w.ok('agent1', consultation.id, 'Hangup');
    expect(await w.take('agent1')).toEqual([
      callMessage(url(), 'agent1', 'StatusChange', released(consultation)),
      deviceMessage(url(), 'agent1', USER_STATES.AfterCallWork),
      deviceMessage(url(), 'agent1', USER_STATES.Ready),
    ]);
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', released(consulted))]);
  });

  test('the customer hangs up while agent2 still rings: the consultation keeps ringing, and agent2 answers a plain call', async () => {
    const w = world();
    const { original, consultation, consulted } = await consulting(w, false);
    expect((await w.customer(original.connId, 'hangup')).body).toEqual({ statusCode: 0 });
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', released(original))]);
    expect(await w.take('agent2')).toEqual([]);
    await w.ok('agent2', consulted.id, 'Answer');
    expect(await w.take('agent2')).toEqual([callMessage(url(), 'agent2', 'StatusChange', as(consulted, 'Established', CAPABILITIES.established))]);
    expect(await w.take('agent1')).toEqual([callMessage(url(), 'agent1', 'StatusChange', as(consultation, 'Established', CAPABILITIES.established))]);
  });
});
