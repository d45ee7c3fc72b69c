import { BAYEUX_ERRORS, bayeuxError, ERRORS, GwsError, gwsError, type ErrorCode } from '../../src/errors';

/**
 * The error catalogue is part of the simulator's contract: every code's GWS statusCode and HTTP
 * status is pinned here, so that changing one is a deliberate edit of this table.
 */
const CATALOGUE: [ErrorCode, number, number][] = [
  ['ACCESS_DENIED', 20, 401],
  ['MALFORMED_JSON', 1, 400],
  ['BODY_TOO_LARGE', 1, 413],
  ['NOT_JSON_CONTENT_TYPE', 1, 415],
  ['BODY_TOO_DEEP', 1, 400],
  ['BAD_REQUEST', 1, 400],
  ['MISSING_PARAMETER', 1, 400],
  ['INVALID_PARAMETER', 1, 400],
  ['UNKNOWN_OPERATION', 1, 400],
  ['WRONG_STATE', 2, 400],
  ['TARGET_NOT_A_USER', 1, 400],
  ['TARGET_BUSY', 2, 400],
  ['NO_CONSULT_PENDING', 2, 400],
  ['CUSTOMER_GONE', 2, 400],
  ['CALL_OVER', 2, 400],
  ['CALL_NOT_ALLOWED', 2, 400],
  ['DO_NOT_DISTURB', 2, 400],
  ['DEVICE_NOT_FOUND', 6, 404],
  ['NO_SUCH_AGENT', 1, 400],
  ['TARGET_NOT_IN_SESSION', 2, 400],
  ['TARGET_ALREADY_REMOVED', 2, 400],
  ['TARGET_IS_CALLER', 2, 400],
  ['VISIBILITY_NOT_ALL', 3, 403],
  ['HANDOVER_NOT_ALL', 3, 403],
  ['SESSION_NOT_FOUND', 6, 404],
  ['NOT_A_PARTICIPANT', 6, 404],
  ['USER_NOT_FOUND', 6, 404],
  ['AGENT_NOT_FOUND', 6, 404],
  ['NO_SUCH_RESOURCE', 6, 404],
  ['ADMIN_TOKEN_REQUIRED', 20, 401],
  ['CROSS_SITE_REFUSED', 3, 403],
  ['NO_SUCH_WEBSOCKET', 6, 404],
  ['ORIGIN_NOT_ALLOWED', 3, 403],
  ['CSRF_TOKEN_INVALID', 3, 403],
  ['CLUSTER_UNAVAILABLE', 4, 503],
  ['INTERNAL', 4, 500],
  ['NO_SUCH_CHANNEL', 1, 400],
  ['CHANNEL_NOT_FOUND', 6, 404],
  ['NOT_LOGGED_IN', 2, 400],
  ['SESSIONS_OPEN', 2, 400],
  ['PARTIAL_SUCCESS', 7, 200],
  ['TOO_MANY_INTERACTIONS', 2, 400],
  ['LOG_FULL', 2, 400],
  ['MESSAGE_TOO_LONG', 1, 400],
  ['USER_DATA_TOO_LARGE', 1, 400],
  ['QUEUE_NOT_FOUND', 1, 400],
  ['QUEUE_NOT_ROUTED', 1, 400],
];

describe('ERRORS', () => {
  it('holds exactly the pinned codes', () => {
    expect(Object.keys(ERRORS).sort()).toEqual(CATALOGUE.map(([code]) => code).sort());
  });

  it.each(CATALOGUE)('%s is statusCode %i, HTTP %i', (code, statusCode, httpStatus) => {
    expect(ERRORS[code].statusCode).toBe(statusCode);
    expect(ERRORS[code].httpStatus).toBe(httpStatus);
  });

  it.each(CATALOGUE)('a GwsError for %s carries statusCode %i and HTTP %i', (code, statusCode, httpStatus) => {
    const error = new GwsError(code, 'why');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GwsError');
    expect(error.code).toBe(code);
    expect(error.statusCode).toBe(statusCode);
    expect(error.httpStatus).toBe(httpStatus);
  });
});

describe('gwsError', () => {
  it('formats the message from the catalogue', () => {
    const error = gwsError('MISSING_PARAMETER', 'targetUri', 'give a user URI');
    expect(error.message).toBe("Missing required parameter 'targetUri': give a user URI");
    expect(error.code).toBe('MISSING_PARAMETER');
    expect(error.statusCode).toBe(1);
  });

  it('names the resource and lists the supported operations in UNKNOWN_OPERATION', () => {
    const error = gwsError('UNKNOWN_OPERATION', 'Dance', 'facebooksession', ['A', 'B']);
    expect(error.message).toBe("Unknown operationName 'Dance' for a facebooksession. gws-sim supports: A, B.");
  });

  it('names the operation, the agent, its state and what it may do now in WRONG_STATE', () => {
    expect(gwsError('WRONG_STATE', 'SendMessage', 'agent1', 'Invited', ['Accept', 'Reject']).message).toBe(
      'Cannot SendMessage: the session is Invited for agent1, and SendMessage is not allowed there. Allowed now: Accept, Reject.',
    );
    expect(gwsError('WRONG_STATE', 'Leave', 'agent1', 'Completed', []).message).toBe(
      'Cannot Leave: the session is Completed for agent1, and Leave is not allowed there. Nothing is allowed now.',
    );
  });

  it.each<[string, () => Error, string]>([
    ['TARGET_NOT_A_USER', () => gwsError('TARGET_NOT_A_USER', 'x1', 'agent1 (id1)'), 'Invalid target: no user x1; the users are agent1 (id1).'],
    [
      'TARGET_BUSY',
      () => gwsError('TARGET_BUSY', 'Consult', 'agent2', 'S1', 'is already a participant'),
      'Cannot Consult: agent2 is already a participant in session S1; choose another agent.',
    ],
    [
      'NO_CONSULT_PENDING',
      () => gwsError('NO_CONSULT_PENDING', 'agent1', 'S1'),
      'Cannot CancelConsult: agent1 has no consultation waiting to be accepted in session S1. An accepted consultation cannot be cancelled: RemoveParticipantFromConference removes the consultant.',
    ],
    [
      'CUSTOMER_GONE',
      () => gwsError('CUSTOMER_GONE', 'S1'),
      'The customer has left session S1: it can no longer write, type or leave. Offer a new session.',
    ],
    ['CALL_OVER', () => gwsError('CALL_OVER', 'C1'), 'Call C1 is over: the customer can no longer hang up, answer or refuse it. Start a new call: POST /sim/calls.'],
    ['CALL_NOT_ALLOWED', () => gwsError('CALL_NOT_ALLOWED', 'MuteCall', 'agent1', 'call L1 is already muted'), 'Cannot MuteCall: call L1 is already muted for agent1.'],
    ['DO_NOT_DISTURB', () => gwsError('DO_NOT_DISTURB', 'agent2', '7002'), "Cannot Dial 7002: agent2's phone is on do-not-disturb (DoNotDisturbOff ends it)."],
    ['DEVICE_NOT_FOUND', () => gwsError('DEVICE_NOT_FOUND', 'd9', 'agent1', 'd1'), 'No device d9 for agent1: its device is d1 (GET /api/v2/me/devices).'],
    [
      'HANDOVER_NOT_ALL',
      () => gwsError('HANDOVER_NOT_ALL', 'Transfer', 'Agents'),
      "Cannot Transfer: the caller's visibility is Agents; only the agent the customer sees (visibility All) hands the session over. A consultant may Leave instead.",
    ],
    [
      'NO_SUCH_AGENT',
      () => gwsError('NO_SUCH_AGENT', 'offerTo', 'agent9', 'agent1, agent2'),
      "Invalid parameter 'offerTo': no user 'agent9'; the users are agent1, agent2.",
    ],
  ])('formats %s: what failed, why, what to do', (_code, make, message) => {
    expect(make().message).toBe(message);
  });

  it.each<[string, () => Error, string]>([
    ['SESSION_NOT_FOUND of a chat', () => gwsError('SESSION_NOT_FOUND', 'C1', 'chat'), 'No chat C1.'],
    ['NOT_A_PARTICIPANT of a chat', () => gwsError('NOT_A_PARTICIPANT', 'C1', 'agent3', 'chat'), 'No chat C1 for agent3: the agent is not one of its participants.'],
    [
      'NO_SUCH_CHANNEL',
      () => gwsError('NO_SUCH_CHANNEL', 'email', ['chat', 'voice']),
      "Cannot log in on channel 'email': gws-sim simulates only the channels chat, voice (email and the others are not simulated).",
    ],
    ['CHANNEL_NOT_FOUND', () => gwsError('CHANNEL_NOT_FOUND', 'email', ['chat']), 'No channel email: gws-sim simulates only /api/v2/me/channels/chat.'],
    ['WRONG_STATE of a call', () => gwsError('WRONG_STATE', 'Hold', 'agent1', 'Ringing', ['Answer'], 'call'), 'Cannot Hold: the call is Ringing for agent1, and Hold is not allowed there. Allowed now: Answer.'],
    [
      'NOT_LOGGED_IN',
      () => gwsError('NOT_LOGGED_IN', 'Ready', 'agent2', 'chat'),
      'Cannot Ready: agent2 is not logged in on channel chat. Log in first: POST /api/v2/me {"operationName": "StartContactCenterSession", "channels": ["chat"]}.',
    ],
    [
      'SESSIONS_OPEN',
      () => gwsError('SESSIONS_OPEN', 'agent1', ['chat C1']),
      'Cannot EndContactCenterSession: agent1 still has chat C1 offered or open. Reject, Complete or Leave it first.',
    ],
    ['PARTIAL_SUCCESS', () => gwsError('PARTIAL_SUCCESS', ['voice'], ['chat']), 'Partial success: chat started; voice failed (see results).'],
    ['QUEUE_NOT_FOUND', () => gwsError('QUEUE_NOT_FOUND', "queueName 'Sales'", ['ChatQueue (q1)']), "Invalid target: no queueName 'Sales'; the queues are ChatQueue (q1)."],
    [
      'QUEUE_NOT_ROUTED',
      () => gwsError('QUEUE_NOT_ROUTED', 'facebooksession'),
      'Invalid target: gws-sim routes no facebooksession through a queue (only chats); consult or transfer to an agent: targetPath "/users/<userId>".',
    ],
    // Lists a user makes long are cut: a few, then how many more.
    [
      'SESSIONS_OPEN with many',
      () => gwsError('SESSIONS_OPEN', 'agent1', ['chat C1', 'chat C2', 'chat C3', 'chat C4', 'chat C5', 'chat C6', 'chat C7']),
      'Cannot EndContactCenterSession: agent1 still has chat C1, chat C2, chat C3, chat C4, chat C5 and 2 more offered or open. Reject, Complete or Leave them first.',
    ],
    [
      'PARTIAL_SUCCESS with many',
      () => gwsError('PARTIAL_SUCCESS', ['x'.repeat(100), 'b', 'c', 'd', 'e', 'f'], ['chat']),
      `Partial success: chat started; ${'x'.repeat(37)}..., b, c, d, e and 1 more failed (see results).`,
    ],
  ])('formats %s for chats and the agent\'s day', (_code, make, message) => {
    expect(make().message).toBe(message);
  });

  it('names the allowed agents in VISIBILITY_NOT_ALL only when there are some', () => {
    expect(gwsError('VISIBILITY_NOT_ALL', 'Agents', 'agent1').message).toContain('In this session that is agent1');
    expect(gwsError('VISIBILITY_NOT_ALL', 'Agents', '').message).not.toContain('In this session');
  });
});

describe('GwsError.toBody', () => {
  it('has exactly statusCode and statusMessage', () => {
    const body = gwsError('SESSION_NOT_FOUND', 'S1').toBody();
    expect(Object.keys(body).sort()).toEqual(['statusCode', 'statusMessage']);
    expect(body).toEqual({ statusCode: 6, statusMessage: 'No facebooksession S1.' });
  });
});

describe('BAYEUX_ERRORS', () => {
  test('each reads code:args:message, as Bayeux and faye write them', () => {
    expect(Object.keys(BAYEUX_ERRORS).sort()).toEqual(['BAD_FIELD', 'BAD_FRAME', 'CONNECTION_TYPES', 'HANDSHAKE_DENIED', 'INTERNAL', 'PUBLISH_DENIED', 'SUBSCRIPTION_DENIED', 'UNKNOWN_CLIENT']);
    expect(bayeuxError('UNKNOWN_CLIENT')).toBe('402::Unknown client');
    expect(bayeuxError('HANDSHAKE_DENIED')).toBe('403::Handshake denied');
    expect(bayeuxError('PUBLISH_DENIED', '/v2/me/chats')).toBe('403:/v2/me/chats:Publish denied');
    expect(bayeuxError('SUBSCRIPTION_DENIED', '/foo')).toBe('403:/foo:Subscription denied');
    expect(bayeuxError('CONNECTION_TYPES', ['a', 'b'], ['websocket'])).toBe('301:a,b:Connection types not supported; gws-sim serves websocket');
    expect(bayeuxError('BAD_FIELD', 'channel', 'must be a string')).toBe('400:channel:must be a string');
    expect(bayeuxError('BAD_FRAME', 'not JSON')).toBe('400::not JSON');
    expect(bayeuxError('INTERNAL')).toBe('500::internal error of gws-sim (logged)');
  });
});
