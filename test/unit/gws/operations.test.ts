import { AGENT1_ID, AGENT1_PARTICIPANT, AGENT2_ID, AGENT2_PARTICIPANT, AGENT3_ID, CUSTOMER_PARTICIPANT, SESSION_ID } from '../../helpers/default-fixture';
import { AGENTS_ONLY, ALONE_ALL, CONFERENCE_ALL, INVITED, LEFT } from './capabilities';
import { told, world } from './operations-world';

const ids = (participants: { participantId: string }[]) => participants.map((p) => p.participantId);

describe('Accept', () => {
  it('of an arrival: the agent joins visible to All, is Chatting, the only one told, and sees the log', () => {
    const { act, offerTo, session } = world();
    const id = offerTo('agent3');
    const outcome = act('agent3', 'Accept', {}, id);
    const self = { type: 'Agent', participantId: '00SIM00000000003', userId: AGENT3_ID, nickname: 'IdleAgent', visibility: 'All' };
    expect(outcome.participants).toEqual({ caller: self });
    expect(outcome.recipients).toEqual([{ role: 'caller', userId: AGENT3_ID, state: 'Chatting', capabilities: ALONE_ALL }]);
    expect(outcome.messages.joined).toEqual({ index: 3, message: { type: 'ParticipantJoined', from: self.participantId, visibility: 'All' }, from: self });
    expect(outcome.answer).toEqual({});
    expect(outcome.referenceId).toBe(1);
    expect(session(id).invited).toEqual([]);
    expect(session(id).participants.map((p) => p.type)).toEqual(['Customer', 'Agent']);
  });

  it('takes the nickname given', () => {
    const { act, offerTo } = world();
    const id = offerTo('agent3');
    expect(act('agent3', 'Accept', { nickname: 'Ann' }, id).participants.caller).toMatchObject({ nickname: 'Ann' });
  });

  it('of a consultation: the consultant joins visible to Agents, and the agents there are told', () => {
    const { act, stateOf } = world();
    act('agent1', 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    const outcome = act('agent3', 'Accept');
    expect(outcome.participants.caller).toMatchObject({ userId: AGENT3_ID, visibility: 'Agents' });
    expect(outcome.messages.joined).toMatchObject({ index: 5, message: { type: 'ParticipantJoined', visibility: 'Agents' } });
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT3_ID, state: 'Chatting', capabilities: AGENTS_ONLY },
      { role: 'others', userId: AGENT1_ID, state: 'Chatting', capabilities: CONFERENCE_ALL },
      { role: 'others', userId: AGENT2_ID, state: 'Chatting', capabilities: AGENTS_ONLY },
    ]);
    expect(stateOf('agent1')).toBe('Chatting');
  });

  it('of a transfer: the new agent is visible to All and the agent who transferred leaves, Completed', () => {
    const { act, session, stateOf } = world();
    act('agent1', 'Transfer', { targetPath: `/users/${AGENT3_ID}` });
    const outcome = act('agent3', 'Accept');
    expect(outcome.participants.caller).toMatchObject({ userId: AGENT3_ID, visibility: 'All' });
    expect(outcome.messages.left).toEqual({
      index: 6,
      message: { type: 'ParticipantLeft', from: AGENT1_PARTICIPANT, visibility: 'All' },
      from: expect.objectContaining({ participantId: AGENT1_PARTICIPANT }),
    });
    expect(told(outcome)).toEqual([
      ['caller', AGENT3_ID, 'Chatting'],
      ['transferrer', AGENT1_ID, 'Completed'],
      ['others', AGENT2_ID, 'Chatting'],
    ]);
    expect(outcome.recipients[0].capabilities).toEqual(CONFERENCE_ALL);
    expect(outcome.recipients[1].capabilities).toEqual([]);
    expect(stateOf('agent1')).toBe('Completed');
    expect(ids(session().departed)).toEqual([AGENT1_PARTICIPANT]);
    expect(session().participants.map((p) => p.type === 'Agent' && p.userId)).toEqual([false, AGENT2_ID, AGENT3_ID]);
  });
});

describe('Reject', () => {
  it('of an arrival: Completed for the agent, who alone is told; the customer waits in the session', () => {
    const { act, offerTo, session, model } = world();
    const id = offerTo('agent3');
    const outcome = act('agent3', 'Reject', {}, id);
    expect(outcome.recipients).toEqual([{ role: 'caller', userId: AGENT3_ID, state: 'Completed', capabilities: [] }]);
    expect(outcome.participants).toEqual({});
    expect(session(id)).toMatchObject({ state: 'Chatting', invited: [], states: { [AGENT3_ID]: 'Completed' } });
    expect(session(id).participants.map((p) => p.type)).toEqual(['Customer']);
    expect(model.sessionsOf(AGENT3_ID)).toEqual([]);
  });

  it('of a consultation: the session goes on, and the agent may be consulted again', () => {
    const { act, stateOf } = world();
    act('agent1', 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    act('agent3', 'Reject');
    expect([stateOf('agent1'), stateOf('agent3')]).toEqual(['Chatting', 'Completed']);
    act('agent1', 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    expect(stateOf('agent3')).toBe('Invited');
  });
});

describe.each([
  ['SendMessage', { text: 'Hello' }, { type: 'Text', text: 'Hello', visibility: 'All' }],
  ['SendToAgents', { text: 'Psst' }, { type: 'Text', text: 'Psst', visibility: 'Agents' }],
  ['SendStartTypingNotification', {}, { type: 'TypingStarted', visibility: 'All' }],
  ['SendStartTypingNotification', { text: 'Hel' }, { type: 'TypingStarted', text: 'Hel', visibility: 'All' }],
  ['SendStopTypingNotification', {}, { type: 'TypingStopped', visibility: 'All' }],
])('%s %j', (operation, params, logged) => {
  it('logs the message from the caller and tells the caller and the other agents; nobody changes state', () => {
    const { act, session } = world();
    const outcome = act('agent1', operation, params);
    expect(outcome.messages.message).toEqual({ index: 5, message: { ...logged, from: AGENT1_PARTICIPANT }, from: expect.objectContaining({ participantId: AGENT1_PARTICIPANT }) });
    expect(session().messages[4]).toEqual({ ...logged, from: AGENT1_PARTICIPANT });
    expect(outcome.participants.caller).toMatchObject({ participantId: AGENT1_PARTICIPANT });
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID, state: 'Chatting', capabilities: CONFERENCE_ALL },
      { role: 'others', userId: AGENT2_ID, state: 'Chatting', capabilities: AGENTS_ONLY },
    ]);
    expect(outcome.answer).toEqual({});
  });
});

describe.each([
  ['Consult', 'consult', 'Agents'],
  ['Transfer', 'transfer', 'All'],
])('%s', (operation, kind, visibility) => {
  it('invites the target (Invited, may Accept or Reject), tells caller and target, answers the referenceId', () => {
    const { act, session, model } = world();
    const outcome = act('agent1', operation, { targetUri: `http://sim.test/api/v2/users/${AGENT3_ID}` });
    expect(outcome.answer).toEqual({ referenceId: 1 });
    expect(outcome.participants).toEqual({ caller: expect.objectContaining({ participantId: AGENT1_PARTICIPANT }) });
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID, state: 'Chatting', capabilities: CONFERENCE_ALL },
      { role: 'target', userId: AGENT3_ID, state: 'Invited', capabilities: INVITED },
    ]);
    // A consultant has its participant from the invitation on (the chat Consult page shows it to the caller at once).
    const participant = kind === 'consult' ? { participant: { type: 'Agent', participantId: expect.any(String), userId: AGENT3_ID, nickname: 'IdleAgent', visibility } } : {};
    expect(session().invited).toEqual([{ userId: AGENT3_ID, kind, visibility, by: AGENT1_ID, ...participant }]);
    expect(session().messages).toHaveLength(4);
    expect(model.sessionsOf(AGENT3_ID).map((s) => s.id)).toEqual([SESSION_ID]);
  });
});

describe('Leave', () => {
  it('in a conference: Completed for the caller, who departs; the others are told', () => {
    const { act, session, stateOf } = world();
    const outcome = act('agent1', 'Leave');
    expect(outcome.messages.left).toMatchObject({ index: 5, message: { type: 'ParticipantLeft', from: AGENT1_PARTICIPANT, visibility: 'All' } });
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID, state: 'Completed', capabilities: [] },
      { role: 'others', userId: AGENT2_ID, state: 'Chatting', capabilities: AGENTS_ONLY },
    ]);
    expect(ids(session().participants)).toEqual([CUSTOMER_PARTICIPANT, AGENT2_PARTICIPANT]);
    expect([session().state, stateOf('agent1')]).toEqual(['Chatting', 'Completed']);
  });

  it('of a consultant: its ParticipantLeft is visible to Agents, as it was', () => {
    const { act } = world();
    expect(act('agent2', 'Leave').messages.left.message).toEqual({ type: 'ParticipantLeft', from: AGENT2_PARTICIPANT, visibility: 'Agents' });
  });

  it('alone with the customer: LeftChat, the session still on its desktop, free to Complete', () => {
    const { act, model, session } = world();
    act('agent1', 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT2_ID}` });
    const outcome = act('agent1', 'Leave');
    expect(outcome.recipients).toEqual([{ role: 'caller', userId: AGENT1_ID, state: 'LeftChat', capabilities: LEFT }]);
    expect(ids(session().participants)).toEqual([CUSTOMER_PARTICIPANT]);
    expect(model.sessionsOf(AGENT1_ID).map((s) => s.id)).toEqual([SESSION_ID]);
  });
});

describe('Complete', () => {
  it('while chatting in a conference: the caller leaves, Completed; the session goes on with the others', () => {
    const { act, session } = world();
    const outcome = act('agent1', 'Complete', { queueName: 'Done' });
    expect(outcome.messages.left).toMatchObject({ index: 5, message: { type: 'ParticipantLeft', from: AGENT1_PARTICIPANT } });
    expect(told(outcome)).toEqual([
      ['caller', AGENT1_ID, 'Completed'],
      ['others', AGENT2_ID, 'Chatting'],
    ]);
    expect(session().state).toBe('Chatting');
  });

  it('by the last agent, after it left: the session is Completed, only the caller told, nothing logged', () => {
    const { act, session, model } = world();
    act('agent1', 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT2_ID}` });
    act('agent1', 'Leave');
    const outcome = act('agent1', 'Complete');
    expect(outcome.participants).toEqual({});
    expect(outcome.messages).toEqual({});
    expect(outcome.recipients).toEqual([{ role: 'caller', userId: AGENT1_ID, state: 'Completed', capabilities: [] }]);
    expect(session().state).toBe('Completed');
    expect(model.sessionsOf(AGENT1_ID)).toEqual([]);
  });

  it('by each agent in turn: Completed once no agent is left', () => {
    const { act, session } = world();
    act('agent2', 'Complete');
    expect(session().state).toBe('Chatting');
    act('agent1', 'Complete');
    expect(session().state).toBe('Completed');
  });
});

describe('RemoveParticipantFromConference', () => {
  it('the target departs, Completed; the caller, alone, may no longer remove', () => {
    const { act, stateOf } = world();
    const outcome = act('agent1', 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT2_ID}` });
    expect(Object.keys(outcome.messages)).toEqual(['notice', 'participantLeft']);
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID, state: 'Chatting', capabilities: ALONE_ALL },
      { role: 'target', userId: AGENT2_ID, state: 'Completed', capabilities: [] },
    ]);
    expect(stateOf('agent2')).toBe('Completed');
  });
});
