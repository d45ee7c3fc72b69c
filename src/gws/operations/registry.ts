import type { MediaName } from '../media';
import { agentOf, type Session, type Standing } from '../model';
import { onMedium, type AgentOperation, type AgentStateOperation, type CustomerOperation, type Operation, type Shared } from './operation';
import { endContactCenterSession } from './agent/end-contact-center-session';
import { notReady } from './agent/not-ready';
import { ready } from './agent/ready';
import { startContactCenterSession } from './agent/start-contact-center-session';
import { cancelConsult } from './chat/cancel-consult';
import { sendCustomNotice } from './chat/send-custom-notice';
import { sendCustomNoticeToAgents } from './chat/send-custom-notice-to-agents';
import { sendNicknameUpdatedNotice } from './chat/send-nickname-updated-notice';
import { sendStartTypingToAgentsNotification, sendStopTypingToAgentsNotification } from './chat/send-typing-to-agents';
import { customerLeave } from './customer/customer-leave';
import { customerMessage } from './customer/customer-message';
import { customerStartTyping, customerStopTyping } from './customer/customer-typing';
import { offer } from './customer/offer';
import { accept } from './session/accept';
import { addComment } from './session/add-comment';
import { complete } from './session/complete';
import { consult } from './session/consult';
import { leave } from './session/leave';
import { reject } from './session/reject';
import { removeParticipantFromConference } from './session/remove-participant-from-conference';
import { sendMessage } from './session/send-message';
import { sendStartTypingNotification } from './session/send-start-typing-notification';
import { sendStopTypingNotification } from './session/send-stop-typing-notification';
import { sendToAgents } from './session/send-to-agents';
import { setDisposition } from './session/set-disposition';
import { transfer } from './session/transfer';
import { attachUserData, deleteUserData, updateUserData } from './session/user-data';

/**
 * The operations GWS offers on a Facebook session and on a chat alike, in the order capabilities
 * list them, and what the customer does: one definition each, registered for both media.
 */
const SHARED: Shared<AgentOperation | CustomerOperation>[] = [
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

const registeredOn = (media: MediaName): Operation[] => SHARED.map((shared) => onMedium(shared, media));

/**
 * Every operation gws-sim performs, the one list: routes, trigger's choices, capabilities, the
 * stream file looked up for each and the dry runs all derive from it. Adding an operation is a
 * file under operations/ (session/ for both media, chat/ for one, agent/ for the agent's own
 * state), its line here, and its stream file under scenarios/.
 */
export const REGISTRY: readonly Operation[] = [
  ...registeredOn('facebook'),
  ...registeredOn('chat'),
  onMedium(sendCustomNotice, 'chat'),
  onMedium(cancelConsult, 'chat'),
  onMedium(sendCustomNoticeToAgents, 'chat'),
  onMedium(sendStartTypingToAgentsNotification, 'chat'),
  onMedium(sendStopTypingToAgentsNotification, 'chat'),
  onMedium(sendNicknameUpdatedNotice, 'chat'),
  startContactCenterSession,
  endContactCenterSession,
  ready,
  notReady,
];

export function agentOperations(media: MediaName = 'facebook'): AgentOperation[] {
  return REGISTRY.filter((o): o is AgentOperation => o.actor === 'agent' && o.media === media);
}

export function customerOperations(media: MediaName = 'facebook'): CustomerOperation[] {
  return REGISTRY.filter((o): o is CustomerOperation => o.actor === 'customer' && o.media === media);
}

/** The operations on the agent itself (POST /api/v2/me, /api/v2/me/channels/{channel}), of no medium. */
export function agentStateOperations(): AgentStateOperation[] {
  return REGISTRY.filter((o): o is AgentStateOperation => o.actor === 'agent-state');
}

/** The operation called `name`, agent's or customer's, of the medium; or the agent-state operation of that name. */
export function operationNamed(name: string, media: MediaName = 'facebook'): Operation | undefined {
  return REGISTRY.find((o) => o.name === name && (o.media === media || o.actor === 'agent-state'));
}

/** The names of the operations agents perform over REST on the medium's sessions. */
export function operationNames(media: MediaName = 'facebook'): string[] {
  return agentOperations(media).map((o) => o.name);
}

/** Every operationName an agent may POST, once each: on the sessions of every medium, and on itself. */
export function restOperationNames(): string[] {
  return [...new Set(REGISTRY.filter((o) => o.actor !== 'customer').map((o) => o.name))];
}

/** What the agent's operation called `name` acts on: a session, one of the agent's channels, or the agent itself. */
export function targetOf(name: string): 'session' | AgentStateOperation['target'] {
  return agentStateOperations().find((o) => o.name === name)?.target ?? 'session';
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

export { performAgentState, performCustomer, performOperation, type AgentStateOutcome, type OperationOutcome, type Outcome, type Recipient } from './perform';
