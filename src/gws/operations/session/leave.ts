import { z } from 'zod';
import { agentsOf, depart } from '../../model';
import { shareAgentOperation } from '../operation';
import { othersOf, sampleByChattingAgent, withdrawInvitationsOf } from '../shared';

/**
 * Leave: in a conference the agent leaves and its session is Completed, the others see it go;
 * alone with the customer it is LeftChat, and may still Complete (as GWS's chat page shows). Its
 * Consults and Transfers not yet accepted are withdrawn (role `withdrawn`), as Complete's.
 */
export const leave = shareAgentOperation({
  name: 'Leave',
  summary: 'The agent leaves the chat: Completed in a conference, else LeftChat until it completes',
  params: z.object({}),
  example: {},
  states: ['Chatting'],
  roles: ['caller', 'others', 'withdrawn'],
  participants: ['caller'],
  perform({ model, caller, session, self }) {
    const conference = agentsOf(session).length > 1;
    depart(session, self!);
    session.states[caller.id] = conference ? 'Completed' : 'LeftChat';
    const left = model.log(session, { type: 'ParticipantLeft', from: self!.participantId, visibility: self!.visibility }, self!);
    const withdrawn = withdrawInvitationsOf(session, caller.id);
    return { participants: { caller: self! }, messages: { left }, recipients: [{ role: 'caller', userId: caller.id }, ...othersOf(session, caller.id), ...withdrawn] };
  },
  sample: (model, media) => sampleByChattingAgent(model, 'Leave', {}, media),
});
