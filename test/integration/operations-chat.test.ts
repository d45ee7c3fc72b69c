import { TRANSPORTS, type Transport } from '../helpers/agent';
import { AGENT1_ID, AGENT2_ID } from '../helpers/default-fixture';
import { rest } from '../helpers/rest';
import { CHAT_CHATTING, expectRefusal, kinds, messagesOf, nicknames, useWorld } from '../helpers/operations';

const CHAT_ID = '0000Na9B26EF002X';
const STATE = 'ChatStateChangeMessage/';
const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';
const CHANNELS = 'ChannelStateChangeMessageV2/undefined';

describe.each(TRANSPORTS)('a chat over %s', (transport: Transport) => {
  const world = useWorld(transport, 'chat');

  test('arrival to an agent, Accept, messages both ways, a custom notice, Complete: ChatStateChangeMessage and chatUri/chatPath', async () => {
    const id = await world().offer('agent3', 'Hi');
    const [invited] = await world().take('agent3');
    expect(kinds([invited])).toEqual([`${STATE}StatusChange`]);
    expect(invited.chat).toEqual({
      state: 'Invited',
      capabilities: ['Accept', 'Reject'],
      id,
      uri: `${world().sim.url}/api/v2/chats/${id}`,
      participants: [expect.objectContaining({ nickname: 'Alice', type: 'Customer' })],
    });
    expect(invited).not.toHaveProperty('facebooksession');

    expect(await world().ok('agent3', id, 'Accept', { nickname: 'Three' })).toEqual({ statusCode: 0 });
    const accepted = await world().take('agent3');
    expect(kinds(accepted)).toEqual([`${STATE}StatusChange`, `${STATE}ParticipantsUpdated`, `${NEW_MESSAGES}ParticipantJoined,Text,ParticipantJoined`]);
    expect(accepted[0].chat).toMatchObject({ state: 'Chatting', capabilities: CHAT_CHATTING });
    expect(nicknames(accepted[1])).toEqual(['Alice:All', 'Three:All']);
    expect(accepted[2]).toMatchObject({ chatUri: `${world().sim.url}/api/v2/chats/${id}`, chatPath: `/chats/${id}` });

    await world().customer(id, 'messages', { text: 'Where is my order?' });
    await world().ok('agent3', id, 'SendMessage', { text: 'On its way' });
    await world().ok('agent3', id, 'SendCustomNotice', { noticeText: 'Survey sent' });
    const talk = await world().take('agent3');
    expect(talk.map((n) => messagesOf(n)[0])).toEqual([
      { type: 'Text', from: 'Alice', text: 'Where is my order?', visibility: 'All' },
      { type: 'Text', from: 'Three', text: 'On its way', visibility: 'All' },
      { type: 'CustomNotice', from: 'Three', noticeText: 'Survey sent', visibility: 'All' },
    ]);

    await world().ok('agent3', id, 'Complete');
    const completed = await world().take('agent3');
    expect(kinds(completed)).toEqual([`${STATE}StatusChange`]);
    expect(completed[0].chat.state).toBe('Completed');
    expect((await world().view('agent3', id)).statusCode).toBe(6);
    expect(await world().take('agent1')).toEqual([]);
    expect(await world().take('agent2')).toEqual([]);
  });

  test('routing: a chat offered without offerTo waits for a Ready agent, then goes to each Ready agent in turn', async () => {
    const first = await world().customer(undefined, '', { customer: 'Bob', text: 'Hello?' });
    expect(first.body).toEqual({ statusCode: 0, id: expect.stringMatching(/^gws-sim-/), waiting: true });
    expect(world().sim.state().waiting).toEqual({ chat: [first.body.id], voice: [] });
    expect(await world().take('agent2')).toEqual([]);

    await world().readyOnChat('agent2');
    const agent2 = await world().take('agent2');
    expect(kinds(agent2)).toEqual([CHANNELS, CHANNELS, `${STATE}StatusChange`]);
    expect(agent2.map((n) => n.channels?.[0].userState.state)).toEqual(['NotReady', 'Ready', undefined]);
    expect(agent2[2].chat).toMatchObject({ id: first.body.id, state: 'Invited', capabilities: ['Accept', 'Reject'] });
    expect(world().sim.state().waiting).toEqual({ chat: [], voice: [] });

    await world().readyOnChat('agent3');
    await world().skip();
    const offeredTo: string[] = [];
    for (let i = 0; i < 3; i++) offeredTo.push((await world().customer(undefined, '', { customer: `C${i}` })).body.offeredTo);
    expect(offeredTo).toEqual(['agent3', 'agent2', 'agent3']);
    expect(kinds(await world().take('agent2'))).toEqual([`${STATE}StatusChange`]);
    expect(kinds(await world().take('agent3'))).toEqual([`${STATE}StatusChange`, `${STATE}StatusChange`]);
    expect(await world().take('agent1')).toEqual([]);
  });

  test('Reject: the chat goes to the next Ready agent; when none is left it waits, and goes to the next agent to be Ready', async () => {
    await world().readyOnChat('agent2');
    await world().readyOnChat('agent3');
    const { id, offeredTo } = (await world().customer(undefined, '', { customer: 'Bob' })).body;
    expect(offeredTo).toBe('agent2');
    await world().skip();

    expect(await world().ok('agent2', id, 'Reject')).toEqual({ statusCode: 0 });
    const rejected = await world().take('agent2');
    expect(kinds(rejected)).toEqual([`${STATE}StatusChange`]);
    expect(rejected[0].chat).toEqual({ participants: [], state: 'Completed', id, uri: `${world().sim.url}/api/v2/chats/${id}` });
    const reoffered = await world().take('agent3');
    expect(kinds(reoffered)).toEqual([`${STATE}StatusChange`]);
    expect(reoffered[0].chat).toMatchObject({ id, state: 'Invited' });

    await world().ok('agent3', id, 'Reject');
    expect(world().sim.state().waiting).toEqual({ chat: [id], voice: [] });
    expect(await world().take('agent2')).toEqual([]);
    await world().take('agent3');

    await world().readyOnChat('agent1');
    expect(kinds(await world().take('agent1'))).toEqual([CHANNELS, CHANNELS, `${STATE}StatusChange`]);
    expect(await world().take('agent2')).toEqual([]);
    expect(await world().take('agent3')).toEqual([]);
  });

  test("the fixture's chat: a consultation joins agent2 visible to Agents; the customer's leaving leaves both LeftChat", async () => {
    const consulted = await world().ok('agent1', CHAT_ID, 'Consult', { targetPath: `/users/${AGENT2_ID}` });
    expect(consulted).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    expect(kinds(await world().take('agent2'))).toEqual([`${STATE}StatusChange`]);
    await world().ok('agent2', CHAT_ID, 'Accept');
    expect(nicknames((await world().take('agent2'))[1])).toEqual(['PersonP:All', 'TestName:All', 'ConsultingAgent:Agents']);
    // The caller's first notification of its Consult, then the consultant's joining.
    expect(kinds(await world().take('agent1'))).toEqual([`${STATE}ParticipantsUpdated`, `${STATE}ParticipantsUpdated`, `${NEW_MESSAGES}ParticipantJoined`]);

    await world().customer(CHAT_ID, 'leave');
    for (const user of ['agent1', 'agent2'] as const) {
      const left = await world().take(user);
      expect(kinds(left)).toEqual([`${NEW_MESSAGES}ParticipantLeft`, `${STATE}StatusChange`]);
      expect(left[1].chat.state).toBe('LeftChat');
    }
    expect(await world().take('agent3')).toEqual([]);
  });

  test('CancelConsult withdraws a consultation not yet accepted: its agent sees the chat Completed, the caller nothing; an accepted one cannot be cancelled', async () => {
    await world().ok('agent1', CHAT_ID, 'Consult', { targetPath: `/users/${AGENT2_ID}` });
    await world().skip();
    expect((await world().view('agent1', CHAT_ID)).chat.capabilities).toContain('CancelConsult');

    const cancelled = await world().ok('agent1', CHAT_ID, 'CancelConsult');
    expect(cancelled).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    const withdrawn = await world().take('agent2');
    expect(kinds(withdrawn)).toEqual([`${STATE}StatusChange`]);
    expect(withdrawn[0]).toMatchObject({ referenceId: cancelled.referenceId, chat: { participants: [], state: 'Completed', id: CHAT_ID } });
    expect(await world().take('agent1')).toEqual([]);
    expect((await world().view('agent2', CHAT_ID)).statusCode).toBe(6);
    expect((await world().view('agent1', CHAT_ID)).chat.capabilities).toEqual(CHAT_CHATTING);
    // Nothing to cancel: GWS answers statusCode 0 and reports the failure as an Error notification (the CancelConsult page).
    const failed = await world().ok('agent1', CHAT_ID, 'CancelConsult');
    expect(failed).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    expect(await world().take('agent1')).toEqual([
      { messageType: 'ChatStateChangeMessage', notificationType: 'Error', errorMessage: expect.stringMatching(/^Cannot CancelConsult: agent1 has no consultation waiting to be accepted/), referenceId: failed.referenceId },
    ]);

    // Consulted again, accepted: too late to cancel.
    await world().ok('agent1', CHAT_ID, 'Consult', { targetPath: `/users/${AGENT2_ID}` });
    await world().ok('agent2', CHAT_ID, 'Accept');
    await world().skip();
    expect(await world().ok('agent1', CHAT_ID, 'CancelConsult')).toEqual({ statusCode: 0, referenceId: expect.any(Number) });
    expect((await world().take('agent1'))[0].errorMessage).toMatch(/RemoveParticipantFromConference removes the consultant/);
    const onFacebook = await rest(world().sim.url).post('/api/v2/me/facebooksessions/0002EaAY01MT0082', { operationName: 'CancelConsult' }, { user: 'agent1', password: 'agent1' });
    expectRefusal(onFacebook, 400, 1, /^Unknown operationName 'CancelConsult' for a facebooksession/);
  });

  test('refusals name the chat and change nothing: the other medium, an operation of Facebook alone, a wrong state, an outsider', async () => {
    const onFacebook = await rest(world().sim.url).post(`/api/v2/me/facebooksessions/${CHAT_ID}`, { operationName: 'SendMessage', text: 'x' }, { user: 'agent1', password: 'agent1' });
    expectRefusal(onFacebook, 404, 6, new RegExp(`^No facebooksession ${CHAT_ID}\\.$`));
    expectRefusal(await world().perform('agent1', '0002EaAY01MT0082', 'SendMessage', { text: 'x' }), 404, 6, /^No chat 0002EaAY01MT0082\.$/);
    expectRefusal(await world().perform('agent1', CHAT_ID, 'Dance'), 400, 1, /^Unknown operationName 'Dance' for a chat\. gws-sim supports: Accept, .*SendCustomNotice, CancelConsult, .*SendNicknameUpdatedNotice\.$/);
    expectRefusal(await world().perform('agent1', CHAT_ID, 'Accept'), 400, 2, /^Cannot Accept: the session is Chatting for agent1.*SendNicknameUpdatedNotice\.$/);
    expectRefusal(await world().perform('agent2', CHAT_ID, 'SendMessage', { text: 'x' }), 404, 6, new RegExp(`^No chat ${CHAT_ID} for agent2: the agent is not one of its participants\\.$`));
    expectRefusal(await world().perform('agent1', CHAT_ID, 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT1_ID}` }), 400, 2, /remove itself from chat/);
    expectRefusal(await world().perform('agent1', CHAT_ID, 'SendCustomNotice'), 400, 1, /^Missing required parameter 'noticeText'/);
    expectRefusal(await world().customer(undefined, '', { offerTo: 'nobody' }), 400, 1, /'offerTo'.*no user 'nobody'/);
    expectRefusal(await world().customer('no-such-chat', 'messages', { text: 'x' }), 404, 6, /^No chat no-such-chat\.$/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent1', CHAT_ID)).chat).toMatchObject({ state: 'Chatting', capabilities: CHAT_CHATTING });
  });
});
