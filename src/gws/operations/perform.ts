import { gwsError } from '../../errors';
import { asStateOperation } from '../agent-states';
import type { ChannelState } from '../channels';
import type { User } from '../fixture';
import { DEFAULT_MEDIA, CHANNELS, CHANNELS_TOPIC, familyNamed, type MediaName, DEVICE_CHANNEL } from '../families';
import { phoneOf, phonesOf, type Phone, type Phones } from '../families/voice/wire';
import { snapshot, type AgentState, type GwsModel, type Session } from '../model';
import type { AgentStateDraft, Draft, Operation, Told } from './operation';
import { parseParams } from './params';
import { agentOperations, agentStateOperations, capabilitiesOf, creatingOperations, customerOperations } from './registry';
import type { Routed } from './routing';

/** What the registry adds to an operation's draft: the session after it and each recipient's view of it. */
export interface OperationOutcome extends Required<Omit<Draft, 'routed' | 'also' | 'on'>> {
  operation: string;
  media: MediaName;
  /** The topic its notifications go out on. */
  topic: string;
  /** Ties the notifications to the request; undefined for what the customer does. */
  referenceId: number | undefined;
  /** The session after the operation (a copy: later operations do not change it). */
  session: Session;
  recipients: Recipient[];
  /** The offers routing made as a consequence (a rejected chat offered to another agent), played after it. */
  followUps: OperationOutcome[];
  /** Its notifications on other interactions (Draft.also), played before and after its own. */
  before: OperationOutcome[];
  after: OperationOutcome[];
  /** The interaction it created besides the one its path names (InitiateTransfer's consultation call). */
  created: string | undefined;
  /** The phones of the agents a call reached, as they were after it (families/voice); none for other families. */
  phones: Phones;
}

export interface Recipient extends Told {
  /** The session's state for this agent after the operation, and what it may do now. */
  state: AgentState;
  capabilities: string[];
}

/** What an operation on the agent itself did: its channels after it, told on /v2/me/channels. */
export interface AgentStateOutcome {
  operation: string;
  media?: undefined;
  topic: string;
  referenceId: undefined;
  /** Fields of the REST answer; a statusCode here replaces 0 (a partial success's 7). */
  answer: Record<string, unknown>;
  recipients: Told[];
  user: User;
  channels: ChannelState[];
  /** The agent's phone after it: what a DeviceStateChangeMessage shows. */
  phone: Phone;
  followUps: OperationOutcome[];
  /** The agent's HTTP session ends with it (EndContactCenterSession). */
  endsHttpSession: boolean;
}

export type Outcome = OperationOutcome | AgentStateOutcome;

/** Performs an agent's operation on a session from its request body, or throws the GWS refusal. */
export function performOperation(model: GwsModel, caller: User, sessionId: string, body: unknown, media: MediaName = DEFAULT_MEDIA, now = Date.now()): OperationOutcome {
  const { operation, params } = operationOf(body, agentOperations(media), familyNamed(media).resource);
  const standing = model.sessionFor(caller, sessionId, media);
  if (!operation.states.includes(standing.state)) {
    const resource = familyNamed(media).legPerAgent ? familyNamed(media).resource : 'session';
    throw gwsError('WRONG_STATE', operation.name, caller.userName, standing.state, capabilitiesOf(model, standing.session, caller.id), resource);
  }
  const checked = parseParams(operation.params, params, operation.example);
  const { session, participant: self } = standing;
  const draft = operation.perform({ model, caller, session, standing, self, params: checked, now });
  return outcomeOf(model, operation, draft.on ?? session, draft, model.nextReferenceId());
}

/**
 * Performs an agent's operation that creates an interaction from its device (Dial: POST
 * /api/v2/me/devices/{id}/calls); `deviceId` must be the caller's (statusCode 6 otherwise).
 */
export function performCreating(model: GwsModel, caller: User, deviceId: string, body: unknown, media: MediaName, now = Date.now()): OperationOutcome {
  const { operation, params } = operationOf(body, creatingOperations(media), 'device');
  model.ownDevice(caller, deviceId);
  const draft = operation.perform({ model, caller, params: parseParams(operation.params, params, operation.example), now });
  return outcomeOf(model, operation, draft.session!, draft, model.nextReferenceId());
}

/** Performs what the customer does (POST /sim/...): `sessionId` is absent for an arrival. */
export function performCustomer(model: GwsModel, name: string, sessionId: string | undefined, body: unknown, media: MediaName = DEFAULT_MEDIA, now = Date.now()): OperationOutcome {
  const operation = customerOperations(media).find((o) => o.name === name);
  if (!operation) throw new Error(`no customer operation ${name} for ${media}`);
  const session = sessionId === undefined ? undefined : model.session(sessionId, media);
  const checked = parseParams(operation.params, objectBody(body, operation.name), operation.example);
  const draft = operation.perform({ model, media, session, params: checked, now });
  const created = session ?? model.session(String(draft.answer?.id));
  return outcomeOf(model, operation, created, draft, undefined);
}

/**
 * Performs an operation on the agent itself: POST /api/v2/me (`channel` undefined: those on the
 * agent, and Ready and NotReady on all its channels) or /api/v2/me/channels/{channel}. Refused with statusCode 6 for a channel gws-sim does not simulate.
 */
export function performAgentState(model: GwsModel, caller: User, channel: string | undefined, body: unknown, now = Date.now()): AgentStateOutcome {
  if (channel !== undefined && !CHANNELS.includes(channel)) throw gwsError('CHANNEL_NOT_FOUND', channel, CHANNELS);
  const operations = agentStateOperations().filter((o) => (channel === undefined ? o.target === 'me' || o.everyChannel === true : o.target === 'channel'));
  const { operation, params } = operationOf(asStateOperation(model.fixture.agentStates, body), operations, channel === undefined ? 'user' : 'channel');
  const draft = operation.perform({ model, caller, channel, params: parseParams(operation.params, params, operation.example), now });
  return agentStateOutcome(model, caller, operation, draft);
}

/**
 * Performs an operation on the agent's device (POST /api/v2/me/devices/{id}: DoNotDisturbOn...);
 * `deviceId` must be the caller's (statusCode 6 otherwise).
 */
export function performOnDevice(model: GwsModel, caller: User, deviceId: string, body: unknown, now = Date.now()): AgentStateOutcome {
  const { operation, params } = operationOf(body, agentStateOperations().filter((o) => o.target === 'device'), 'device');
  model.ownDevice(caller, deviceId);
  const draft = operation.perform({ model, caller, channel: undefined, params: parseParams(operation.params, params, operation.example), now });
  return agentStateOutcome(model, caller, operation, draft);
}

function agentStateOutcome(model: GwsModel, caller: User, operation: Operation, draft: AgentStateDraft): AgentStateOutcome {
  return {
    operation: operation.name,
    topic: CHANNELS_TOPIC,
    referenceId: undefined,
    answer: draft.answer ?? {},
    recipients: draft.recipients,
    user: caller,
    channels: draft.channels.filter((c) => c.channel !== DEVICE_CHANNEL).map((c) => ({ ...c })),
    phone: phoneOf(model, caller.id),
    followUps: (draft.routed ?? []).map((routed) => offerOf(model, routed)),
    endsHttpSession: draft.endsHttpSession === true,
  };
}

/** The operation a body names among `operations`, and the body; refusals name what is supported. */
function operationOf<O extends Operation>(body: unknown, operations: readonly O[], resource: string): { operation: O; params: Record<string, unknown> } {
  const names = operations.map((o) => o.name);
  const params = objectBody(body, names[0]);
  const name = params.operationName;
  if (name === undefined) throw gwsError('MISSING_PARAMETER', 'operationName', `one of ${names.join(', ')}`);
  if (typeof name !== 'string') throw gwsError('INVALID_PARAMETER', 'operationName', 'expected a string');
  const operation = operations.find((o) => o.name === name);
  if (!operation) throw gwsError('UNKNOWN_OPERATION', name, resource, names);
  return { operation, params };
}

function outcomeOf(model: GwsModel, operation: Operation & { media: MediaName }, session: Session, draft: Draft, referenceId: number | undefined): OperationOutcome {
  const elsewhere = (before: boolean) =>
    (draft.also ?? []).filter((a) => (a.before === true) === before).map((a) => outcomeOf(model, operation, a.session, { participants: {}, recipients: a.recipients }, referenceId));
  return {
    operation: operation.name,
    media: operation.media,
    topic: familyNamed(operation.media).topic,
    referenceId,
    session: snapshot(session),
    participants: draft.participants,
    messages: draft.messages ?? {},
    answer: { ...(referenceId !== undefined && draft.answer?.referenceId === null ? { referenceId } : {}), ...withoutNull(draft.answer) },
    recipients: draft.recipients.map((r) => ({ ...r, state: session.states[r.userId] ?? familyNamed(session.media).finalState, capabilities: capabilitiesOf(model, session, r.userId) })),
    followUps: (draft.routed ?? []).map((routed) => offerOf(model, routed)),
    before: elsewhere(true),
    after: elsewhere(false),
    created: draft.session?.id,
    scheduled: draft.scheduled ?? [],
    phones: familyNamed(session.media).legPerAgent ? phonesOf(model, session) : {},
  };
}

/** A session routing offered to an agent, as its medium's Offer tells that agent. */
function offerOf(model: GwsModel, { session, userId }: Routed): OperationOutcome {
  const offer = customerOperations(session.media).find((o) => o.creates)!;
  // A call routed from an agent's phone (a consultation, a Dial to a queue) has no customer.
  const customer = session.participants.find((p) => p.type === 'Customer');
  // The agents already on a call (its dialer, a conference's parties) see the party it now rings (role `participants`).
  const family = familyNamed(session.media);
  const parties = family.legPerAgent ? Object.keys(session.states).filter((id) => id !== userId && session.states[id] !== family.finalState) : [];
  const recipients = [{ role: 'invited', userId }, ...parties.map((id) => ({ role: 'participants', userId: id }))];
  return outcomeOf(model, offer, session, { participants: customer ? { customer } : {}, recipients }, undefined);
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
