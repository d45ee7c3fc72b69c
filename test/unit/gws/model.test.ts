import {
  AGENT1_ID,
  AGENT1_PARTICIPANT,
  AGENT2_ID,
  AGENT2_PARTICIPANT,
  AGENT3_ID,
  CUSTOMER_PARTICIPANT,
  AGENT4_ID,
  SESSION_ID,
  fixtureWithAgent4,
} from '../../helpers/default-fixture';
import { thrown } from '../../helpers/files';
import { GwsError } from '../../../src/errors';
import { loadFixture, type User } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { performOperation } from '../../../src/gws/operations';
import { removeParticipantFromConference } from '../../../src/gws/operations/remove-participant-from-conference';

const OPERATION = 'RemoveParticipantFromConference';

function user(model: GwsModel, userName: string): User {
  const found = model.userByName(userName);
  if (!found) throw new Error(`no ${userName} in the fixture`);
  return found;
}

function remove(model: GwsModel, by: string, targetUserId: string, sessionId = SESSION_ID) {
  return performOperation(model, user(model, by), sessionId, { operationName: OPERATION, targetPath: `/users/${targetUserId}` });
}

const refusal = (call: () => unknown) => thrown(GwsError, call);


describe('GwsModel on the embedded fixture', () => {
  let model: GwsModel;
  beforeEach(() => {
    model = new GwsModel(loadFixture());
  });

  it('finds users by id and by name', () => {
    expect(model.users.map((u) => u.userName)).toEqual(['agent1', 'agent2', 'agent3']);
    expect(model.userById(AGENT2_ID)?.userName).toBe('agent2');
    expect(model.userByName('agent1')?.id).toBe(AGENT1_ID);
    expect(model.userById('nobody')).toBeUndefined();
    expect(model.userByName('nobody')).toBeUndefined();
  });

  it('lists the sessions an agent takes part in', () => {
    expect(model.sessionsOf(AGENT1_ID).map((s) => s.id)).toEqual([SESSION_ID]);
    expect(model.sessionsOf(AGENT2_ID).map((s) => s.id)).toEqual([SESSION_ID]);
    expect(model.sessionsOf(AGENT3_ID)).toEqual([]);
  });

  it('starts with no departed agents and referenceId 0', () => {
    expect(model.allSessions()[0].departed).toEqual([]);
    expect(model.lastReference).toBe(0);
  });

  it('does not share state with the fixture', () => {
    remove(model, 'agent1', AGENT2_ID);
    expect(model.fixture.facebooksessions[0].participants).toHaveLength(3);
    expect(model.fixture.facebooksessions[0].messages).toHaveLength(5);
  });
});

describe('RemoveParticipantFromConference: agent1 removes agent2', () => {
  let model: GwsModel;
  beforeEach(() => {
    model = new GwsModel(loadFixture());
  });

  it('tells the caller and the target, no one else', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    expect(outcome.operation).toBe(OPERATION);
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID },
      { role: 'target', userId: AGENT2_ID },
    ]);
    expect(outcome.caller.participantId).toBe(AGENT1_PARTICIPANT);
    expect(outcome.target.participantId).toBe(AGENT2_PARTICIPANT);
  });

  it('leaves the customer and agent1 in the session and agent2 departed', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    expect(outcome.session.participants.map((p) => p.participantId)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT]);
    expect(outcome.session.departed.map((p) => p.participantId)).toEqual([AGENT2_PARTICIPANT]);
    expect(outcome.session.state).toBe('Chatting');
    const [live] = model.allSessions();
    expect(live.participants.map((p) => p.participantId)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT]);
    expect(model.sessionsOf(AGENT2_ID)).toEqual([]);
  });

  it('logs a Notice at index 5 and a ParticipantLeft at index 6', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    const { notice, participantLeft } = outcome.messages;
    expect(Object.keys(outcome.messages).sort()).toEqual(['notice', 'participantLeft']);

    expect(notice.index).toBe(5);
    expect(notice.message).toEqual({
      type: 'Notice',
      from: AGENT1_PARTICIPANT,
      text: `REMOVE_PARTICIPANT_FROM_CONFERENCE${AGENT2_ID}`,
      visibility: 'Agents',
    });
    expect(notice.from.participantId).toBe(AGENT1_PARTICIPANT);

    expect(participantLeft.index).toBe(6);
    expect(participantLeft.message).toEqual({ type: 'ParticipantLeft', from: AGENT2_PARTICIPANT, visibility: 'Agents' });
    expect(participantLeft.from.participantId).toBe(AGENT2_PARTICIPANT);

    expect(outcome.session.messages).toHaveLength(7);
    expect(outcome.session.messages[5]).toEqual(notice.message);
    expect(outcome.session.messages[6]).toEqual(participantLeft.message);
  });

  it('accepts the target as a full user URI too', () => {
    const outcome = performOperation(model, user(model, 'agent1'), SESSION_ID, {
      operationName: OPERATION,
      targetUri: `http://sim.test:1/api/v2/users/${AGENT2_ID}`,
    });
    expect(outcome.target.userId).toBe(AGENT2_ID);
  });

  it('decodes a percent-encoded user id', () => {
    const encoded = `${AGENT2_ID.slice(0, -1)}%${AGENT2_ID.charCodeAt(AGENT2_ID.length - 1).toString(16)}`;
    const outcome = performOperation(model, user(model, 'agent1'), SESSION_ID, { operationName: OPERATION, targetPath: `/users/${encoded}` });
    expect(outcome.target.userId).toBe(AGENT2_ID);
  });

  it('gives arrays of this realm in the outcome and the model (faye copies with instanceof Array)', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    const [live] = model.allSessions();
    for (const array of [outcome.session.participants, outcome.session.messages, outcome.session.departed, live.participants, live.messages]) {
      expect(array instanceof Array).toBe(true);
    }
  });

  it('can be called directly, without the dispatcher', () => {
    const outcome = removeParticipantFromConference(model, user(model, 'agent1'), SESSION_ID, { targetPath: `/users/${AGENT2_ID}` });
    expect(outcome.referenceId).toBe(1);
    expect(outcome.target.userId).toBe(AGENT2_ID);
  });

  it('returns a copy of the session that later changes leave alone', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    const [live] = model.allSessions();
    live.state = 'Completed';
    live.messages.push({ type: 'Text', from: AGENT1_PARTICIPANT, text: 'later', visibility: 'All' });
    live.participants.pop();
    expect(outcome.session).not.toBe(live);
    expect(outcome.session.state).toBe('Chatting');
    expect(outcome.session.messages).toHaveLength(7);
    expect(outcome.session.participants).toHaveLength(2);
  });

  it('numbers operations from 1; reset() starts again at 1', () => {
    const first = remove(model, 'agent1', AGENT2_ID);
    expect(first.referenceId).toBe(1);
    expect(model.lastReference).toBe(1);
    model.reset();
    expect(model.lastReference).toBe(0);
    expect(remove(model, 'agent1', AGENT2_ID).referenceId).toBe(1);
  });

  it('numbers successive operations 1, 2 and does not spend a number on a refusal', () => {
    const model4 = new GwsModel(fixtureWithAgent4());
    expect(remove(model4, 'agent1', AGENT2_ID).referenceId).toBe(1);
    refusal(() => remove(model4, 'agent1', AGENT2_ID));
    expect(model4.lastReference).toBe(1);
    expect(remove(model4, 'agent1', AGENT4_ID).referenceId).toBe(2);
  });

  it('reset() restores the fixture', () => {
    remove(model, 'agent1', AGENT2_ID);
    model.reset();
    const [session] = model.allSessions();
    expect(session.participants.map((p) => p.participantId)).toEqual([CUSTOMER_PARTICIPANT, AGENT1_PARTICIPANT, AGENT2_PARTICIPANT]);
    expect(session.departed).toEqual([]);
    expect(session.messages).toHaveLength(5);
    expect(model.sessionsOf(AGENT2_ID).map((s) => s.id)).toEqual([SESSION_ID]);
    expect({ ...session, departed: undefined }).toEqual({ ...loadFixture().facebooksessions[0], departed: undefined });
  });

  it('tells a third agent in the session with role others', () => {
    const model4 = new GwsModel(fixtureWithAgent4());
    const outcome = remove(model4, 'agent1', AGENT2_ID);
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID },
      { role: 'target', userId: AGENT2_ID },
      { role: 'others', userId: AGENT4_ID },
    ]);
  });
});

describe('RemoveParticipantFromConference refusals', () => {
  let model: GwsModel;
  beforeEach(() => {
    model = new GwsModel(loadFixture());
  });

  const agent1 = () => user(model, 'agent1');
  const perform = (body: unknown, by = agent1(), sessionId = SESSION_ID) => () => performOperation(model, by, sessionId, body);
  const target = (userId: string) => ({ operationName: OPERATION, targetPath: `/users/${userId}` });

  it.each<[string, number, string, unknown]>([
    ['missing operationName', 1, 'MISSING_PARAMETER', { targetPath: `/users/${AGENT2_ID}` }],
    ['non-string operationName', 1, 'INVALID_PARAMETER', { operationName: 42, targetPath: `/users/${AGENT2_ID}` }],
    ['unknown operationName', 1, 'UNKNOWN_OPERATION', { operationName: 'Leave', targetPath: `/users/${AGENT2_ID}` }],
    ['body null', 1, 'INVALID_PARAMETER', null],
    ['body an array', 1, 'INVALID_PARAMETER', [OPERATION]],
    ['body a string', 1, 'INVALID_PARAMETER', OPERATION],
    ['missing targetUri and targetPath', 1, 'MISSING_PARAMETER', { operationName: OPERATION }],
    ['targetUri not a user URI', 1, 'INVALID_PARAMETER', { operationName: OPERATION, targetUri: 'http://sim.test:1/api/v2/queues/q1' }],
    ['targetUri a bare path', 1, 'INVALID_PARAMETER', { operationName: OPERATION, targetUri: `/users/${AGENT2_ID}` }],
    ['targetUri not a string', 1, 'INVALID_PARAMETER', { operationName: OPERATION, targetUri: 42 }],
    ['targetPath not a user path', 1, 'INVALID_PARAMETER', { operationName: OPERATION, targetPath: `/queues/${AGENT2_ID}` }],
    ['targetPath with a malformed percent-encoding', 1, 'INVALID_PARAMETER', { operationName: OPERATION, targetPath: '/users/%E0%A4%A' }],
    ['targetUri with a malformed percent-encoding', 1, 'INVALID_PARAMETER', { operationName: OPERATION, targetUri: 'http://sim.test:1/api/v2/users/%' }],
  ])('%s: statusCode %i (%s)', (_what, statusCode, code, body) => {
    const error = refusal(perform(body));
    expect(error.statusCode).toBe(statusCode);
    expect(error.code).toBe(code);
    expect(model.allSessions()[0].participants).toHaveLength(3);
  });

  it('names the missing parameter and the supported operations', () => {
    expect(refusal(perform({ targetPath: '/users/x' })).message).toContain("'operationName'");
    expect(refusal(perform({ operationName: 'Leave' })).message).toContain(OPERATION);
    expect(refusal(perform({ operationName: OPERATION })).message).toContain("'targetUri'");
  });

  it('an unknown session: statusCode 6', () => {
    const error = refusal(perform(target(AGENT2_ID), agent1(), 'NOSUCHSESSION'));
    expect([error.statusCode, error.code]).toEqual([6, 'SESSION_NOT_FOUND']);
  });

  it('a caller who is not a participant (agent3): statusCode 6', () => {
    const error = refusal(perform(target(AGENT2_ID), user(model, 'agent3')));
    expect([error.statusCode, error.code]).toEqual([6, 'NOT_A_PARTICIPANT']);
  });

  it('a caller visible to Agents only (agent2): statusCode 3, naming who may', () => {
    const error = refusal(perform(target(AGENT1_ID), user(model, 'agent2')));
    expect([error.statusCode, error.code]).toEqual([3, 'VISIBILITY_NOT_ALL']);
    expect(error.message).toContain('agent1');
    expect(model.allSessions()[0].participants).toHaveLength(3);
  });

  it('a target not in the session (agent3): statusCode 2', () => {
    const error = refusal(perform(target(AGENT3_ID)));
    expect([error.statusCode, error.code]).toEqual([2, 'TARGET_NOT_IN_SESSION']);
  });

  it('a target already removed: statusCode 2', () => {
    remove(model, 'agent1', AGENT2_ID);
    const error = refusal(perform(target(AGENT2_ID)));
    expect([error.statusCode, error.code]).toEqual([2, 'TARGET_ALREADY_REMOVED']);
    expect(model.allSessions()[0].messages).toHaveLength(7);
  });

  it('the caller as target: statusCode 2', () => {
    const error = refusal(perform(target(AGENT1_ID)));
    expect([error.statusCode, error.code]).toEqual([2, 'TARGET_IS_CALLER']);
  });

  it('a removed agent can no longer act on the session: statusCode 6', () => {
    remove(model, 'agent1', AGENT2_ID);
    const error = refusal(perform(target(AGENT1_ID), user(model, 'agent2')));
    expect(error.statusCode).toBe(6);
  });
});
