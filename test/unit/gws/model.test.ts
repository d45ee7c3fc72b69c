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
import { ALONE_ALL, CONFERENCE_ALL } from './capabilities';
import { GwsError } from '../../../src/errors';
import { loadFixture, type User } from '../../../src/gws/fixture';
import { GwsModel, snapshot } from '../../../src/gws/model';
import { capabilitiesOf, performOperation } from '../../../src/gws/operations/registry';
import { removeParticipantFromConference } from '../../../src/gws/operations/session/remove-participant-from-conference';

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

  it('starts with no departed or invited agents and referenceId 0', () => {
    expect(model.allSessions()[0].departed).toEqual([]);
    expect(model.allSessions()[0].invited).toEqual([]);
    expect(model.lastReference).toBe(0);
  });

  it("gives each agent of a fixture session the session's state, and the session its media", () => {
    const [session] = model.allSessions();
    expect(session.media).toBe('facebook');
    expect(session.states).toEqual({ [AGENT1_ID]: 'Chatting', [AGENT2_ID]: 'Chatting' });
  });

  it("sessionFor() answers where the user stands: its state, participant and invitation", () => {
    const standing = model.sessionFor(user(model, 'agent2'), SESSION_ID);
    expect(standing.session).toBe(model.session(SESSION_ID));
    expect(standing.state).toBe('Chatting');
    expect(standing.participant?.participantId).toBe(AGENT2_PARTICIPANT);
    expect(standing.invitation).toBeUndefined();
  });

  it('sessionFor() refuses with 6 an unknown session, an outsider and an agent whose session is Completed', () => {
    expect(refusal(() => model.sessionFor(user(model, 'agent1'), 'NOSUCH')).code).toBe('SESSION_NOT_FOUND');
    const outsider = refusal(() => model.sessionFor(user(model, 'agent3'), SESSION_ID));
    expect([outsider.statusCode, outsider.code]).toEqual([6, 'NOT_A_PARTICIPANT']);
    expect(outsider.message).toBe(`No facebooksession ${SESSION_ID} for agent3: the agent is not one of its participants.`);
    model.session(SESSION_ID).states[AGENT2_ID] = 'Completed';
    expect(refusal(() => model.sessionFor(user(model, 'agent2'), SESSION_ID)).code).toBe('NOT_A_PARTICIPANT');
  });

  it('sessionsOf() lists invited, chatting and left sessions, not completed ones', () => {
    const session = model.session(SESSION_ID);
    for (const state of ['Invited', 'Chatting', 'LeftChat'] as const) {
      session.states[AGENT3_ID] = state;
      expect(model.sessionsOf(AGENT3_ID).map((s) => s.id)).toEqual([SESSION_ID]);
    }
    session.states[AGENT3_ID] = 'Completed';
    expect(model.sessionsOf(AGENT3_ID)).toEqual([]);
  });

  it('addSession() generates 16-character ids, gws-sim- before a session id, the same again after reset()', () => {
    const add = () =>
      model.addSession((nextId) => ({
        ...loadFixture().facebooksessions[0],
        participants: [{ type: 'Customer', participantId: nextId(), nickname: 'Alice', visibility: 'All' }],
        media: 'facebook',
        departed: [],
        invited: [],
        states: {},
      }));
    const first = add();
    expect(first.participants[0].participantId).toBe('00SIM00000000001');
    expect(first.id).toBe('gws-sim-00SIM00000000002');
    expect(model.session(first.id)).toBe(first);
    expect(add().id).toBe('gws-sim-00SIM00000000004');
    model.reset();
    expect(() => model.session(first.id)).toThrow(GwsError);
    expect(add().id).toBe(first.id);
  });

  it('snapshot() copies the lists and states that operations replace or change', () => {
    const live = model.session(SESSION_ID);
    const copy = snapshot(live);
    live.states[AGENT3_ID] = 'Invited';
    live.participants.pop();
    live.messages.push({ type: 'Text', from: AGENT1_PARTICIPANT, text: 'later', visibility: 'All' });
    expect(copy.states[AGENT3_ID]).toBeUndefined();
    expect(copy.participants).toHaveLength(3);
    expect(copy.messages).toHaveLength(4);
  });

  it('does not share state with the fixture', () => {
    remove(model, 'agent1', AGENT2_ID);
    expect(model.fixture.facebooksessions[0].participants).toHaveLength(3);
    expect(model.fixture.facebooksessions[0].messages).toHaveLength(4);
  });
});

describe('RemoveParticipantFromConference: agent1 removes agent2', () => {
  let model: GwsModel;
  beforeEach(() => {
    model = new GwsModel(loadFixture());
  });

  it('tells the caller and the target, no one else, each with its state and capabilities after it', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    expect(outcome.operation).toBe(OPERATION);
    expect([outcome.media, outcome.topic]).toEqual(['facebook', '/v2/me/facebooksession']);
    expect(outcome.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID, state: 'Chatting', capabilities: ALONE_ALL },
      { role: 'target', userId: AGENT2_ID, state: 'Completed', capabilities: [] },
    ]);
    expect(Object.keys(outcome.participants)).toEqual(['caller', 'target']);
    expect(outcome.participants.caller.participantId).toBe(AGENT1_PARTICIPANT);
    expect(outcome.participants.target.participantId).toBe(AGENT2_PARTICIPANT);
    expect(outcome.answer).toEqual({});
  });

  it("lists RemoveParticipantFromConference in agent1's capabilities while another agent is there, not after", () => {
    const before = capabilitiesOf(model, model.session(SESSION_ID), AGENT1_ID);
    expect(before).toEqual(CONFERENCE_ALL);
    remove(model, 'agent1', AGENT2_ID);
    expect(capabilitiesOf(model, model.session(SESSION_ID), AGENT1_ID)).toEqual(ALONE_ALL);
    expect(model.session(SESSION_ID).states[AGENT2_ID]).toBe('Completed');
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

    expect(outcome.session.messages).toHaveLength(6);
    expect(outcome.session.messages[4]).toEqual(notice.message);
    expect(outcome.session.messages[5]).toEqual(participantLeft.message);
  });

  it('accepts the target as a full user URI too', () => {
    const outcome = performOperation(model, user(model, 'agent1'), SESSION_ID, {
      operationName: OPERATION,
      targetUri: `http://sim.test:1/api/v2/users/${AGENT2_ID}`,
    });
    expect(outcome.participants.target).toMatchObject({ type: 'Agent', userId: AGENT2_ID });
  });

  it('decodes a percent-encoded user id', () => {
    const encoded = `${AGENT2_ID.slice(0, -1)}%${AGENT2_ID.charCodeAt(AGENT2_ID.length - 1).toString(16)}`;
    const outcome = performOperation(model, user(model, 'agent1'), SESSION_ID, { operationName: OPERATION, targetPath: `/users/${encoded}` });
    expect(outcome.participants.target).toMatchObject({ type: 'Agent', userId: AGENT2_ID });
  });

  it('gives arrays of this realm in the outcome and the model (faye copies with instanceof Array)', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    const [live] = model.allSessions();
    for (const array of [outcome.session.participants, outcome.session.messages, outcome.session.departed, live.participants, live.messages]) {
      expect(array instanceof Array).toBe(true);
    }
  });

  it('can be performed directly, without the registry: a draft, no referenceId spent', () => {
    const caller = user(model, 'agent1');
    const standing = model.sessionFor(caller, SESSION_ID);
    const params = removeParticipantFromConference.params.parse({ targetPath: `/users/${AGENT2_ID}` });
    const draft = removeParticipantFromConference.perform({ model, caller, session: standing.session, standing, self: standing.participant, params, now: 0 });
    expect(draft.participants.target).toMatchObject({ type: 'Agent', userId: AGENT2_ID });
    expect(draft.recipients).toEqual([
      { role: 'caller', userId: AGENT1_ID },
      { role: 'target', userId: AGENT2_ID },
    ]);
    expect(model.lastReference).toBe(0);
    expect(model.session(SESSION_ID).states[AGENT2_ID]).toBe('Completed');
  });

  it('returns a copy of the session that later changes leave alone', () => {
    const outcome = remove(model, 'agent1', AGENT2_ID);
    const [live] = model.allSessions();
    live.state = 'Completed';
    live.messages.push({ type: 'Text', from: AGENT1_PARTICIPANT, text: 'later', visibility: 'All' });
    live.participants.pop();
    expect(outcome.session).not.toBe(live);
    expect(outcome.session.state).toBe('Chatting');
    expect(outcome.session.messages).toHaveLength(6);
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
    expect(session.messages).toHaveLength(4);
    expect(model.sessionsOf(AGENT2_ID).map((s) => s.id)).toEqual([SESSION_ID]);
    expect(session).toEqual({
      ...loadFixture().facebooksessions[0],
      media: 'facebook',
      departed: [],
      invited: [],
      states: { [AGENT1_ID]: 'Chatting', [AGENT2_ID]: 'Chatting' },
    });
  });

  it('tells a third agent in the session with role others', () => {
    const model4 = new GwsModel(fixtureWithAgent4());
    const outcome = remove(model4, 'agent1', AGENT2_ID);
    expect(outcome.recipients.map((r) => [r.role, r.userId, r.state])).toEqual([
      ['caller', AGENT1_ID, 'Chatting'],
      ['target', AGENT2_ID, 'Completed'],
      ['others', AGENT4_ID, 'Chatting'],
    ]);
    // agent4 is visible to Agents: it may not remove nor transfer.
    expect(outcome.recipients[2].capabilities).not.toContain(OPERATION);
    expect(outcome.recipients[2].capabilities).not.toContain('Transfer');
    expect(outcome.recipients[2].capabilities).toContain('SendToAgents');
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
    ['unknown operationName', 1, 'UNKNOWN_OPERATION', { operationName: 'Dance', targetPath: `/users/${AGENT2_ID}` }],
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
    expect(refusal(perform({ operationName: 'Dance' })).message).toBe(
      "Unknown operationName 'Dance' for a facebooksession. gws-sim supports: Accept, Reject, SendMessage, SendToAgents, SendStartTypingNotification, " +
        'SendStopTypingNotification, Consult, Transfer, Leave, Complete, RemoveParticipantFromConference, SetDisposition, AttachUserData, ' +
        'UpdateUserData, DeleteUserData, AddComment.',
    );
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
    expect(model.allSessions()[0].messages).toHaveLength(6);
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
