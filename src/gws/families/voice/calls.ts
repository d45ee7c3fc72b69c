import { gwsError } from '../../../errors';
import type { AgentParticipant } from '../../fixture';
import { agentsOf, FRESH_LEG, type CallData, type GwsModel, type Invitation, type Leg, type Session, type Standing } from '../../model';
import { gwsTimestamp } from '../../timestamp';
import type { Draft, Scheduled, Told } from '../../operations/operation';
import { DEVICE_CHANNEL, DEVICES_TOPIC } from '../index';
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

/** The other agents on the call (connected, dialing or ringing), each told in role `others`. */
export function otherParties(session: Session, userId: string): Told[] {
  return Object.entries(session.states)
    .filter(([id, state]) => id !== userId && state !== VOICE.finalState)
    .map(([id]) => ({ role: 'others', userId: id }));
}

/** Refuses an operation its capabilities do not offer now (MuteCall on a muted call...), as GWS's statusCode 2. */
export function requireOffered(allowed: boolean, operation: string, who: string, why: string): void {
  if (!allowed) throw gwsError('CALL_NOT_ALLOWED', operation, who, why);
}

/**
 * Ends the call for everyone still on it: each agent's leg Released, the ringing ones withdrawn,
 * the connection over (`state` Completed; its parties stay listed, as the Hangup page's Released
 * call shows them). Returns who is told in role `released`, and the wrap-up each agent that was
 * connected goes into (afterCallWork).
 */
export function releaseAll(model: GwsModel, session: Session, except?: string): { told: Told[]; wrapUps: WrapUp } {
  const connected = agentsOf(session).filter((p) => session.states[p.userId] === 'Established' || session.states[p.userId] === 'Held').map((p) => p.userId);
  const told = Object.entries(session.states)
    .filter(([id, state]) => state !== VOICE.finalState && id !== except)
    .map(([id]): Told => ({ role: 'released', userId: id }));
  for (const id of Object.keys(session.states)) session.states[id] = VOICE.finalState;
  session.invited = [];
  session.state = 'Completed';
  return { told, wrapUps: afterCallWork(model, connected) };
}

export interface WrapUp {
  told: Told[];
  scheduled: Scheduled[];
}

/**
 * After-call work (modelled: GWS leaves it to the switch's configuration): each agent that was
 * connected and is logged in on voice goes NotReady with workMode AfterCallWork for the fixture's
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
    if (!before || !acw || before.workMode === 'AfterCallWork') continue;
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
