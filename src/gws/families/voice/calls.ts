import { gwsError } from '../../../errors';
import type { AgentParticipant } from '../../fixture';
import { agentsOf, FRESH_LEG, snapshot, type CallData, type GwsModel, type Invitation, type Leg, type Session, type Standing } from '../../model';
import { gwsTimestamp } from '../../timestamp';
import type { Draft, Scheduled, Told } from '../../operations/operation';
import { DEVICE_CHANNEL, DEVICES_TOPIC } from '../index';
import { untie } from './consultation';
import { VOICE } from './family';

/**
 * A new call, on its way: from a customer's number (`customer`) or an agent's phone that dials
 * (`dialer`, Dialing), ringing an agent (`ringing`, Ringing) or waiting for routing. Each agent on
 * it gets its own leg, of the call's type.
 */
export function newCall(model: GwsModel, now: number, spec: { call: CallData; userData?: Record<string, unknown>; customer?: string; dialer?: string; ringing?: Invitation }): Session {
  const { dialer, ringing } = spec;
  const session = model.addSession((nextId) => ({
    media: 'voice',
    // The connection: Chatting until it is over (Completed); a call has no message log.
    state: 'Chatting',
    receivedDate: gwsTimestamp(now),
    messages: [],
    departed: [],
    userData: spec.userData ?? {},
    participants: [
      ...(dialer === undefined ? [] : [agentParty(model, dialer)]),
      ...(spec.customer === undefined ? [] : [{ type: 'Customer' as const, participantId: nextId(), nickname: spec.customer, visibility: 'All' as const }]),
    ],
    invited: ringing ? [ringing] : [],
    states: { ...(dialer === undefined ? {} : { [dialer]: 'Dialing' as const }), ...(ringing ? { [ringing.userId]: 'Ringing' as const } : {}) },
    call: spec.call,
  }));
  for (const userId of [dialer, ringing?.userId]) if (userId !== undefined) model.addLeg(session, userId, { callType: spec.call.callType, ...FRESH_LEG });
  return session;
}

/** The caller's own leg of the call. */
export const legOf = (standing: Standing, userId: string): Leg => standing.session.legs![userId];

/** An agent's party on a call: an agent participant named by its DN (the call's participants are numbers). */
export function agentParty(model: GwsModel, userId: string): AgentParticipant {
  return { type: 'Agent', participantId: model.nextId(), userId, nickname: model.deviceOf(userId).phoneNumber, visibility: 'All' };
}

/**
 * The call as it is now with the agent's own leg Released: what the agent's Released notification
 * shows when it hands the call on (the CompleteTransfer and SingleStepTransfer pages list only the
 * parties it had, not those it brought in).
 */
export function releasedView(session: Session, userId: string): Session {
  const view = snapshot(session);
  view.states[userId] = VOICE.finalState;
  return view;
}

/** The other agents on the call (connected, dialing or ringing), each told in `role`. */
export function otherParties(session: Session, userId: string, role = 'others'): Told[] {
  return Object.entries(session.states)
    .filter(([id, state]) => id !== userId && state !== VOICE.finalState)
    .map(([id]) => ({ role, userId: id }));
}

/** Refuses an operation its capabilities do not offer now (MuteCall on a muted call...), as GWS's statusCode 2. */
export function requireOffered(allowed: boolean, operation: string, who: string, why: string): void {
  if (!allowed) throw gwsError('CALL_NOT_ALLOWED', operation, who, why);
}

/**
 * Ends the call for everyone still on it: each agent's leg Released, the ringing ones withdrawn,
 * the connection over (`state` Completed; its parties stay listed, as the Hangup page's Released
 * call shows them) and out of the queue it waited in; its consultations go on as plain calls.
 * Returns who is told in role `released`, and the wrap-up each agent that was connected goes into
 * (afterCallWork).
 */
export function releaseAll(model: GwsModel, session: Session, except?: string): { told: Told[]; wrapUps: WrapUp } {
  const connected = agentsOf(session).filter((p) => isConnected(session, p.userId)).map((p) => p.userId);
  const told = Object.entries(session.states)
    .filter(([id, state]) => state !== VOICE.finalState && id !== except)
    .map(([id]): Told => ({ role: 'released', userId: id }));
  for (const id of Object.keys(session.states)) session.states[id] = VOICE.finalState;
  session.invited = [];
  session.state = 'Completed';
  model.channels.stopWaiting(VOICE.channel!, session.id);
  untie(model, session);
  return { told, wrapUps: afterCallWork(model, connected) };
}

/** The agent talks on the call, or holds it. */
const isConnected = (session: Session, userId: string) => session.states[userId] === 'Established' || session.states[userId] === 'Held';

/**
 * How many parties the call has now: its customers (outside numbers), its agents not Released
 * (ringing ones too), and the queue it waits in for an agent, if any.
 */
export function partiesOn(model: GwsModel, session: Session): number {
  return partiesPresent(session) + (model.channels.pendingOf(session.id) === undefined ? 0 : 1);
}

/** Its customers (outside numbers) and its agents not Released: the parties on it but the queue. */
function partiesPresent(session: Session): number {
  return session.participants.filter((p) => p.type === 'Customer').length + Object.values(session.states).filter((state) => state !== VOICE.finalState).length;
}

/** The parties a call may hold (modelled: switches bound their conferences; 16 is a common size). */
export const MAX_PARTIES = 16;

/** Refuses to add a party to a call that holds MAX_PARTIES already. */
export function requireRoom(model: GwsModel, session: Session, operation: string, who: string): void {
  requireOffered(partiesOn(model, session) < MAX_PARTIES, operation, who, `call ${session.id} holds ${MAX_PARTIES} parties, the most a conference may (modelled)`);
}

/** Three parties or more: a conference, which goes on when one of them leaves (ClearCall ends it for all). */
export const isConference = (session: Session) => partiesPresent(session) >= 3;

/**
 * A party leaves the call: an agent (by user id) hangs up, is removed or transfers it away; a
 * customer (by participant id) hangs up. With two parties or more left, only it goes: an agent's
 * leg is Released, the agents left are told ParticipantsUpdated (role `participants`), and the
 * consultation the agent started from the call goes on as a plain call; a call left with no agent
 * (transferred to an outside number) is over for gws-sim, told to nobody. Otherwise the call ends
 * for everyone (releaseAll, the others in role `released`). The leaver is not among `others`: its
 * operation tells it.
 */
export function leaveCall(model: GwsModel, session: Session, leaver: string): { others: Told[]; wrapUps: WrapUp } {
  if (partiesOn(model, session) - 1 < 2) {
    const { told, wrapUps } = releaseAll(model, session, leaver);
    return { others: told, wrapUps };
  }
  const agent = session.states[leaver] !== undefined;
  const wasConnected = agent && isConnected(session, leaver);
  const party = session.participants.find((p) => (agent ? p.type === 'Agent' && p.userId === leaver : p.participantId === leaver));
  // Gone from the call; not kept among `departed`, which only a message log (a call has none) names.
  if (party) session.participants = session.participants.filter((p) => p !== party);
  if (agent) {
    session.states[leaver] = VOICE.finalState;
    session.invited = session.invited.filter((i) => i.userId !== leaver);
    untie(model, session, leaver);
    if (session.call!.owner === leaver) session.call = { ...session.call!, owner: undefined };
  }
  const others = otherParties(session, leaver, 'participants');
  if (others.length === 0 && model.channels.pendingOf(session.id) === undefined) session.state = 'Completed';
  return { others, wrapUps: afterCallWork(model, wasConnected ? [leaver] : []) };
}

export interface WrapUp {
  told: Told[];
  scheduled: Scheduled[];
}

/**
 * After-call work (modelled: GWS leaves it to the switch's configuration): each agent that was
 * connected, is logged in on voice and is on no other call goes NotReady with workMode AfterCallWork for the fixture's
 * `voice.wrapUpSeconds`, told on /v2/me/devices (role `device`); then back to the state it had.
 */
export function afterCallWork(model: GwsModel, userIds: readonly string[]): WrapUp {
  const seconds = model.fixture.voice.wrapUpSeconds;
  const told: Told[] = [];
  const scheduled: Scheduled[] = [];
  if (seconds === 0) return { told, scheduled };
  const acw = model.fixture.agentStates.find((s) => s.workMode === 'AfterCallWork' && s.state === 'NotReady');
  for (const userId of userIds) {
    const before = model.channels.get(userId, DEVICE_CHANNEL);
    // An agent still on another call (the original it consulted from) works on.
    if (!before || !acw || before.workMode === 'AfterCallWork' || model.sessionsOf(userId, 'voice').length > 0) continue;
    model.channels.set(userId, { channel: DEVICE_CHANNEL, id: acw.id, displayName: acw.displayName, state: 'NotReady', workMode: 'AfterCallWork' });
    told.push({ role: 'device', userId, topic: DEVICES_TOPIC });
    const back = before.state === 'Ready' ? { operationName: 'Ready' } : { operationName: 'NotReady', ...(before.workMode ? { workMode: before.workMode } : {}), ...(before.reason ? { reason: before.reason } : {}) };
    scheduled.push({ afterMs: seconds * 1000, as: userId, channel: DEVICE_CHANNEL, params: back, whileStamp: model.channels.stampOf(userId, DEVICE_CHANNEL)! });
  }
  return { told, scheduled };
}

/** A draft of an operation that tells the caller, and those `others` names, each the call as it sees it. */
export function told(self: string, others: Told[] = [], extra: Partial<Draft> = {}): Draft {
  return { participants: {}, recipients: [{ role: 'caller', userId: self }, ...others], ...extra };
}
