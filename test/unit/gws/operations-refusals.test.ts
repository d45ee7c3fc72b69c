import type { MessagingState as AgentState } from '../../../src/gws/families';
import { operationNames } from '../../../src/gws/operations/registry';
import { AGENT1_ID, AGENT2_ID, AGENT3_ID, SESSION_ID } from '../../helpers/default-fixture';
import { CONFERENCE_ALL, INVITED, LEFT } from './capabilities';
import { refusal, world } from './operations-world';

/** Each agent operation, the states it is allowed in, and parameters that would pass. */
const OPERATIONS: [string, AgentState[], Record<string, unknown>][] = [
  ['Accept', ['Invited'], {}],
  ['Reject', ['Invited'], {}],
  ['SendMessage', ['Chatting'], { text: 'Hello' }],
  ['SendToAgents', ['Chatting'], { text: 'Psst' }],
  ['SendStartTypingNotification', ['Chatting'], {}],
  ['SendStopTypingNotification', ['Chatting'], {}],
  ['Consult', ['Chatting'], { targetPath: `/users/${AGENT3_ID}` }],
  ['Transfer', ['Chatting'], { targetPath: `/users/${AGENT3_ID}` }],
  ['Leave', ['Chatting'], {}],
  ['Complete', ['Chatting', 'LeftChat'], {}],
  ['RemoveParticipantFromConference', ['Chatting'], { targetPath: `/users/${AGENT2_ID}` }],
  ['SetDisposition', ['Chatting', 'LeftChat'], { disposition: 'Resolved' }],
  ['AttachUserData', ['Chatting', 'LeftChat'], { userData: { Reason: 'Billing' } }],
  ['UpdateUserData', ['Chatting', 'LeftChat'], { userData: { Reason: 'Refund' } }],
  ['DeleteUserData', ['Chatting', 'LeftChat'], { keys: ['Reason'] }],
  ['AddComment', ['Chatting', 'LeftChat'], { comment: 'noted' }],
];

/**
 * A model with an agent in `state` in the fixture's session: agent3 invited to consult, agent1
 * chatting, agent1 left (the customer left); with what that agent may do there.
 */
function agentIn(state: Exclude<AgentState, 'Completed'>) {
  const w = world();
  if (state === 'Invited') w.act('agent1', 'Consult', { targetPath: `/users/${AGENT3_ID}` });
  if (state === 'LeftChat') w.customer('CustomerLeave', SESSION_ID);
  const by = state === 'Invited' ? 'agent3' : 'agent1';
  return { ...w, by, allowed: { Invited: INVITED, Chatting: CONFERENCE_ALL, LeftChat: LEFT }[state] };
}

/** The model as JSON and its last referenceId: a refusal changes neither. */
const snapshotOf = (w: ReturnType<typeof world>) => JSON.stringify([w.model.allSessions(), w.model.lastReference]);

describe('the operations and the states they are allowed in', () => {
  it('cover every agent operation of the registry', () => {
    expect(OPERATIONS.map(([name]) => name)).toEqual(operationNames());
  });

  const refused = OPERATIONS.flatMap(([name, states, params]) =>
    (['Invited', 'Chatting', 'LeftChat'] as const).filter((state) => !states.includes(state)).map((state) => [name, state, params] as const),
  );

  it.each(refused)('%s in %s: statusCode 2 WRONG_STATE, naming the state and what is allowed now; nothing changes', (name, state, params) => {
    const w = agentIn(state);
    const before = snapshotOf(w);
    const error = refusal(() => w.act(w.by, name, params));
    expect([error.statusCode, error.httpStatus, error.code]).toEqual([2, 400, 'WRONG_STATE']);
    expect(error.message).toBe(`Cannot ${name}: the session is ${state} for ${w.by}, and ${name} is not allowed there. Allowed now: ${w.allowed.join(', ')}.`);
    expect(snapshotOf(w)).toBe(before);
  });

  it.each(OPERATIONS)('%s after the agent completed: statusCode 6, the session is no longer its own', (name, _states, params) => {
    const w = world();
    w.act('agent1', 'Complete');
    const error = refusal(() => w.act('agent1', name, params));
    expect([error.statusCode, error.code]).toEqual([6, 'NOT_A_PARTICIPANT']);
  });
});

describe('parameters: statusCode 1, naming the parameter, changing nothing', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['SendMessage', {}, 'MISSING_PARAMETER', "'text'"],
    ['SendMessage', { text: 1 }, 'INVALID_PARAMETER', "'text'"],
    ['SendToAgents', {}, 'MISSING_PARAMETER', "'text'"],
    ['SendStartTypingNotification', { text: 1 }, 'INVALID_PARAMETER', "'text'"],
    ['Consult', {}, 'MISSING_PARAMETER', "'targetUri'"],
    ['Consult', { targetPath: '/queues/q1' }, 'QUEUE_NOT_FOUND', 'no queue q1; the queues are SocialMediaQueue'],
    ['Consult', { targetPath: '/groups/g1' }, 'INVALID_PARAMETER', "'targetPath'"],
    ['Consult', { targetPath: '/users/nobody' }, 'TARGET_NOT_A_USER', 'no user nobody; the users are agent1 ('],
    ['Transfer', { targetUri: 5 }, 'INVALID_PARAMETER', "'targetUri'"],
    ['Complete', { queueName: '' }, 'INVALID_PARAMETER', "'queueName'"],
    ['RemoveParticipantFromConference', {}, 'MISSING_PARAMETER', "'targetUri'"],
    ['SetDisposition', {}, 'MISSING_PARAMETER', "'disposition'"],
    ['SetDisposition', { disposition: '' }, 'INVALID_PARAMETER', "'disposition'"],
    ['SetDisposition', { disposition: 'Resolved', dispositionKey: 3 }, 'INVALID_PARAMETER', "'dispositionKey'"],
    ['AttachUserData', {}, 'MISSING_PARAMETER', "'userData'"],
    ['AttachUserData', { userData: 'Reason=Billing' }, 'INVALID_PARAMETER', "'userData'"],
    ['UpdateUserData', { userData: null }, 'INVALID_PARAMETER', "'userData'"],
    ['DeleteUserData', {}, 'MISSING_PARAMETER', "'keys'"],
    ['DeleteUserData', { keys: [] }, 'INVALID_PARAMETER', "'keys'"],
    ['DeleteUserData', { keys: 'Reason' }, 'INVALID_PARAMETER', "'keys'"],
    ['AddComment', { comment: 1 }, 'INVALID_PARAMETER', "'comment'"],
  ])('%s %j: %s', (name, params, code, says) => {
    const w = world();
    const before = snapshotOf(w);
    const error = refusal(() => w.act('agent1', name, params));
    expect([error.statusCode, error.code]).toEqual([1, code]);
    expect(error.message).toContain(says);
    expect(snapshotOf(w)).toBe(before);
  });

  it.each([[{ nickname: '' }], [{ nickname: 5 }]])('Accept %j: INVALID_PARAMETER nickname, the agent still Invited', (params) => {
    const w = agentIn('Invited');
    const error = refusal(() => w.act('agent3', 'Accept', params));
    expect([error.statusCode, error.code]).toEqual([1, 'INVALID_PARAMETER']);
    expect(error.message).toContain("'nickname'");
    expect(w.stateOf('agent3')).toBe('Invited');
  });

  it('a refusal names an example of a body that works', () => {
    const w = world();
    expect(refusal(() => w.act('agent1', 'SetDisposition', {})).message).toBe(
      `Missing required parameter 'disposition': expected string, received undefined; for example {"disposition":"Resolved"}`,
    );
  });
});

describe('targets Consult and Transfer cannot invite: statusCode 2 TARGET_BUSY', () => {
  it.each<[string, string, string]>([
    ['Consult', AGENT1_ID, 'agent1 is the caller'],
    ['Consult', AGENT2_ID, 'agent2 is already a participant'],
    ['Transfer', AGENT2_ID, 'agent2 is already a participant'],
  ])('%s of %s: %s', (name, userId, why) => {
    const w = world();
    const error = refusal(() => w.act('agent1', name, { targetPath: `/users/${userId}` }));
    expect([error.statusCode, error.code]).toEqual([2, 'TARGET_BUSY']);
    expect(error.message).toBe(`Cannot ${name}: ${why} in session ${SESSION_ID}; choose another agent.`);
  });

  it('an agent already invited', () => {
    const w = agentIn('Invited');
    for (const name of ['Consult', 'Transfer']) {
      const error = refusal(() => w.act('agent1', name, { targetPath: `/users/${AGENT3_ID}` }));
      expect([error.statusCode, error.code]).toEqual([2, 'TARGET_BUSY']);
      expect(error.message).toBe(`Cannot ${name}: agent3 is already invited in session ${SESSION_ID}; choose another agent.`);
    }
  });
});

describe("the caller's role: an agent visible to Agents (a consultant) may not hand over or remove", () => {
  it.each([
    ['RemoveParticipantFromConference', AGENT1_ID, 'VISIBILITY_NOT_ALL', 'In this session that is agent1'],
    ['Transfer', AGENT3_ID, 'HANDOVER_NOT_ALL', "the caller's visibility is Agents"],
  ])('%s by agent2: statusCode 3 (%s), changing nothing', (name, targetUserId, code, says) => {
    const w = world();
    const before = snapshotOf(w);
    const error = refusal(() => w.act('agent2', name, { targetPath: `/users/${targetUserId}` }));
    expect([error.statusCode, error.httpStatus, error.code]).toEqual([3, 403, code]);
    expect(error.message).toContain(says);
    expect(snapshotOf(w)).toBe(before);
  });

  it('it may Consult', () => {
    expect(world().act('agent2', 'Consult', { targetPath: `/users/${AGENT3_ID}` }).answer).toEqual({ referenceId: 1 });
  });
});
