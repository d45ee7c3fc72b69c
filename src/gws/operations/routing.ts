import type { Pending } from '../channels';
import { FAMILIES, familyNamed } from '../families';
import type { GwsModel, Session } from '../model';
import { invite } from './shared';

/** A session routing offered to an agent: it receives the medium's Offer stream. */
export interface Routed {
  session: Session;
  userId: string;
}

const ARRIVAL: Pending = { kind: 'offer', visibility: 'All' };

/**
 * Offers `session` to the next agent Ready on its medium's channel (round robin) whom it has not
 * reached yet (an agent who rejected it is Completed there); with none, the session waits for one.
 * `how`: as an arrival, or as a transfer or consultation to a queue (a waiting session keeps it).
 * Returns the agent offered it. A medium without a channel is not routed, nor a session whose
 * customer has left, nor a call that is over.
 */
export function route(model: GwsModel, session: Session, how: Pending = model.channels.pendingOf(session.id) ?? ARRIVAL): string | undefined {
  const channel = familyNamed(session.media).channel;
  if (channel === undefined) return undefined;
  // A chat whose customer left, a call over: nothing to route.
  const over = familyNamed(session.media).legPerAgent ? session.state === 'Completed' : !session.participants.some((p) => p.type === 'Customer');
  if (over) {
    model.channels.stopWaiting(channel, session.id);
    return undefined;
  }
  // A phone rings one call at a time, and not on do-not-disturb.
  const free = (id: string) => !familyNamed(session.media).legPerAgent || (!model.channels.isDoNotDisturb(id) && model.sessionsOf(id, session.media).length === 0);
  const userId = model.channels.nextReady(channel, (id) => session.states[id] === undefined && free(id));
  if (userId === undefined) {
    model.channels.wait(channel, session.id, how);
    return undefined;
  }
  model.channels.stopWaiting(channel, session.id);
  invite(model, session, { ...how, userId });
  return userId;
}

/** Offers the sessions waiting on `channel` to its Ready agents, oldest first. */
export function dispatchWaiting(model: GwsModel, channel: string): Routed[] {
  const routed: Routed[] = [];
  for (const id of model.channels.waitingOn(channel)) {
    const session = model.session(id);
    const userId = route(model, session);
    if (userId !== undefined) routed.push({ session, userId });
  }
  return routed;
}

/** The sessions of routed media (chats) offered to the agent or open on its desktop. */
export function routedSessionsOf(model: GwsModel, userId: string): Session[] {
  return FAMILIES.filter((m) => m.channel !== undefined).flatMap((m) => model.sessionsOf(userId, m.name));
}
