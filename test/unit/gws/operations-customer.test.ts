import { gwsTimestamp } from '../../../src/gws/timestamp';
import { AGENT1_ID, AGENT2_ID, AGENT3_ID, CUSTOMER_PARTICIPANT, SESSION_ID } from '../../helpers/default-fixture';
import { INVITED, LEFT } from './capabilities';
import { refusal, T0, world } from './operations-world';

describe('Offer: a customer arrives', () => {
  it('creates a session offered to the agent, Invited; the answer carries its id; only that agent is told', () => {
    const { customer, model, session } = world();
    const outcome = customer('Offer', undefined, { offerTo: 'agent3', customer: 'Alice', text: 'Hi' });
    const id = 'gws-sim-00SIM00000000002';
    expect(outcome.answer).toEqual({ id });
    expect(outcome.referenceId).toBeUndefined();
    expect(outcome.recipients).toEqual([{ role: 'invited', userId: AGENT3_ID, state: 'Invited', capabilities: INVITED }]);
    const alice = { type: 'Customer', participantId: '00SIM00000000001', nickname: 'Alice', visibility: 'All' };
    expect(outcome.participants).toEqual({ customer: alice });
    expect(session(id)).toMatchObject({
      id,
      media: 'facebook',
      state: 'Chatting',
      receivedDate: gwsTimestamp(T0),
      userData: { FromAddress: 'Alice' },
      participants: [alice],
      invited: [{ userId: AGENT3_ID, kind: 'offer', visibility: 'All' }],
      states: { [AGENT3_ID]: 'Invited' },
    });
    expect(session(id).messages).toEqual([
      { type: 'ParticipantJoined', from: alice.participantId, visibility: 'All' },
      { type: 'Text', from: alice.participantId, text: 'Hi', visibility: 'All' },
    ]);
    expect(model.sessionsOf(AGENT3_ID).map((s) => s.id)).toEqual([id]);
  });

  it('names the customer Customer by default and logs no Text without text', () => {
    const { customer, session } = world();
    const id = String(customer('Offer', undefined, { offerTo: 'agent1' }).answer.id);
    expect(session(id).participants[0]).toMatchObject({ nickname: 'Customer' });
    expect(session(id).messages.map((m) => m.type)).toEqual(['ParticipantJoined']);
  });

  it('gives each arrival its own ids, the same again after a reset', () => {
    const { customer, model } = world();
    const first = customer('Offer', undefined, { offerTo: 'agent1' }).answer.id;
    const second = customer('Offer', undefined, { offerTo: 'agent1' }).answer.id;
    expect(second).not.toBe(first);
    model.reset();
    expect(customer('Offer', undefined, { offerTo: 'agent1' }).answer.id).toBe(first);
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['an unknown agent', { offerTo: 'agent9' }, 1, 'NO_SUCH_AGENT'],
    ['no offerTo', { customer: 'Alice' }, 1, 'MISSING_PARAMETER'],
    ['an empty offerTo', { offerTo: '' }, 1, 'INVALID_PARAMETER'],
    ['a text not a string', { offerTo: 'agent1', text: 5 }, 1, 'INVALID_PARAMETER'],
  ])('refuses %s (statusCode %i), creating nothing', (_what, params, statusCode, code) => {
    const { customer, model } = world();
    const error = refusal(() => customer('Offer', undefined, params));
    expect([error.statusCode, error.code]).toEqual([statusCode, code]);
    expect(model.allSessions()).toHaveLength(1);
  });

  it('an unknown agent is refused naming the users', () => {
    const { customer } = world();
    expect(refusal(() => customer('Offer', undefined, { offerTo: 'agent9' })).message).toBe(
      "Invalid parameter 'offerTo': no user 'agent9'; the users are agent1, agent2, agent3.",
    );
  });
});

describe.each([
  ['CustomerMessage', { text: 'Hello?' }, { type: 'Text', text: 'Hello?', visibility: 'All' }],
  ['CustomerStartTyping', {}, { type: 'TypingStarted', visibility: 'All' }],
  ['CustomerStopTyping', {}, { type: 'TypingStopped', visibility: 'All' }],
])('%s', (operation, params, logged) => {
  it('logs it from the customer and tells every agent in the session, in role agents', () => {
    const { customer, session } = world();
    const outcome = customer(operation, SESSION_ID, params);
    expect(outcome.messages.message).toEqual({ index: 5, message: { ...logged, from: CUSTOMER_PARTICIPANT }, from: expect.objectContaining({ type: 'Customer' }) });
    expect(session().messages[4]).toEqual({ ...logged, from: CUSTOMER_PARTICIPANT });
    expect(outcome.participants.customer).toMatchObject({ participantId: CUSTOMER_PARTICIPANT });
    expect(outcome.recipients.map((r) => [r.role, r.userId, r.state])).toEqual([
      ['agents', AGENT1_ID, 'Chatting'],
      ['agents', AGENT2_ID, 'Chatting'],
    ]);
    expect(outcome.referenceId).toBeUndefined();
  });

  it('tells nobody while the session is only offered (no agent has accepted)', () => {
    const { customer, offerTo, session } = world();
    const id = offerTo('agent3');
    expect(customer(operation, id, params).recipients).toEqual([]);
    expect(session(id).messages).toHaveLength(3);
  });

  it('is refused once the customer has left (statusCode 2) and on an unknown session (6)', () => {
    const { customer, session } = world();
    customer('CustomerLeave', SESSION_ID);
    const gone = refusal(() => customer(operation, SESSION_ID, params));
    expect([gone.statusCode, gone.code]).toEqual([2, 'CUSTOMER_GONE']);
    expect(session().messages).toHaveLength(5);
    const unknown = refusal(() => customer(operation, 'NOSUCH', params));
    expect([unknown.statusCode, unknown.code]).toEqual([6, 'SESSION_NOT_FOUND']);
  });
});

describe('CustomerMessage parameters', () => {
  it.each<[Record<string, unknown>, string]>([
    [{}, 'MISSING_PARAMETER'],
    [{ text: 42 }, 'INVALID_PARAMETER'],
  ])('%j is refused with statusCode 1 (%s)', (params, code) => {
    const { customer } = world();
    const error = refusal(() => customer('CustomerMessage', SESSION_ID, params));
    expect([error.statusCode, error.code]).toEqual([1, code]);
    expect(error.message).toContain("'text'");
  });
});

describe('CustomerLeave', () => {
  it('the customer departs; every chatting agent is LeftChat, told, free to set properties and Complete', () => {
    const { customer, session } = world();
    const outcome = customer('CustomerLeave', SESSION_ID);
    expect(outcome.messages.left).toMatchObject({ index: 5, message: { type: 'ParticipantLeft', from: CUSTOMER_PARTICIPANT, visibility: 'All' } });
    expect(outcome.recipients).toEqual([
      { role: 'agents', userId: AGENT1_ID, state: 'LeftChat', capabilities: LEFT },
      { role: 'agents', userId: AGENT2_ID, state: 'LeftChat', capabilities: LEFT },
    ]);
    expect(session().state).toBe('LeftChat');
    expect(session().participants.map((p) => p.type)).toEqual(['Agent', 'Agent']);
    expect(session().departed.map((p) => p.participantId)).toEqual([CUSTOMER_PARTICIPANT]);
  });

  it('leaves an invited agent Invited', () => {
    const { act, customer, stateOf } = world();
    act('agent1', 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    customer('CustomerLeave', SESSION_ID);
    expect(stateOf('agent3')).toBe('Invited');
  });

  it('may not be done twice: statusCode 2', () => {
    const { customer } = world();
    customer('CustomerLeave', SESSION_ID);
    expect(refusal(() => customer('CustomerLeave', SESSION_ID)).message).toBe(
      `The customer has left session ${SESSION_ID}: it can no longer write, type or leave. Offer a new session.`,
    );
  });
});
