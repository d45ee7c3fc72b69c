import { TRANSPORTS, type Transport } from '../helpers/agent';
import { AGENT3_ID, SESSION_ID } from '../helpers/default-fixture';
import { CHATTING, expectRefusal, kinds, messagesOf, nicknames, useWorld } from '../helpers/operations';

const STATE = 'FacebooksessionStateChangeMessage/';
const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';

describe.each(TRANSPORTS)('Offer, Accept and Reject over %s', (transport: Transport) => {
  const world = useWorld(transport);

  test('Offer: the offered agent alone sees the new session Invited, with Accept and Reject', async () => {
    const answer = await world().customer(undefined, '', { offerTo: 'agent3', customer: 'Alice', text: 'Hi' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ statusCode: 0, id: expect.stringMatching(/^gws-sim-/) });
    const id = answer.body.id as string;

    const [invited] = await world().take('agent3');
    expect(kinds([invited])).toEqual([`${STATE}StatusChange`]);
    expect(invited.referenceId).toBeUndefined(); // the customer's action answers no request of the agent
    expect(invited.facebooksession).toMatchObject({ id, state: 'Invited', capabilities: ['Accept', 'Reject'], userData: { FromAddress: 'Alice' } });
    expect(nicknames(invited)).toEqual(['Alice:All']);
    expect(await world().take('agent3')).toEqual([]);
    expect(await world().take('agent1')).toEqual([]);
    expect(await world().take('agent2')).toEqual([]);

    expect((await world().view('agent3', id)).facebooksession).toMatchObject({ state: 'Invited', capabilities: ['Accept', 'Reject'] });
    expect((await world().view('agent1', id)).statusCode).toBe(6); // not offered to agent1
  });

  test('Accept of an arrival: the caller gets Chatting, the participants and the whole log', async () => {
    const id = await world().offer('agent3', 'Hi');
    await world().skip();
    expect(await world().ok('agent3', id, 'Accept', { nickname: 'Agent Three' })).toEqual({ statusCode: 0 });

    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([`${STATE}StatusChange`, `${STATE}ParticipantsUpdated`, `${NEW_MESSAGES}ParticipantJoined,Text,ParticipantJoined`]);
    const referenceId = world().sim.state().lastReferenceId;
    expect(got.slice(0, 2).map((n) => n.referenceId)).toEqual([referenceId, referenceId]);
    for (const n of got.slice(0, 2)) expect(n.facebooksession).toMatchObject({ id, state: 'Chatting', capabilities: CHATTING });
    expect(nicknames(got[1])).toEqual(['Alice:All', 'Agent Three:All']);
    expect(messagesOf(got[2])).toEqual([
      { type: 'ParticipantJoined', from: 'Alice', visibility: 'All' },
      { type: 'Text', from: 'Alice', text: 'Hi', visibility: 'All' },
      { type: 'ParticipantJoined', from: 'Agent Three', visibility: 'All' },
    ]);
    expect(await world().take('agent1')).toEqual([]);
    expect(await world().take('agent2')).toEqual([]);
    expect((await world().view('agent3', id)).facebooksession).toMatchObject({ state: 'Chatting', capabilities: CHATTING });
  });

  test('Accept of a consultation: the agents already there see the consultant join, visible to Agents', async () => {
    const consulted = await world().ok('agent1', SESSION_ID, 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    await world().skip();
    await world().ok('agent3', SESSION_ID, 'Accept');

    const caller = await world().take('agent3');
    expect(kinds(caller)).toEqual([`${STATE}StatusChange`, `${STATE}ParticipantsUpdated`, expect.stringMatching(/ParticipantJoined$/)]);
    expect(caller[0].referenceId).toBe(consulted.referenceId + 1);
    expect(caller[0].facebooksession.state).toBe('Chatting');
    // A consultant, not seen by the customer, hands nothing over and removes nobody.
    expect(caller[0].facebooksession.capabilities).toEqual(CHATTING.filter((c) => c !== 'Transfer'));
    expect(nicknames(caller[1])).toEqual(['VitaliyOnv:All', 'TestName:All', 'ConsultingAgent:Agents', 'IdleAgent:Agents']);
    expect(messagesOf(caller[2]).at(-1)).toEqual({ type: 'ParticipantJoined', from: 'IdleAgent', visibility: 'Agents' });

    for (const user of ['agent1', 'agent2'] as const) {
      const others = await world().take(user);
      expect(kinds(others)).toEqual([`${STATE}ParticipantsUpdated`, `${NEW_MESSAGES}ParticipantJoined`]);
      expect(others[0].referenceId).toBe(caller[0].referenceId);
      expect(others[0].facebooksession.state).toBe('Chatting');
      expect(nicknames(others[0])).toEqual(nicknames(caller[1]));
      expect(messagesOf(others[1])).toEqual([{ type: 'ParticipantJoined', from: 'IdleAgent', visibility: 'Agents' }]);
    }
    expect((await world().view('agent1', SESSION_ID)).facebooksession.capabilities).toContain('RemoveParticipantFromConference');
    expect((await world().view('agent3', SESSION_ID)).facebooksession).toMatchObject({ state: 'Chatting' });
  });

  test('Reject: the caller sees the session Completed with no participants, and it is no longer its own', async () => {
    const id = await world().offer('agent3');
    await world().skip();
    expect(await world().ok('agent3', id, 'Reject')).toEqual({ statusCode: 0 });

    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([`${STATE}StatusChange`]);
    expect(got[0].referenceId).toBe(world().sim.state().lastReferenceId);
    expect(got[0].facebooksession).toMatchObject({ id, state: 'Completed', capabilities: [], participants: [] });
    expect(await world().take('agent1')).toEqual([]);
    expect(await world().take('agent2')).toEqual([]);
    expect((await world().view('agent3', id)).statusCode).toBe(6);
    // Offered again, it can be accepted.
    await world().customer(undefined, '', { offerTo: 'agent3', customer: 'Bob' });
    expect(kinds(await world().take('agent3'))).toEqual([`${STATE}StatusChange`]);
  });

  test('refusals: Accept and Reject once chatting (2), of an unknown session (6), an offer to nobody (1)', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    expectRefusal(await world().perform('agent3', id, 'Accept'), 400, 2, /^Cannot Accept: the session is Chatting for agent3.*Allowed now: SendMessage/);
    expectRefusal(await world().perform('agent3', id, 'Reject'), 400, 2, /^Cannot Reject: the session is Chatting for agent3/);
    expectRefusal(await world().perform('agent3', 'no-such-session', 'Accept'), 404, 6, /no-such-session/);
    expectRefusal(await world().perform('agent1', id, 'Accept'), 404, 6, /not one of its participants/);
    expectRefusal(await world().customer(undefined, '', { offerTo: 'nobody' }), 400, 1, /'offerTo'.*no user 'nobody'/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent3', id)).facebooksession).toMatchObject({ state: 'Chatting', capabilities: CHATTING });
  });
});
