import { gwsError } from '../../../errors';
import type { User } from '../../fixture';
import { familyNamed } from '../../families';
import type { GwsModel, Invitation, Session } from '../../model';
import { shareAgentOperation } from '../operation';
import { InviteTarget, type TargetRef } from '../params';
import { route } from '../routing';
import { chattingAgent, invite, inviteTarget } from '../shared';

/**
 * Consult and Transfer: the session is offered to another agent (its state Invited, as an
 * arrival's), who joins with `visibility` once it accepts. The target is an agent, or on a routed
 * medium (chat) a queue (the chat pages: `queueName` or a queue URI): the session then goes to the
 * next agent Ready on the channel, or waits for one as a routed chat does (modelled). The answer
 * carries the referenceId, except a chat Transfer's (the ChatSingleStepTransfer page's answer is
 * `{"statusCode": 0}`).
 */
export function invitingOperation(spec: { name: string; summary: string; kind: Invitation['kind']; visibility: Invitation['visibility'] }) {
  return shareAgentOperation({
    name: spec.name,
    summary: spec.summary,
    params: InviteTarget,
    example: { targetPath: '/users/<userId>' },
    states: ['Chatting'],
    // Only an agent the customer sees hands the session over.
    offered: spec.kind === 'transfer' ? ({ participant }) => participant?.visibility === 'All' : undefined,
    roles: ['caller', 'target'],
    participants: ['caller'],
    perform({ model, caller, session, self, params }) {
      if (spec.kind === 'transfer' && self!.visibility !== 'All') throw gwsError('HANDOVER_NOT_ALL', spec.name, self!.visibility);
      const how = { kind: spec.kind, visibility: spec.visibility, by: caller.id };
      const offeredTo = 'user' in params.target ? invited(model, spec.name, session, params.target.user, caller, how) : queued(model, session, params.target, how);
      const referenceId = spec.kind === 'transfer' && session.media === 'chat' ? {} : { referenceId: null };
      return {
        participants: { caller: self! },
        recipients: [{ role: 'caller', userId: caller.id }, ...(offeredTo === undefined ? [] : [{ role: 'target', userId: offeredTo }])],
        answer: referenceId,
      };
    },
    sample(model, media) {
      const found = chattingAgent(model, (_session, agent) => agent.visibility === 'All', media);
      const idle = found && model.users.find((u) => found.session.states[u.id] === undefined);
      return found && idle && [{ operation: spec.name, as: found.agent.userId, session: found.session.id, params: { targetPath: `/users/${idle.id}` } }];
    },
  });
}

function invited(model: GwsModel, operation: string, session: Session, userId: string, caller: User, how: Omit<Invitation, 'userId'>): string {
  const target = inviteTarget(model, operation, session, userId, caller);
  invite(model, session, { ...how, userId: target.id });
  return target.id;
}

/** Offers the session through a queue: to the next Ready agent, or it waits; returns the agent offered it now. */
function queued(model: GwsModel, session: Session, target: Exclude<TargetRef, { user: string }>, how: Omit<Invitation, 'userId'>): string | undefined {
  const queues = model.fixture.queues;
  const queue = 'queueName' in target ? queues.find((q) => q.name === target.queueName) : queues.find((q) => q.id === target.queueId);
  const given = 'queueName' in target ? `queueName '${target.queueName}'` : `queue ${target.queueId}`;
  if (!queue) throw gwsError('QUEUE_NOT_FOUND', given, queues.map((q) => `${q.name} (${q.id})`));
  if (familyNamed(session.media).channel === undefined) throw gwsError('QUEUE_NOT_ROUTED', familyNamed(session.media).resource);
  return route(model, session, how);
}
