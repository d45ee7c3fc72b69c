import { z } from 'zod';
import { gwsError } from '../../../errors';
import { shareAgentOperation } from '../../operations/operation';
import { chattingAgent, withdraw } from '../../operations/shared';

/**
 * CancelConsult, chat only (GWS's chat page): withdraws the caller's Consult before the consulted
 * agent accepts; an accepted consultation cannot be cancelled (the page says so). The answer
 * carries the referenceId and the caller gets no notification (documented); with nothing to cancel
 * the answer is the same and the caller is told the failure as an Error notification (the page;
 * NO_CONSULT_PENDING is asynchronous in the catalogue). The consulted agent's
 * desktop sees the offer end, its session Completed with no participants, as after a Reject
 * (modelled: no page shows it).
 */
export const cancelConsult = shareAgentOperation({
  name: 'CancelConsult',
  summary: "Withdraws the caller's consultation request before the consulted agent accepts it",
  params: z.object({}),
  example: {},
  states: ['Chatting'],
  offered: ({ session, participant }) => session.invited.some((i) => i.kind === 'consult' && i.by === participant?.userId),
  roles: ['target'],
  participants: ['caller'],
  perform({ caller, session, self }) {
    const pending = session.invited.find((i) => i.kind === 'consult' && i.by === caller.id);
    if (!pending) throw gwsError('NO_CONSULT_PENDING', caller.userName, session.id);
    return {
      participants: { caller: self! },
      recipients: withdraw(session, [pending], 'target'),
      answer: { referenceId: null },
    };
  },
  sample(model, media) {
    const found = chattingAgent(model, (_session, agent) => agent.visibility === 'All', media);
    const idle = found && model.users.find((u) => found.session.states[u.id] === undefined);
    return (
      found &&
      idle && [
        { operation: 'Consult', as: found.agent.userId, session: found.session.id, params: { targetPath: `/users/${idle.id}` } },
        { operation: 'CancelConsult', as: found.agent.userId, session: found.session.id, params: {} },
      ]
    );
  },
});
