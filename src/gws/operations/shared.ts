import { gwsError } from '../../errors';
import type { AgentParticipant, LogMessage, User } from '../fixture';
import { DEFAULT_MEDIA, familyNamed, type MediaName } from '../families';
import { agentsOf, FRESH_LEG, type GwsModel, type Invitation, type LoggedMessage, type Session } from '../model';
import type { Draft, SampleCall } from './operation';
import { listed } from '../../shown';

/** A GWS nickname as the documentation's samples show it: first and last name run together. */
export const nicknameOf = (user: User) => `${user.firstName}${user.lastName}`.replace(/\s+/g, '');

/** The other agents in the session, each told in role `others`. */
export function othersOf(session: Session, userId: string): Draft['recipients'] {
  return agentsOf(session)
    .filter((p) => p.userId !== userId)
    .map((p) => ({ role: 'others', userId: p.userId }));
}

/** Logs a message from the caller and tells the caller and the other agents: SendMessage and its kin. */
export function say(model: GwsModel, session: Session, self: AgentParticipant, message: Omit<LogMessage, 'from'>): Draft {
  const logged = model.log(session, { ...message, from: self.participantId }, self);
  return {
    participants: { caller: self },
    messages: { message: logged },
    recipients: [{ role: 'caller', userId: self.userId }, ...othersOf(session, self.userId)],
  };
}

/** The user a Consult or Transfer names, if it can be offered the session. */
export function inviteTarget(model: GwsModel, operation: string, session: Session, targetUserId: string, caller: User): User {
  const target = model.userById(targetUserId);
  if (!target) throw gwsError('TARGET_NOT_A_USER', targetUserId, listed(model.users.map((u) => `${u.userName} (${u.id})`)));
  if (target.id === caller.id) throw gwsError('TARGET_BUSY', operation, target.userName, session.id, 'is the caller');
  const state = session.states[target.id];
  if (state === 'Invited') throw gwsError('TARGET_BUSY', operation, target.userName, session.id, 'is already invited');
  if (state === 'Chatting' || state === 'LeftChat') throw gwsError('TARGET_BUSY', operation, target.userName, session.id, 'is already a participant');
  return target;
}

/**
 * Offers the session to `userId`: the agent's state becomes Invited until it accepts or rejects.
 * A consultant gets its participant now (see Invitation.participant).
 */
export function invite(model: GwsModel, session: Session, invitation: Invitation): void {
  const user = model.userById(invitation.userId);
  const participant: AgentParticipant | undefined =
    invitation.kind === 'consult' && user
      ? { type: 'Agent', participantId: model.nextId(), userId: user.id, nickname: nicknameOf(user), visibility: invitation.visibility }
      : undefined;
  session.invited = [...session.invited.filter((i) => i.userId !== invitation.userId), { ...invitation, ...(participant ? { participant } : {}) }];
  const family = familyNamed(session.media);
  // A call rings each agent on its own leg (families/voice): a new one if it left the call before.
  if (family.legPerAgent) model.addLeg(session, invitation.userId, { callType: session.call!.callType, ...FRESH_LEG });
  session.states[invitation.userId] = family.invitedState;
}

/**
 * Withdraws invitations not yet accepted: each invitee's state becomes Completed, as after a
 * Reject, so that its Accept is refused. Returns the invitees to tell, in `role`.
 */
export function withdraw(session: Session, invitations: readonly Invitation[], role: string): Draft['recipients'] {
  session.invited = session.invited.filter((i) => !invitations.includes(i));
  for (const invitation of invitations) session.states[invitation.userId] = familyNamed(session.media).finalState;
  return invitations.map((i) => ({ role, userId: i.userId }));
}

/**
 * What an agent leaves behind when it completes or leaves the session: its Consults and Transfers
 * not yet accepted are withdrawn, as its CancelConsult would (modelled: nothing documents it; an
 * invitation outliving its inviter made a completed session take a new agent). Told in role `withdrawn`.
 */
export function withdrawInvitationsOf(session: Session, userId: string): Draft['recipients'] {
  return withdraw(session, session.invited.filter((i) => i.by === userId), 'withdrawn');
}

/** The first session of the medium in which an agent chats, and that agent: where most operations can be sampled. */
export function chattingAgent(
  model: GwsModel,
  wanted: (session: Session, agent: AgentParticipant) => boolean = () => true,
  media: MediaName = DEFAULT_MEDIA,
): { session: Session; agent: AgentParticipant } | undefined {
  for (const session of model.allSessions(media)) {
    const agent = agentsOf(session).find((a) => session.states[a.userId] === 'Chatting' && wanted(session, a));
    if (agent) return { session, agent };
  }
  return undefined;
}

/** A sample of an operation performed by a chatting agent with `params`. */
export function sampleByChattingAgent(model: GwsModel, operation: string, params: Record<string, unknown>, media: MediaName = DEFAULT_MEDIA): SampleCall[] | undefined {
  const found = chattingAgent(model, undefined, media);
  return found && [{ operation, as: found.agent.userId, session: found.session.id, params }];
}

/** A sample that first offers a new session to the fixture's first user. */
export function offerSample(model: GwsModel): SampleCall {
  return { operation: 'Offer', params: { offerTo: model.users[0].userName, customer: 'Customer', text: 'Hello' } };
}

export type { LoggedMessage };
