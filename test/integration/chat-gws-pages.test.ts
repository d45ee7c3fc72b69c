import { TRANSPORTS, type Transport } from '../helpers/agent';
import { expectRefusal, kinds, messagesOf, nicknames, useWorld } from '../helpers/operations';

const STATE = 'ChatStateChangeMessage/';
const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';

/** The chat operations and parameters as GWS's chat pages show them. */
describe.each(TRANSPORTS)('chats as the GWS pages show them, over %s', (transport: Transport) => {
  const world = useWorld(transport, 'chat');

  test('a CustomNotice carries noticeText; the notices and typing to Agents are seen by the agents alone; the history is numbered from 1', async () => {
    const id = await world().chatting('agent3');
    const history = await world().take('agent3');
    expect(history.at(-1).messages.map((m: { index: number }) => m.index)).toEqual([1, 2, 3]);
    await world().ok('agent3', id, 'SendCustomNotice', { noticeText: 'Survey sent' });
    await world().ok('agent3', id, 'SendCustomNoticeToAgents', { noticeText: 'VIP customer' });
    await world().ok('agent3', id, 'SendStartTypingToAgentsNotification', { text: 'Ch', messageType: 'Text', treatAs: 'Normal' });
    await world().ok('agent3', id, 'SendStopTypingToAgentsNotification');
    const told = await world().take('agent3');
    expect(kinds(told)).toEqual([`${NEW_MESSAGES}CustomNotice`, `${NEW_MESSAGES}CustomNotice`, `${NEW_MESSAGES}TypingStarted`, `${NEW_MESSAGES}TypingStopped`]);
    expect(told.map((n) => messagesOf(n)[0])).toEqual([
      { type: 'CustomNotice', from: 'IdleAgent', noticeText: 'Survey sent', visibility: 'All' },
      { type: 'CustomNotice', from: 'IdleAgent', noticeText: 'VIP customer', visibility: 'Agents' },
      { type: 'TypingStarted', from: 'IdleAgent', text: 'Ch', visibility: 'Agents' },
      { type: 'TypingStopped', from: 'IdleAgent', visibility: 'Agents' },
    ]);
    expect(told.map((n) => n.messages[0].index)).toEqual([4, 5, 6, 7]);
    expectRefusal(await world().perform('agent3', id, 'SendCustomNoticeToAgents', { text: 'x' }), 400, 1, /^Missing required parameter 'noticeText'/);
    expectRefusal(await world().perform('agent3', id, 'SendStartTypingToAgentsNotification', { treatAs: 'Loud' }), 400, 1, /^Invalid parameter 'treatAs'/);
  });

  test('SendNicknameUpdatedNotice: a NicknameUpdated with the new nickname to every agent; the participant shows it from then on', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    await world().ok('agent3', id, 'SendNicknameUpdatedNotice', { nickname: 'Sam' });
    const [renamed] = await world().take('agent3');
    expect(messagesOf(renamed)).toEqual([{ type: 'NicknameUpdated', from: 'Sam', text: 'Sam', visibility: 'All' }]);
    expect((await world().view('agent3', id)).chat.participants.map((p: { nickname: string }) => p.nickname)).toEqual(['Alice', 'Sam']);
  });

  test("Consult: the caller's first notification is a ParticipantsUpdated, Chatting, with the consultant already among the participants", async () => {
    const id = await world().chatting('agent2');
    await world().skip();
    const answer = await world().ok('agent2', id, 'Consult', { targetPath: '/users/8a3c7f0e2b9d4c61a5e4f7b2c9d0e1f3' });
    expect(answer).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    const [first] = await world().take('agent2');
    expect(kinds([first])).toEqual([`${STATE}ParticipantsUpdated`]);
    expect(first.referenceId).toBe(answer.referenceId);
    expect(first.chat.state).toBe('Chatting');
    expect(nicknames(first)).toEqual(['Alice:All', 'ConsultingAgent:All', 'IdleAgent:Agents']);
    const [invited] = await world().take('agent3');
    expect(invited.chat).toMatchObject({ state: 'Invited', capabilities: ['Accept', 'Reject'] });
    // Accepting keeps the participant the caller was shown.
    const shown = first.chat.participants[2].participantId;
    await world().ok('agent3', id, 'Accept');
    const accepted = await world().take('agent3');
    expect(accepted[1].chat.participants.map((p: { participantId: string }) => p.participantId)).toContain(shown);
  });

  test('Consult and Transfer to a queue: by queueName or queue URI, the chat goes to the next Ready agent, or waits for one; a chat Transfer answers {"statusCode": 0}', async () => {
    const id = await world().chatting('agent2');
    await world().readyOnChat('agent3');
    await world().skip();
    expect(await world().ok('agent2', id, 'Consult', { queueName: 'ChatQueue' })).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    const [consulted] = await world().take('agent3');
    expect(consulted.chat).toMatchObject({ id, state: 'Invited', capabilities: ['Accept', 'Reject'] });
    await world().ok('agent3', id, 'Reject');
    await world().me('agent3', 'EndContactCenterSession');
    await world().skip();

    const queueUri = `${world().sim.url}/api/v2/queues/b7e3c1d2-5a4f-4e6b-9c8d-0a1b2c3d4e5f`;
    expect(await world().ok('agent2', id, 'Transfer', { targetUri: queueUri, text: 'Over to sales', treatAs: 'System' })).toEqual({ statusCode: 0 });
    expect(world().sim.state().waiting).toEqual({ chat: [id], voice: [] });
    await world().readyOnChat('agent1');
    const agent1 = await world().take('agent1');
    expect(agent1.at(-1).chat).toMatchObject({ id, state: 'Invited' });
    await world().ok('agent1', id, 'Accept');
    const transferrer = await world().take('agent2');
    expect(transferrer.at(-1).chat.state).toBe('Completed');

    expectRefusal(await world().perform('agent1', id, 'Consult', { queueName: 'Nowhere' }), 400, 1, /^Invalid target: no queueName 'Nowhere'; the queues are SocialMediaQueue/);
  });

  test('Leave and Complete take the pages\' text, messageType, treatAs and saveLAR', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    expect(await world().ok('agent3', id, 'Leave', { text: 'Bye', messageType: 'Text', treatAs: 'Normal' })).toEqual({ statusCode: 0 });
    expect(await world().ok('agent3', id, 'Complete', { queueName: 'Done', saveLAR: true, text: 'Closed' })).toEqual({ statusCode: 0 });
    expect((await world().take('agent3')).map((n) => n.chat?.state)).toEqual(['LeftChat', 'Completed']);
    const other = await world().chatting('agent2');
    expectRefusal(await world().perform('agent2', other, 'Complete', { saveLAR: 'yes' }), 400, 1, /^Invalid parameter 'saveLAR'/);
  });
});
