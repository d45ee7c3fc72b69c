import { TRANSPORTS, type Transport } from '../helpers/agent';
import { AGENT1_ID, AGENT2_ID, AGENT3_ID, SESSION_ID } from '../helpers/default-fixture';
import { CHATTING, expectRefusal, kinds, LEFT_CHAT, messagesOf, nicknames, useWorld } from '../helpers/operations';

const STATE = 'FacebooksessionStateChangeMessage/';
const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';
const TO_AGENT3 = { targetPath: `/users/${AGENT3_ID}` };
const SEED_PARTICIPANTS = ['VitaliyOnv:All', 'TestName:All', 'ConsultingAgent:Agents'];

describe.each(TRANSPORTS)('Consult, Transfer and RemoveParticipantFromConference over %s', (transport: Transport) => {
  const world = useWorld(transport);

  test.each(['Consult', 'Transfer'])('%s: the answer carries the referenceId; only the target is told, Invited', async (operation) => {
    const answer = await world().ok('agent1', SESSION_ID, operation, { targetUri: `${world().sim.url}/api/v2/users/${AGENT3_ID}` });
    expect(answer).toEqual({ statusCode: 0, referenceId: world().sim.state().lastReferenceId });

    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([`${STATE}StatusChange`]);
    expect(got[0].referenceId).toBe(answer.referenceId);
    expect(got[0].facebooksession).toMatchObject({ id: SESSION_ID, state: 'Invited', capabilities: ['Accept', 'Reject'] });
    // A consultant shows among the participants from its invitation on (as the chat Consult page shows).
    expect(nicknames(got[0])).toEqual(operation === 'Consult' ? [...SEED_PARTICIPANTS, 'IdleAgent:Agents'] : SEED_PARTICIPANTS);
    expect(await world().take('agent1')).toEqual([]);
    expect(await world().take('agent2')).toEqual([]);
    expect((await world().view('agent3', SESSION_ID)).facebooksession).toMatchObject({ state: 'Invited', capabilities: ['Accept', 'Reject'] });
    expect((await world().view('agent1', SESSION_ID)).facebooksession.state).toBe('Chatting');
  });

  test('Transfer then Accept: the target takes over, visible to All; the transferrer is Completed and gone', async () => {
    await world().ok('agent1', SESSION_ID, 'Transfer', TO_AGENT3);
    await world().skip();
    await world().ok('agent3', SESSION_ID, 'Accept');
    const referenceId = world().sim.state().lastReferenceId;

    const caller = await world().take('agent3');
    expect(kinds(caller)).toEqual([`${STATE}StatusChange`, `${STATE}ParticipantsUpdated`, expect.stringMatching(/ParticipantJoined,ParticipantLeft$/)]);
    expect(caller[0].facebooksession).toMatchObject({ state: 'Chatting', capabilities: expect.arrayContaining(['Transfer', 'RemoveParticipantFromConference']) });
    expect(nicknames(caller[1])).toEqual(['VitaliyOnv:All', 'ConsultingAgent:Agents', 'IdleAgent:All']);
    expect(messagesOf(caller[2]).slice(-2)).toEqual([
      { type: 'ParticipantJoined', from: 'IdleAgent', visibility: 'All' },
      { type: 'ParticipantLeft', from: 'TestName', visibility: 'All' },
    ]);

    const transferrer = await world().take('agent1');
    expect(kinds(transferrer)).toEqual([`${STATE}StatusChange`]);
    expect(transferrer[0]).toMatchObject({ referenceId, facebooksession: { state: 'Completed', capabilities: [] } });

    const others = await world().take('agent2');
    expect(kinds(others)).toEqual([`${STATE}ParticipantsUpdated`, `${NEW_MESSAGES}ParticipantJoined,ParticipantLeft`]);
    expect(others[0].referenceId).toBe(referenceId);
    expect(nicknames(others[0])).toEqual(nicknames(caller[1]));

    expect((await world().view('agent1', SESSION_ID)).statusCode).toBe(6);
    expect((await world().view('agent3', SESSION_ID)).facebooksession.state).toBe('Chatting');
  });

  test('RemoveParticipantFromConference: the Notice and ParticipantLeft to agents; the removed agent is Completed', async () => {
    expect(await world().ok('agent1', SESSION_ID, 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT2_ID}` })).toEqual({ statusCode: 0 });
    const referenceId = world().sim.state().lastReferenceId;

    const caller = await world().take('agent1');
    expect(kinds(caller)).toEqual([`${NEW_MESSAGES}Notice`, `${STATE}ParticipantsUpdated`, `${NEW_MESSAGES}ParticipantLeft`]);
    expect(messagesOf(caller[0])).toEqual([{ type: 'Notice', from: 'TestName', text: `REMOVE_PARTICIPANT_FROM_CONFERENCE${AGENT2_ID}`, visibility: 'Agents' }]);
    // The shipped stream keeps GWS's documented page: the session's stored capabilities ([]), not the caller's.
    expect(caller[1]).toMatchObject({ referenceId, facebooksession: { state: 'Chatting', capabilities: [] } });
    expect(nicknames(caller[1])).toEqual(['VitaliyOnv:All', 'TestName:All']);
    expect(messagesOf(caller[2])).toEqual([{ type: 'ParticipantLeft', from: 'ConsultingAgent', visibility: 'Agents' }]);

    const target = await world().take('agent2');
    expect(kinds(target)).toEqual([`${STATE}StatusChange`, `${NEW_MESSAGES}ParticipantLeft`, `${STATE}StatusChange`, `${STATE}StatusChange`]);
    expect(target.filter((n) => n.facebooksession).map((n) => n.facebooksession.state)).toEqual(['Chatting', 'LeftChat', 'Completed']);
    expect(target.at(-1).facebooksession.capabilities).toEqual([]);
    expect(await world().take('agent3')).toEqual([]);

    expect((await world().view('agent1', SESSION_ID)).facebooksession).toMatchObject({ state: 'Chatting', capabilities: CHATTING });
    expect((await world().view('agent2', SESSION_ID)).statusCode).toBe(6);
  });

  test('refusals: the consultant may not remove nor transfer (3); a busy target (2); no such user (1); unknown session (6)', async () => {
    expectRefusal(await world().perform('agent2', SESSION_ID, 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT1_ID}` }), 403, 3, /visibility is Agents.*agent1/);
    expectRefusal(await world().perform('agent2', SESSION_ID, 'Transfer', TO_AGENT3), 403, 3, /^Cannot Transfer: the caller's visibility is Agents/);
    expectRefusal(await world().perform('agent1', SESSION_ID, 'Consult', { targetPath: `/users/${AGENT2_ID}` }), 400, 2, /^Cannot Consult: agent2 is already a participant/);
    expectRefusal(await world().perform('agent1', SESSION_ID, 'Transfer', { targetPath: '/users/nobody' }), 400, 1, /no user nobody/);
    expectRefusal(await world().perform('agent1', SESSION_ID, 'Consult', {}), 400, 1, /^Missing required parameter 'targetUri'/);
    for (const operation of ['Consult', 'Transfer', 'RemoveParticipantFromConference']) {
      expectRefusal(await world().perform('agent1', 'no-such-session', operation, TO_AGENT3), 404, 6, /no-such-session/);
    }
    await world().ok('agent1', SESSION_ID, 'Consult', TO_AGENT3);
    expectRefusal(await world().perform('agent1', SESSION_ID, 'Transfer', TO_AGENT3), 400, 2, /agent3 is already invited/);
    await world().skip();
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
  });

  test('refusals in a state they are not allowed in (2): invited, or after leaving the chat', async () => {
    await world().ok('agent1', SESSION_ID, 'Consult', TO_AGENT3);
    for (const operation of ['Consult', 'Transfer', 'RemoveParticipantFromConference']) {
      expectRefusal(await world().perform('agent3', SESSION_ID, operation, { targetPath: `/users/${AGENT2_ID}` }), 400, 2, new RegExp(`^Cannot ${operation}: the session is Invited for agent3`));
    }
    const alone = await world().chatting('agent2');
    await world().ok('agent2', alone, 'Leave');
    await world().skip();
    for (const operation of ['Consult', 'Transfer', 'RemoveParticipantFromConference']) {
      expectRefusal(await world().perform('agent2', alone, operation, TO_AGENT3), 400, 2, new RegExp(`^Cannot ${operation}: the session is LeftChat for agent2.*Allowed now: ${LEFT_CHAT.join(', ')}\\.$`));
    }
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent2', alone)).facebooksession).toMatchObject({ state: 'LeftChat', capabilities: LEFT_CHAT });
  });
});
