import { TRANSPORTS, type Transport } from '../helpers/agent';
import { SESSION_ID } from '../helpers/default-fixture';
import { CHATTING, expectRefusal, kinds, messagesOf, useWorld, type UserName } from '../helpers/operations';

const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';

/** In the seed's session agent1 (TestName) is visible to All and agent2 (ConsultingAgent) to Agents. */
const NICKNAME: Record<string, string> = { agent1: 'TestName', agent2: 'ConsultingAgent' };

interface Case {
  operation: string;
  caller: UserName;
  params: Record<string, unknown>;
  message: { type: string; text?: string; visibility: string };
}

const CASES: Case[] = [
  { operation: 'SendMessage', caller: 'agent1', params: { text: 'Let me check' }, message: { type: 'Text', text: 'Let me check', visibility: 'All' } },
  { operation: 'SendToAgents', caller: 'agent2', params: { text: 'Refund it' }, message: { type: 'Text', text: 'Refund it', visibility: 'Agents' } },
  { operation: 'SendStartTypingNotification', caller: 'agent1', params: { text: 'Let m' }, message: { type: 'TypingStarted', text: 'Let m', visibility: 'All' } },
  { operation: 'SendStopTypingNotification', caller: 'agent2', params: {}, message: { type: 'TypingStopped', visibility: 'All' } },
];

describe.each(TRANSPORTS)('SendMessage, SendToAgents and typing over %s', (transport: Transport) => {
  const world = useWorld(transport);

  test.each(CASES)('$operation by $caller: caller and the other agent get the one new message; agent3 nothing', async ({ operation, caller, params, message }) => {
    const before = (await world().view(caller, SESSION_ID)).facebooksession;
    expect(await world().ok(caller, SESSION_ID, operation, params)).toEqual({ statusCode: 0 });

    const expected = { ...message, from: NICKNAME[caller] };
    for (const user of ['agent1', 'agent2'] as const) {
      const got = await world().take(user);
      expect(kinds(got)).toEqual([`${NEW_MESSAGES}${message.type}`]);
      expect(got[0].facebooksessionPath).toBe(`/facebooksessions/${SESSION_ID}`);
      expect(messagesOf(got[0])).toEqual([expected]);
    }
    expect(await world().take('agent3')).toEqual([]);
    const after = (await world().view(caller, SESSION_ID)).facebooksession;
    expect({ state: after.state, capabilities: after.capabilities }).toEqual({ state: 'Chatting', capabilities: before.capabilities });
  });

  test('the log keeps the order of the operations: a message after typing, each once to each agent', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    await world().ok('agent3', id, 'SendStartTypingNotification');
    await world().ok('agent3', id, 'SendStopTypingNotification');
    await world().ok('agent3', id, 'SendMessage', { text: 'Found it' });
    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([`${NEW_MESSAGES}TypingStarted`, `${NEW_MESSAGES}TypingStopped`, `${NEW_MESSAGES}Text`]);
    expect(got.map((n) => n.messages[0].index)).toEqual([4, 5, 6]); // after ParticipantJoined, Text, ParticipantJoined
    expect((await world().view('agent3', id)).facebooksession).toMatchObject({ state: 'Chatting', capabilities: CHATTING });
    expect([...(await world().take('agent1')), ...(await world().take('agent2'))]).toEqual([]);
  });

  test.each(CASES)('$operation is refused while Invited (2), on an unknown session (6), to a non-participant (6)', async ({ operation, params }) => {
    const id = await world().offer('agent3');
    await world().skip();
    expectRefusal(await world().perform('agent3', id, operation, params), 400, 2, new RegExp(`^Cannot ${operation}: the session is Invited for agent3.*Allowed now: Accept, Reject\\.$`));
    expectRefusal(await world().perform('agent1', 'no-such-session', operation, params), 404, 6, /^No facebooksession no-such-session/);
    expectRefusal(await world().perform('agent3', SESSION_ID, operation, params), 404, 6, /not one of its participants/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent3', id)).facebooksession).toMatchObject({ state: 'Invited', capabilities: ['Accept', 'Reject'] });
  });

  test('a message without its text is refused with statusCode 1, naming the parameter', async () => {
    expectRefusal(await world().perform('agent1', SESSION_ID, 'SendMessage', {}), 400, 1, /^Missing required parameter 'text'/);
    expectRefusal(await world().perform('agent2', SESSION_ID, 'SendToAgents', { text: 7 }), 400, 1, /^Invalid parameter 'text'/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
  });
});
