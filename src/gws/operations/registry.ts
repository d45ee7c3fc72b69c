import { gwsError } from '../../errors';
import type { User } from '../fixture';
import { mediaNamed, type MediaName } from '../media';
import { agentOf, snapshot, type AgentState, type GwsModel, type Session, type Standing } from '../model';
import { parseParams } from './params';
import type { AgentOperation, CustomerOperation, Draft, Operation } from './operation';
import { accept } from './facebook/accept';
import { addComment } from './facebook/add-comment';
import { complete } from './facebook/complete';
import { consult } from './facebook/consult';
import { leave } from './facebook/leave';
import { reject } from './facebook/reject';
import { removeParticipantFromConference } from './facebook/remove-participant-from-conference';
import { sendMessage } from './facebook/send-message';
import { sendStartTypingNotification } from './facebook/send-start-typing-notification';
import { sendStopTypingNotification } from './facebook/send-stop-typing-notification';
import { sendToAgents } from './facebook/send-to-agents';
import { setDisposition } from './facebook/set-disposition';
import { transfer } from './facebook/transfer';
import { attachUserData, deleteUserData, updateUserData } from './facebook/user-data';
import { customerLeave } from './customer/customer-leave';
import { customerMessage } from './customer/customer-message';
import { customerStartTyping, customerStopTyping } from './customer/customer-typing';
import { offer } from './customer/offer';

/**
 * Every operation gws-sim performs, the one list: routes, trigger's choices, capabilities, the
 * stream file looked up for each and the dry runs all derive from it. Adding an operation is a
 * file under operations/<media>/, its line here, and its stream file under scenarios/.
 */
export const REGISTRY: readonly Operation[] = [
  accept,
  reject,
  sendMessage,
  sendToAgents,
  sendStartTypingNotification,
  sendStopTypingNotification,
  consult,
  transfer,
  leave,
  complete,
  removeParticipantFromConference,
  setDisposition,
  attachUserData,
  updateUserData,
  deleteUserData,
  addComment,
  offer,
  customerMessage,
  customerStartTyping,
  customerStopTyping,
  customerLeave,
];

/** What the registry adds to an operation's draft: the session after it and each recipient's view of it. */
export interface OperationOutcome extends Required<Draft> {
  operation: string;
  media: MediaName;
  /** The topic its notifications go out on. */
  topic: string;
  /** Ties the notifications to the request; undefined for what the customer does. */
  referenceId: number | undefined;
  /** The session after the operation (a copy: later operations do not change it). */
  session: Session;
  recipients: Recipient[];
}

export interface Recipient {
  role: string;
  userId: string;
  /** The session's state for this agent after the operation, and what it may do now. */
  state: AgentState;
  capabilities: string[];
}

export function agentOperations(media: MediaName = 'facebook'): AgentOperation[] {
  return REGISTRY.filter((o): o is AgentOperation => o.actor === 'agent' && o.media === media);
}

export function customerOperations(media: MediaName = 'facebook'): CustomerOperation[] {
  return REGISTRY.filter((o): o is CustomerOperation => o.actor === 'customer' && o.media === media);
}

/** The operation called `name`, agent's or customer's, of any medium. */
export function operationNamed(name: string, media: MediaName = 'facebook'): Operation | undefined {
  return REGISTRY.find((o) => o.name === name && o.media === media);
}

/** The names of the operations agents perform over REST. */
export function operationNames(media: MediaName = 'facebook'): string[] {
  return agentOperations(media).map((o) => o.name);
}

/** The operations `userId` may perform on the session now, as GWS lists them in `capabilities`. */
export function capabilitiesOf(session: Session, userId: string): string[] {
  const state = session.states[userId];
  if (state === undefined) return [];
  const standing: Standing = { session, state, participant: agentOf(session, userId), invitation: session.invited.find((i) => i.userId === userId) };
  return agentOperations(session.media)
    .filter((o) => o.states.includes(state) && (o.offered?.(standing) ?? true))
    .map((o) => o.name);
}

/** Performs an agent's operation from its request body, or throws the GWS refusal. */
export function performOperation(model: GwsModel, caller: User, sessionId: string, body: unknown, media: MediaName = 'facebook', now = Date.now()): OperationOutcome {
  const names = operationNames(media);
  const params = objectBody(body, names[0]);
  const name = params.operationName;
  if (name === undefined) throw gwsError('MISSING_PARAMETER', 'operationName', `one of ${names.join(', ')}`);
  if (typeof name !== 'string') throw gwsError('INVALID_PARAMETER', 'operationName', 'expected a string');
  const operation = agentOperations(media).find((o) => o.name === name);
  if (!operation) throw gwsError('UNKNOWN_OPERATION', name, mediaNamed(media).resource, names);
  const standing = model.sessionFor(caller, sessionId);
  if (standing.session.media !== media) throw gwsError('SESSION_NOT_FOUND', sessionId);
  if (!operation.states.includes(standing.state)) {
    throw gwsError('WRONG_STATE', operation.name, caller.userName, standing.state, capabilitiesOf(standing.session, caller.id));
  }
  const checked = parseParams(operation.params, params, operation.example);
  const { session, participant: self } = standing;
  const draft = operation.perform({ model, caller, session, standing, self, params: checked, now });
  return outcomeOf(operation, session, draft, model.nextReferenceId());
}

/** Performs what the customer does (POST /sim/...): `sessionId` is absent for an arrival. */
export function performCustomer(model: GwsModel, name: string, sessionId: string | undefined, body: unknown, media: MediaName = 'facebook', now = Date.now()): OperationOutcome {
  const operation = customerOperations(media).find((o) => o.name === name);
  if (!operation) throw new Error(`no customer operation ${name} for ${media}`);
  const session = sessionId === undefined ? undefined : model.session(sessionId);
  const checked = parseParams(operation.params, objectBody(body, operation.name), operation.example);
  const draft = operation.perform({ model, session, params: checked, now });
  const created = session ?? model.session(String(draft.answer?.id));
  return outcomeOf(operation, created, draft, undefined);
}

function outcomeOf(operation: Operation, session: Session, draft: Draft, referenceId: number | undefined): OperationOutcome {
  return {
    operation: operation.name,
    media: operation.media,
    topic: mediaNamed(operation.media).topic,
    referenceId,
    session: snapshot(session),
    participants: draft.participants,
    messages: draft.messages ?? {},
    answer: { ...(referenceId !== undefined && draft.answer?.referenceId === null ? { referenceId } : {}), ...withoutNull(draft.answer) },
    recipients: draft.recipients.map((r) => ({ ...r, state: session.states[r.userId] ?? 'Completed', capabilities: capabilitiesOf(session, r.userId) })),
  };
}

/** `referenceId: null` in a draft's answer asks for the operation's referenceId there (Consult, Transfer). */
function withoutNull(answer: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answer).filter(([, v]) => v !== null));
}

function objectBody(body: unknown, example: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw gwsError('INVALID_PARAMETER', 'body', `expected a JSON object such as {"operationName": "${example}", ...}`);
  }
  return body as Record<string, unknown>;
}
