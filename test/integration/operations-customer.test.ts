import { TRANSPORTS, type Transport } from '../helpers/agent';
import { SESSION_ID } from '../helpers/default-fixture';
import { CHATTING, expectRefusal, kinds, LEFT_CHAT, messagesOf, nicknames, useWorld } from '../helpers/operations';

const NEW_MESSAGES = 'MessageLogUpdated/NewMessages:';

const CASES = [
  { operation: 'CustomerMessage', route: 'messages', body: { text: 'Order 1234' }, message: { type: 'Text', text: 'Order 1234', visibility: 'All' } },
  { operation: 'CustomerStartTyping', route: 'typing/start', body: {}, message: { type: 'TypingStarted', visibility: 'All' } },
  { operation: 'CustomerStopTyping', route: 'typing/stop', body: {}, message: { type: 'TypingStopped', visibility: 'All' } },
];

describe.each(TRANSPORTS)("the customer's side over %s", (transport: Transport) => {
  const world = useWorld(transport);

  test.each(CASES)('$operation (POST .../$route): every agent in the session gets it from the customer; agent3 nothing', async ({ route, body, message }) => {
    const answer = await world().customer(SESSION_ID, route, body);
    expect(answer).toMatchObject({ status: 200, body: { statusCode: 0 } });
    expect(Object.keys(answer.body)).toEqual(['statusCode']);
    for (const user of ['agent1', 'agent2'] as const) {
      const got = await world().take(user);
      expect(kinds(got)).toEqual([`${NEW_MESSAGES}${message.type}`]);
      expect(got[0].referenceId).toBeUndefined();
      expect(messagesOf(got[0])).toEqual([{ ...message, from: 'VitaliyOnv' }]);
    }
    expect(await world().take('agent3')).toEqual([]);
    expect((await world().view('agent1', SESSION_ID)).facebooksession.state).toBe('Chatting');
  });

  test('a whole exchange: the agent sees the customer type, write and stop, in order', async () => {
    const id = await world().chatting('agent3');
    await world().skip();
    await world().customer(id, 'typing/start');
    await world().customer(id, 'messages', { text: 'Are you there?' });
    await world().customer(id, 'typing/stop');
    const got = await world().take('agent3');
    expect(kinds(got)).toEqual([`${NEW_MESSAGES}TypingStarted`, `${NEW_MESSAGES}Text`, `${NEW_MESSAGES}TypingStopped`]);
    expect(got.map((n) => messagesOf(n)[0].from)).toEqual(['Alice', 'Alice', 'Alice']);
    expect(got.map((n) => n.messages[0].index)).toEqual([4, 5, 6]);
    expect([...(await world().take('agent1')), ...(await world().take('agent2'))]).toEqual([]);
  });

  test('before anyone accepts, what the customer writes reaches no agent, and the accepting agent gets it in the log', async () => {
    const id = await world().offer('agent3', 'Hi');
    await world().skip();
    await world().customer(id, 'messages', { text: 'Anyone?' });
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    await world().ok('agent3', id, 'Accept');
    const log = (await world().take('agent3')).at(-1);
    expect(messagesOf(log).map((m) => m.text)).toEqual([undefined, 'Hi', 'Anyone?', undefined]);
  });

  test('CustomerLeave: each agent sees the customer leave and its session LeftChat; the customer can do no more', async () => {
    expect((await world().customer(SESSION_ID, 'leave')).body).toEqual({ statusCode: 0 });
    for (const user of ['agent1', 'agent2'] as const) {
      const got = await world().take(user);
      expect(kinds(got)).toEqual([`${NEW_MESSAGES}ParticipantLeft`, 'FacebooksessionStateChangeMessage/StatusChange']);
      expect(messagesOf(got[0])).toEqual([{ type: 'ParticipantLeft', from: 'VitaliyOnv', visibility: 'All' }]);
      expect(got[1].referenceId).toBeUndefined();
      expect(got[1].facebooksession).toMatchObject({ id: SESSION_ID, state: 'LeftChat', capabilities: LEFT_CHAT });
      expect(nicknames(got[1])).toEqual(['TestName:All', 'ConsultingAgent:Agents']);
      expect((await world().view(user, SESSION_ID)).facebooksession).toMatchObject({ state: 'LeftChat', capabilities: LEFT_CHAT });
    }
    expect(await world().take('agent3')).toEqual([]);

    for (const { route, body } of [...CASES, { route: 'leave', body: {} }]) {
      expectRefusal(await world().customer(SESSION_ID, route, body), 400, 2, /^The customer has left session 0002EaAY01MT0082/);
    }
    // The agents may still complete.
    await world().ok('agent1', SESSION_ID, 'Complete');
    expect((await world().take('agent1')).map((n) => n.facebooksession?.state)).toEqual(['Completed']);
  });

  test('refusals: an unknown session (6), a message without text (1), an offer without offerTo (1)', async () => {
    for (const { route, body } of [...CASES, { route: 'leave', body: {} }]) {
      expectRefusal(await world().customer('no-such-session', route, body), 404, 6, /^No facebooksession no-such-session/);
    }
    expectRefusal(await world().customer(SESSION_ID, 'messages', {}), 400, 1, /^Missing required parameter 'text'/);
    expectRefusal(await world().customer(undefined, '', { customer: 'Alice' }), 400, 1, /^Missing required parameter 'offerTo'/);
    for (const user of ['agent1', 'agent2', 'agent3'] as const) expect(await world().take(user)).toEqual([]);
    expect((await world().view('agent1', SESSION_ID)).facebooksession.capabilities).toEqual(expect.arrayContaining(CHATTING));
  });
});
