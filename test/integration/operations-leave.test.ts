import { TRANSPORTS, type Transport } from '../helpers/agent';
import { SESSION_ID } from '../helpers/default-fixture';
import { CHATTING, expectRefusal, kinds, LEFT_CHAT, messagesOf, nicknames, useWorld } from '../helpers/operations';

const STATE = 'FacebooksessionStateChangeMessage/';
const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';

describe.each(TRANSPORTS)('Leave and Complete over %s', (transport: Transport) => {
  const world = useWorld(transport);

  test.each(['Leave', 'Complete'])('%s in a conference: the caller is Completed; the other agent sees it leave', async (operation) => {
    expect(await world().ok('agent2', SESSION_ID, operation)).toEqual({ statusCode: 0 });
    const referenceId = world().sim.state().lastReferenceId;

    const caller = await world().take('agent2');
    expect(kinds(caller)).toEqual([`${STATE}StatusChange`]);
    expect(caller[0]).toMatchObject({ referenceId, facebooksession: { id: SESSION_ID, state: 'Completed', capabilities: [] } });

    const others = await world().take('agent1');
    expect(kinds(others)).toEqual([`${NEW_MESSAGES}ParticipantLeft`, `${STATE}ParticipantsUpdated`]);
    expect(messagesOf(others[0])).toEqual([{ type: 'ParticipantLeft', from: 'ConsultingAgent', visibility: 'Agents' }]);
    expect(others[1]).toMatchObject({ referenceId, facebooksession: { state: 'Chatting', capabilities: CHATTING } });
    expect(nicknames(others[1])).toEqual(['VitaliyOnv:All', 'TestName:All']);
    expect(await world().take('agent3')).toEqual([]);

    expect((await world().view('agent2', SESSION_ID)).statusCode).toBe(6);
    // Alone with the customer, agent1 can no longer remove anyone.
    expect((await world().view('agent1', SESSION_ID)).facebooksession).toMatchObject({ state: 'Chatting', capabilities: CHATTING });
  });

  test('Leave alone with the customer: LeftChat, and then Complete makes it Completed', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    await world().ok('agent3', id, 'Leave');
    const left = await world().take('agent3');
    expect(kinds(left)).toEqual([`${STATE}StatusChange`]);
    expect(left[0]).toMatchObject({ referenceId: world().sim.state().lastReferenceId, facebooksession: { state: 'LeftChat', capabilities: LEFT_CHAT } });
    expect(nicknames(left[0])).toEqual(['Alice:All']);
    expect((await world().view('agent3', id)).facebooksession).toMatchObject({ state: 'LeftChat', capabilities: LEFT_CHAT });

    await world().ok('agent3', id, 'Complete', { queueName: 'Done' });
    const completed = await world().take('agent3');
    expect(kinds(completed)).toEqual([`${STATE}StatusChange`]);
    expect(completed[0]).toMatchObject({ referenceId: world().sim.state().lastReferenceId, facebooksession: { state: 'Completed', capabilities: [] } });
    expect((await world().view('agent3', id)).statusCode).toBe(6);
    expect([...(await world().take('agent1')), ...(await world().take('agent2'))]).toEqual([]);
    // No agent is left: the customer can no longer write.
    expectRefusal(await world().customer(id, 'messages', { text: 'Hello?' }), 400, 2, /customer has left/);
  });

  test('Complete while chatting alone: Completed at once, and the customer is left alone', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    await world().ok('agent3', id, 'Complete');
    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([`${STATE}StatusChange`]);
    expect(got[0].facebooksession).toMatchObject({ state: 'Completed', capabilities: [], participants: [expect.objectContaining({ nickname: 'Alice' })] });
    expect((await world().view('agent3', id)).statusCode).toBe(6);
  });

  test('refusals: Leave after leaving and both while Invited (2); on an unknown session (6)', async () => {
    const id = await world().chatting('agent3');
    await world().ok('agent3', id, 'Leave');
    const invited = await world().offer('agent1');
    await world().skip();
    expectRefusal(await world().perform('agent3', id, 'Leave'), 400, 2, /^Cannot Leave: the session is LeftChat for agent3/);
    for (const operation of ['Leave', 'Complete']) {
      expectRefusal(await world().perform('agent1', invited, operation), 400, 2, new RegExp(`^Cannot ${operation}: the session is Invited for agent1`));
      expectRefusal(await world().perform('agent1', 'no-such-session', operation), 404, 6, /no-such-session/);
    }
    expectRefusal(await world().perform('agent3', id, 'Complete', { queueName: '' }), 400, 1, /^Invalid parameter 'queueName'/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent1', invited)).facebooksession).toMatchObject({ state: 'Invited', capabilities: ['Accept', 'Reject'] });
  });
});
