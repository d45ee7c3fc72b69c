import type { MediaName } from '../families';
import type { GwsModel, Session } from '../model';
import type { AgentOperation, AgentStateOperation, CreatingOperation, CustomerOperation, Operation } from './operation';
import { CHAT_OPERATIONS } from '../families/chat/operations';
import { FACEBOOK_OPERATIONS } from '../families/facebook/operations';
import { FAMILIES, DEFAULT_MEDIA, familyNamed, type Collection } from '../families';
import { VOICE_OPERATIONS } from '../families/voice/operations';
import { doNotDisturbOff, doNotDisturbOn } from './agent/do-not-disturb';
import { endContactCenterSession } from './agent/end-contact-center-session';
import { notReady } from './agent/not-ready';
import { ready } from './agent/ready';
import { startContactCenterSession } from './agent/start-contact-center-session';

/** Each family's operations, agent's and customer's, in the order capabilities list them. */
const OF_FAMILY: Readonly<Record<MediaName, readonly (AgentOperation | CreatingOperation | CustomerOperation)[]>> = {
  facebook: FACEBOOK_OPERATIONS,
  chat: CHAT_OPERATIONS,
  voice: VOICE_OPERATIONS,
};

/**
 * Every operation gws-sim performs, the one list: routes, trigger's choices, capabilities, the
 * stream file looked up for each and the dry runs all derive from it. An operation is a file in
 * its family's folder (families/<name>/, or operations/session/ for those Facebook sessions and
 * chats share), its line in the family's operations.ts, and its stream file under scenarios/;
 * agent/ holds the operations on the agent itself.
 */
export const REGISTRY: readonly Operation[] = [
  ...FAMILIES.flatMap((family) => OF_FAMILY[family.name]),
  startContactCenterSession,
  endContactCenterSession,
  ready,
  notReady,
  doNotDisturbOn,
  doNotDisturbOff,
];

export function agentOperations(media: MediaName = DEFAULT_MEDIA): AgentOperation[] {
  return REGISTRY.filter((o): o is AgentOperation => o.actor === 'agent' && o.creates === undefined && o.media === media);
}

/** The family's operations that create an interaction from the agent's device (Dial). */
export function creatingOperations(media: MediaName): CreatingOperation[] {
  return REGISTRY.filter((o): o is CreatingOperation => o.actor === 'agent' && o.creates === true && o.media === media);
}

export function customerOperations(media: MediaName = DEFAULT_MEDIA): CustomerOperation[] {
  return REGISTRY.filter((o): o is CustomerOperation => o.actor === 'customer' && o.media === media);
}

/** The operations on the agent itself (POST /api/v2/me, /api/v2/me/channels/{channel}), of no medium. */
export function agentStateOperations(): AgentStateOperation[] {
  return REGISTRY.filter((o): o is AgentStateOperation => o.actor === 'agent-state');
}

/** The operation called `name`, agent's or customer's, of the medium; or the agent-state operation of that name. */
export function operationNamed(name: string, media: MediaName = DEFAULT_MEDIA): Operation | undefined {
  return REGISTRY.find((o) => o.name === name && (o.media === media || o.actor === 'agent-state'));
}

/** The names of the operations agents perform over REST on the medium's sessions. */
export function operationNames(media: MediaName = DEFAULT_MEDIA): string[] {
  return agentOperations(media).map((o) => o.name);
}

/** Every operationName an agent may POST, once each: on the sessions of every medium, and on itself. */
export function restOperationNames(): string[] {
  return [...new Set(REGISTRY.filter((o) => o.actor !== 'customer').map((o) => o.name))];
}

/**
 * What the agent's operation called `name` acts on: a session, one of the agent's channels, the
 * agent itself, or its device (DoNotDisturbOn; and Dial, which creates a call there: collectionCreatedBy).
 */
export function targetOf(name: string): 'session' | AgentStateOperation['target'] {
  if (collectionCreatedBy(name) !== undefined) return 'device';
  return agentStateOperations().find((o) => o.name === name)?.target ?? 'session';
}

/**
 * The collection the agent's operation called `name` creates an interaction in from its device,
 * posted to /api/v2/me/devices/{id}/<collection> (Dial: calls); undefined for any other operation.
 */
export function collectionCreatedBy(name: string): Collection | undefined {
  const creating = REGISTRY.find((o): o is CreatingOperation => o.actor === 'agent' && o.creates === true && o.name === name);
  return creating && familyNamed(creating.media).collection;
}

/** The operations `userId` may perform on the session now, as GWS lists them in `capabilities`. */
export function capabilitiesOf(model: GwsModel, session: Session, userId: string): string[] {
  const state = session.states[userId];
  if (state === undefined) return [];
  const standing = model.standingOf(session, userId, state);
  return agentOperations(session.media)
    .filter((o) => o.states.includes(state) && (o.offered?.(standing) ?? true))
    .map((o) => o.name);
}

export { performAgentState, performCreating, performOnDevice, performCustomer, performOperation, type AgentStateOutcome, type OperationOutcome, type Outcome, type Recipient } from './perform';
