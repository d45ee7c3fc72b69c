import { listed, shorten } from './shown';

/**
 * Every refusal the simulator answers on its REST API, in one table: a stable code, the GWS
 * `statusCode`, the HTTP status and the message. GWS documents HTTP statuses only for 0, 4 and
 * CSRF; the others follow the usual mapping, as the README's error table says (400 for 1/2, 403
 * for 3, 404 for 6, 401 for 20).
 */
export const ERRORS = {
  ACCESS_DENIED: {
    statusCode: 20,
    httpStatus: 401,
    message: (why: string) => `Access denied: ${why}`,
  },
  MALFORMED_JSON: {
    statusCode: 1,
    httpStatus: 400,
    message: (detail: string) => `The request body is not valid JSON (${detail}).`,
  },
  BODY_TOO_LARGE: {
    statusCode: 1,
    httpStatus: 413,
    message: (limit: string) => `The request body is larger than ${limit}.`,
  },
  NOT_JSON_CONTENT_TYPE: {
    statusCode: 1,
    httpStatus: 415,
    message: (received: string) =>
      `The request body was sent with ${received}; GWS reads JSON bodies only: send it with Content-Type: application/json.`,
  },
  BODY_TOO_DEEP: {
    statusCode: 1,
    httpStatus: 400,
    message: (limit: number) => `The request body nests objects or arrays deeper than ${limit} levels; GWS bodies are flat.`,
  },
  BAD_REQUEST: {
    statusCode: 1,
    httpStatus: 400,
    message: (detail: string) => `The request cannot be read: ${detail}.`,
  },
  MISSING_PARAMETER: {
    statusCode: 1,
    httpStatus: 400,
    message: (parameter: string, hint: string) => `Missing required parameter '${parameter}': ${hint}`,
  },
  INVALID_PARAMETER: {
    statusCode: 1,
    httpStatus: 400,
    message: (parameter: string, hint: string) => `Invalid parameter '${parameter}': ${hint}`,
  },
  UNKNOWN_OPERATION: {
    statusCode: 1,
    httpStatus: 400,
    message: (operation: string, resource: string, supported: readonly string[]) =>
      `Unknown operationName '${operation}' for a ${resource}. gws-sim supports: ${supported.join(', ')}.`,
  },
  WRONG_STATE: {
    statusCode: 2,
    httpStatus: 400,
    message: (operation: string, who: string, state: string, capabilities: readonly string[], resource = 'session') =>
      `Cannot ${operation}: the ${resource} is ${state} for ${who}, and ${operation} is not allowed there. ` +
      (capabilities.length > 0 ? `Allowed now: ${capabilities.join(', ')}.` : 'Nothing is allowed now.'),
  },
  CALL_OVER: {
    statusCode: 2,
    httpStatus: 400,
    message: (connId: string) => `Call ${connId} is over: the customer can no longer hang up, answer or refuse it. Start a new call: POST /sim/calls.`,
  },
  CALL_NOT_ALLOWED: {
    statusCode: 2,
    httpStatus: 400,
    message: (operation: string, who: string, why: string) => `Cannot ${operation}: ${why} for ${who}.`,
  },
  DEVICE_NOT_FOUND: {
    statusCode: 6,
    httpStatus: 404,
    message: (deviceId: string, userName: string, own: string) => `No device ${deviceId} for ${userName}: its device is ${own} (GET /api/v2/me/devices).`,
  },
  DO_NOT_DISTURB: {
    statusCode: 2,
    httpStatus: 400,
    message: (userName: string, phoneNumber: string, operation = 'Dial') => `Cannot ${operation} ${phoneNumber}: ${userName}'s phone is on do-not-disturb (DoNotDisturbOff ends it).`,
  },
  TARGET_NOT_A_USER: {
    statusCode: 1,
    httpStatus: 400,
    message: (target: string, users: string) => `Invalid target: no user ${target}; the users are ${users}.`,
  },
  TARGET_BUSY: {
    statusCode: 2,
    httpStatus: 400,
    message: (operation: string, target: string, sessionId: string, why: string) =>
      `Cannot ${operation}: ${target} ${why} in session ${sessionId}; choose another agent.`,
  },
  NO_CONSULT_PENDING: {
    statusCode: 2,
    httpStatus: 400,
    // The chat CancelConsult page: the failure comes later, as an Error notification with the referenceId.
    asynchronous: true,
    message: (who: string, sessionId: string) =>
      `Cannot CancelConsult: ${who} has no consultation waiting to be accepted in session ${sessionId}. ` +
      'An accepted consultation cannot be cancelled: RemoveParticipantFromConference removes the consultant.',
  },
  CUSTOMER_GONE: {
    statusCode: 2,
    httpStatus: 400,
    message: (sessionId: string) => `The customer has left session ${sessionId}: it can no longer write, type or leave. Offer a new session.`,
  },
  NO_SUCH_AGENT: {
    statusCode: 1,
    httpStatus: 400,
    message: (parameter: string, name: string, users: string) => `Invalid parameter '${parameter}': no user '${name}'; the users are ${users}.`,
  },
  TARGET_NOT_IN_SESSION: {
    statusCode: 2,
    httpStatus: 400,
    message: (target: string, sessionId: string, resource = 'facebooksession') =>
      `Cannot remove participant: user ${target} is not an agent in ${resource} ${sessionId}.`,
  },
  TARGET_ALREADY_REMOVED: {
    statusCode: 2,
    httpStatus: 400,
    message: (target: string, sessionId: string, resource = 'facebooksession') =>
      `Cannot remove participant: user ${target} has already left ${resource} ${sessionId}.`,
  },
  TARGET_IS_CALLER: {
    statusCode: 2,
    httpStatus: 400,
    message: (sessionId: string, resource = 'facebooksession') =>
      `Cannot remove participant: an agent cannot remove itself from ${resource} ${sessionId}; use Leave.`,
  },
  VISIBILITY_NOT_ALL: {
    statusCode: 3,
    httpStatus: 403,
    message: (visibility: string, allowed: string) =>
      `Cannot remove participant: the caller's visibility is ${visibility}; only a participant visible to All ` +
      `(customer and agents) may remove another agent${allowed ? `. In this session that is ${allowed}` : ''}.`,
  },
  HANDOVER_NOT_ALL: {
    statusCode: 3,
    httpStatus: 403,
    message: (operation: string, visibility: string) =>
      `Cannot ${operation}: the caller's visibility is ${visibility}; only the agent the customer sees (visibility All) hands the session over. A consultant may Leave instead.`,
  },
  SESSION_NOT_FOUND: {
    statusCode: 6,
    httpStatus: 404,
    message: (sessionId: string, resource = 'facebooksession') => `No ${resource} ${sessionId}.`,
  },
  NOT_A_PARTICIPANT: {
    statusCode: 6,
    httpStatus: 404,
    message: (sessionId: string, userName: string, resource = 'facebooksession') =>
      `No ${resource} ${sessionId} for ${userName}: the agent is not one of its participants.`,
  },
  NO_SUCH_CHANNEL: {
    statusCode: 1,
    httpStatus: 400,
    message: (channel: string, simulated: readonly string[]) =>
      `Cannot log in on channel '${shorten(channel, 40)}': gws-sim simulates only the channel${simulated.length === 1 ? '' : 's'} ${simulated.join(', ')} (email and the others are not simulated).`,
  },
  CHANNEL_NOT_FOUND: {
    statusCode: 6,
    httpStatus: 404,
    message: (channel: string, simulated: readonly string[]) =>
      `No channel ${channel}: gws-sim simulates only ${simulated.map((c) => `/api/v2/me/channels/${c}`).join(', ')}.`,
  },
  NOT_LOGGED_IN: {
    statusCode: 2,
    httpStatus: 400,
    message: (operation: string, userName: string, channel: string) =>
      `Cannot ${operation}: ${userName} is not logged in on channel ${channel}. Log in first: POST /api/v2/me {"operationName": "StartContactCenterSession", "channels": ["${channel}"]}.`,
  },
  SESSIONS_OPEN: {
    statusCode: 2,
    httpStatus: 400,
    message: (userName: string, sessions: readonly string[], how = 'Reject, Complete or Leave') =>
      `Cannot EndContactCenterSession: ${userName} still has ${listed(sessions)} offered or open. ${how} ${sessions.length === 1 ? 'it' : 'them'} first.`,
  },
  TOO_MANY_INTERACTIONS: {
    // The simulator's state, not a failure of it: no 5xx for what a user can cause.
    statusCode: 2,
    httpStatus: 400,
    message: (limit: number) =>
      `Cannot start an interaction: gws-sim keeps at most ${limit} (--max-interactions), and none of them is completed by every agent, ` +
      'so none can be forgotten. Complete some, or POST /sim/reset.',
  },
  LOG_FULL: {
    statusCode: 2,
    httpStatus: 400,
    message: (sessionId: string, limit: number, resource = 'facebooksession') =>
      `The log of ${resource} ${sessionId} holds ${limit} messages, the most gws-sim keeps in one interaction (--max-messages-per-interaction). Complete it and offer a new one.`,
  },
  MESSAGE_TOO_LONG: {
    statusCode: 1,
    httpStatus: 400,
    message: (bytes: number, limit: number) => `The message text is ${bytes} bytes (UTF-8), more than the ${limit} gws-sim keeps in one message (--max-message-bytes): send it in parts.`,
  },
  USER_DATA_TOO_LARGE: {
    statusCode: 1,
    httpStatus: 400,
    message: (operation: string, bytes: number, limit: number) =>
      `Cannot ${operation}: the user data would be ${bytes} bytes of JSON, more than the ${limit} gws-sim keeps for one interaction (--max-user-data-bytes). Delete keys first (DeleteUserData).`,
  },
  PARTIAL_SUCCESS: {
    statusCode: 7,
    httpStatus: 200,
    message: (failed: readonly string[], started: readonly string[]) =>
      `Partial success: ${listed(started)} started; ${listed(failed.map((c) => shorten(c, 40)))} failed (see results).`,
  },
  QUEUE_NOT_FOUND: {
    statusCode: 1,
    httpStatus: 400,
    message: (given: string, queues: readonly string[]) => `Invalid target: no ${given}; the queues are ${queues.join(', ') || 'none (the fixture has no queues)'}.`,
  },
  QUEUE_NOT_ROUTED: {
    statusCode: 1,
    httpStatus: 400,
    message: (resource: string) => `Invalid target: gws-sim routes no ${resource} through a queue (only chats); consult or transfer to an agent: targetPath "/users/<userId>".`,
  },
  USER_NOT_FOUND: {
    statusCode: 6,
    httpStatus: 404,
    message: (userId: string) => `No user ${userId}.`,
  },
  AGENT_NOT_FOUND: {
    statusCode: 6,
    httpStatus: 404,
    message: (userName: string, users: string) => `No user named '${userName}'; the users are ${users}.`,
  },
  NO_SUCH_RESOURCE: {
    statusCode: 6,
    httpStatus: 404,
    message: (method: string, path: string) => `No resource answers ${method} ${path}.`,
  },
  NO_SUCH_WEBSOCKET: {
    statusCode: 6,
    httpStatus: 404,
    message: (path: string, mount: string) => `No websocket is served at ${path}; CometD's is at ${mount}.`,
  },
  ADMIN_TOKEN_REQUIRED: {
    statusCode: 20,
    httpStatus: 401,
    message: (why: string) =>
      `Access denied: ${why}. The /sim endpoints need the simulator's admin token (gws-sim serve --admin-token, printed at start-up): ` +
      `send "Authorization: Bearer <token>" or "X-Admin-Token: <token>".`,
  },
  CROSS_SITE_REFUSED: {
    statusCode: 3,
    httpStatus: 403,
    message: (why: string, remedy: string) => `Refused: ${why}. The /sim controls change the simulator for every agent, so a web page must not reach them: ${remedy}.`,
  },
  ORIGIN_NOT_ALLOWED: {
    statusCode: 3,
    httpStatus: 403,
    message: (origin: string, remedy: string) => `Refused the CORS preflight of a page of ${origin}: this simulator does not serve that origin. ${remedy}.`,
  },
  CSRF_TOKEN_INVALID: {
    statusCode: 3,
    httpStatus: 403,
    message: (why: string) =>
      `Missing or invalid Csrf token: ${why}. With --csrf, send the X-CSRF-TOKEN header with the value a GET under /api/v2 answered in its X-CSRF-TOKEN header.`,
  },
  /** A node of a cluster that cannot reach Redis (README "Cluster"): GWS's 4 with HTTP 503, as its pages give it. */
  CLUSTER_UNAVAILABLE: {
    statusCode: 4,
    httpStatus: 503,
    message: (why: string) => `Service unavailable: this gws-sim node ${why}. Nothing was performed; try again once it is back (the node reconnects on its own).`,
  },
  INTERNAL: {
    statusCode: 4,
    httpStatus: 500,
    message: (detail: string) => `Internal simulator error: ${detail}`,
  },
} as const;

export type ErrorCode = keyof typeof ERRORS;
type MessageArgs<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['message']>;

/** A refusal with its GWS statusCode; the HTTP layer turns it into the GWS error body. */
export class GwsError extends Error {
  readonly statusCode: number;
  readonly httpStatus: number;
  /**
   * GWS answers such a failure statusCode 0 with a referenceId, and tells the caller afterwards in
   * the medium's state-change message (`notificationType: "Error"`): see http/async-error.ts.
   */
  readonly asynchronous: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GwsError';
    this.statusCode = ERRORS[code].statusCode;
    this.httpStatus = ERRORS[code].httpStatus;
    this.asynchronous = 'asynchronous' in ERRORS[code];
  }

  /** The body GWS answers: `statusCode` and `statusMessage`, nothing else. */
  toBody(): { statusCode: number; statusMessage: string } {
    return { statusCode: this.statusCode, statusMessage: this.message };
  }
}

export function gwsError<C extends ErrorCode>(code: C, ...args: MessageArgs<C>): GwsError {
  const format = ERRORS[code].message as (...a: MessageArgs<C>) => string;
  return new GwsError(code, format(...args));
}

/**
 * Every error the simulator answers on the Bayeux side, in one table, as faye's
 * `protocol/error.js` does: a Bayeux code, the arguments and a message, sent as
 * `code:arg1,arg2:message` in the reply's `error` field.
 */
export const BAYEUX_ERRORS = {
  BAD_FIELD: (field: string, why: string) => [400, [field], why] as const,
  BAD_FRAME: (why: string) => [400, [], why] as const,
  CONNECTION_TYPES: (offered: readonly string[], served: readonly string[]) => [301, offered, `Connection types not supported; gws-sim serves ${served.join(', ')}`] as const,
  UNKNOWN_CLIENT: () => [402, [], 'Unknown client'] as const,
  HANDSHAKE_DENIED: () => [403, [], 'Handshake denied'] as const,
  PUBLISH_DENIED: (channel: string) => [403, [channel], 'Publish denied'] as const,
  SUBSCRIPTION_DENIED: (channel: string) => [403, [channel], 'Subscription denied'] as const,
  INTERNAL: () => [500, [], 'internal error of gws-sim (logged)'] as const,
} as const;

export type BayeuxErrorCode = keyof typeof BAYEUX_ERRORS;

/** The `error` field of a Bayeux reply: `code:args:message`. */
export function bayeuxError<C extends BayeuxErrorCode>(code: C, ...args: Parameters<(typeof BAYEUX_ERRORS)[C]>): string {
  const [number, params, message] = (BAYEUX_ERRORS[code] as (...a: typeof args) => readonly [number, readonly string[], string])(...args);
  return `${number}:${params.join(',')}:${message}`;
}
