import { gwsError } from '../../../errors';
import type { Invitation } from '../../model';
import { shareAgentOperation } from '../operation';
import { Target } from '../params';
import { chattingAgent, invite, inviteTarget } from '../shared';

/**
 * Consult and Transfer: the session is offered to another agent (its state Invited, as an
 * arrival's), who joins with `visibility` once it accepts. The answer carries the referenceId.
 */
export function invitingOperation(spec: { name: string; summary: string; kind: Invitation['kind']; visibility: Invitation['visibility'] }) {
  return shareAgentOperation({
    name: spec.name,
    summary: spec.summary,
    params: Target,
    example: { targetPath: '/users/<userId>' },
    states: ['Chatting'],
    // Only an agent the customer sees hands the session over.
    offered: spec.kind === 'transfer' ? ({ participant }) => participant?.visibility === 'All' : undefined,
    roles: ['caller', 'target'],
    participants: ['caller'],
    perform({ model, caller, session, self, params }) {
      if (spec.kind === 'transfer' && self!.visibility !== 'All') throw gwsError('HANDOVER_NOT_ALL', spec.name, self!.visibility);
      const target = inviteTarget(model, spec.name, session, params.targetUserId, caller);
      invite(session, { userId: target.id, kind: spec.kind, visibility: spec.visibility, by: caller.id });
      return {
        participants: { caller: self! },
        recipients: [{ role: 'caller', userId: caller.id }, { role: 'target', userId: target.id }],
        answer: { referenceId: null },
      };
    },
    sample(model, media) {
      const found = chattingAgent(model, (_session, agent) => agent.visibility === 'All', media);
      const idle = found && model.users.find((u) => found.session.states[u.id] === undefined);
      return found && idle && [{ operation: spec.name, as: found.agent.userId, session: found.session.id, params: { targetPath: `/users/${idle.id}` } }];
    },
  });
}
