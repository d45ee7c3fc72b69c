import type { CometdClientInfo } from './bayeux/clients';
import type { DeliveryState } from './delivery/stamp';
import type { FaultsState } from './faults/types';
import { CHANNELS, DEVICES_TOPIC, FAMILIES, familyNamed, type Collection, type MediaName } from './gws/families';
import type { User } from './gws/fixture';
import type { GwsModel, Session } from './gws/model';
import { partiesOn } from './gws/families/voice/calls';
import { capabilitiesOf, customerOperations, type Outcome } from './gws/operations/registry';
import type { OperationChange } from './events-wire';
import { participantWire, sessionWire } from './gws/wire';

/** What GET /sim/state and `sim.state()` show. */
export type SimulatorState = ReturnType<typeof describeState>;

export function describeState(
  model: GwsModel,
  baseUrl: string,
  timeScale: number,
  clock: 'system' | 'manual',
  cometdClients: CometdClientInfo[],
  pendingStreams: number,
  deliveries: DeliveryState[],
  faults: FaultsState,
  lastEventId: number,
) {
  const sessions = (media: MediaName) =>
    model.allSessions(media).map((session) => ({ ...sessionState(model, session, baseUrl), messages: session.messages.map((message, position) => ({ index: position + 1, ...message })) }));
  return {
    timeScale,
    clock,
    lastReferenceId: model.lastReference,
    /** The id of the live feed's last event (GET /sim/events): the state includes what it and those before say. */
    lastEventId,
    users: model.users.map(({ id, userName, firstName, lastName }) => ({ id, userName, firstName, lastName, ...phoneState(model, id), channels: model.channels.of(id), doNotDisturb: model.channels.isDoNotDisturb(id) })),
    ...(Object.fromEntries(FAMILIES.map((family) => [family.collection, sessions(family.name)])) as Record<Collection, ReturnType<typeof sessions>>),
    /** Per channel, the sessions waiting for an agent Ready there, oldest first. */
    waiting: Object.fromEntries(CHANNELS.map((channel) => [channel, model.channels.waitingOn(channel)])),
    cometdClients,
    pendingStreams,
    deliveries: deliveries.filter((d) => d.sent + d.held + d.dropped > 0).map((d) => ({ ...d, userName: model.userById(d.userId)?.userName })),
    /** Armed and fired faults: what was injected on purpose. */
    faults,
  };
}

/** A session as GET /sim/state shows it, but for its message log. */
function sessionState(model: GwsModel, session: Session, baseUrl: string) {
  return {
    ...sessionWire(session, baseUrl),
    departed: session.departed.map((p) => participantWire(p, baseUrl)),
    invited: session.invited.map((i) => ({ ...i, userName: model.userById(i.userId)?.userName })),
    agentStates: Object.fromEntries(Object.entries(session.states).map(([id, state]) => [model.userById(id)?.userName ?? id, state])),
    // A call: its numbers and ties, and each agent's own call (its id is the one the agent's REST path names).
    ...(session.call ? { call: callState(model, session) } : {}),
    ...(session.legs ? { legs: Object.fromEntries(Object.entries(session.legs).map(([id, leg]) => [model.userById(id)?.userName ?? id, leg])) } : {}),
    /** What each agent may perform now, as its REST view of the session lists it. */
    agentCapabilities: Object.fromEntries(Object.keys(session.states).map((id) => [model.userById(id)?.userName ?? id, capabilitiesOf(model, session, id)])),
  };
}

/**
 * A call's numbers and what ties it to others, agents by user name as elsewhere in the state: the
 * consultation it is (the call consulted from, its initiator, what for), the consultations started
 * from it, a conference's owner, and how many parties it has now.
 */
function callState(model: GwsModel, session: Session) {
  const name = (userId: string) => model.userById(userId)?.userName ?? userId;
  const { ani, dnis, callType, routed, consultation, consults, owner } = session.call!;
  const started = Object.entries(consults ?? {});
  return {
    ani,
    dnis,
    callType,
    routed,
    ...(consultation ? { consultation: { parent: consultation.parent, initiator: name(consultation.initiator), purpose: consultation.purpose } } : {}),
    ...(started.length > 0 ? { consults: Object.fromEntries(started.map(([initiator, link]) => [name(initiator), link])) } : {}),
    ...(owner === undefined ? {} : { owner: name(owner) }),
    /** The parties on it now, the queue it waits in counted (three or more: a conference). */
    parties: session.state === 'Completed' ? 0 : partiesOn(model, session),
  };
}

/**
 * What an operation changed, as GET /sim/state shows it: its session (and those routing offered
 * because of it) without the log but with the messages it logged (a new session's whole log), and
 * the agents' channels and do-not-disturb it changed; and the interactions forgotten to make room for a new one. The live feed
 * carries it, so that the dashboard follows the state without reading all of it again.
 */
export function changeOf(model: GwsModel, baseUrl: string, outcome: Outcome): OperationChange {
  const forgotten = model.takeForgotten().map(({ id, media }) => ({ collection: familyNamed(media).collection, id }));
  const gone = forgotten.length > 0 ? { forgotten } : {};
  if (!('session' in outcome)) {
    return { users: [userChange(model, outcome.user)], sessions: outcome.followUps.map((f) => changedSession(model, baseUrl, f.session, [])), ...gone };
  }
  // A call can change its agents' phones too (after-call work once it is released), told on it or on another call it tells of.
  const told = [outcome, ...outcome.before, ...outcome.after].flatMap((o) => o.recipients);
  const phones = [...new Set(told.filter((r) => r.topic === DEVICES_TOPIC).map((r) => r.userId))].flatMap((id) => {
    const user = model.userById(id);
    return user ? [userChange(model, user)] : [];
  });
  const created = customerOperations(outcome.media).some((o) => o.creates && o.name === outcome.operation);
  // Indexes as the log numbers them, from 1.
  const logged = created ? outcome.session.messages.map((_, position) => position + 1) : Object.values(outcome.messages).map((m) => m.index);
  return {
    sessions: [
      changedSession(model, baseUrl, outcome.session, logged),
      ...[...outcome.before, ...outcome.after, ...outcome.followUps].map((f) => changedSession(model, baseUrl, f.session, [])),
    ],
    ...(phones.length > 0 ? { users: phones } : {}),
    ...gone,
  };
}

/** What the agent's day changes of a user, as GET /sim/state shows it: its channels (voice among them) and its phone's do-not-disturb. */
function userChange(model: GwsModel, user: User) {
  return { userName: user.userName, channels: model.channels.of(user.id), doNotDisturb: model.channels.isDoNotDisturb(user.id) };
}

/** The user's phone, which does not change: its device's id (the REST path's) and its DN. */
function phoneState(model: GwsModel, userId: string) {
  const device = model.deviceOf(userId);
  return { deviceId: device.id, phoneNumber: device.phoneNumber };
}

function changedSession(model: GwsModel, baseUrl: string, snapshot: Session, logged: number[]) {
  const session = model.session(snapshot.id);
  return {
    collection: familyNamed(session.media).collection,
    session: { ...sessionState(model, session, baseUrl), id: session.id },
    logged: logged.filter((index) => session.messages[index - 1] !== undefined).map((index) => ({ index, ...session.messages[index - 1] })),
  };
}
