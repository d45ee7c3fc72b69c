import { z } from 'zod';
import { agentsOf, depart, type LoggedMessage } from '../../model';
import { shareAgentOperation, type Draft } from '../operation';
import { othersOf, sampleByChattingAgent, withdrawInvitationsOf } from '../shared';

/**
 * Complete: the agent is done with the session: its state becomes Completed and it leaves the
 * chat if it was still in it; when no agent is left, the session itself is Completed. Its Consults
 * and Transfers not yet accepted are withdrawn (role `withdrawn`, as CancelConsult's target). `queueName`
 * (where GWS would place the interaction) is accepted and logged (modelled).
 */
export const complete = shareAgentOperation({
  name: 'Complete',
  summary: 'The agent completes the session (optionally placing it in queueName)',
  params: z.object({ queueName: z.string().min(1).optional() }),
  example: { queueName: 'Done' },
  states: ['Chatting', 'LeftChat'],
  roles: ['caller', 'others', 'withdrawn'],
  participants: ['caller'],
  perform({ model, caller, session, self }) {
    const messages: Record<string, LoggedMessage> = {};
    if (self) {
      depart(session, self);
      messages.left = model.log(session, { type: 'ParticipantLeft', from: self.participantId, visibility: self.visibility }, self);
    }
    session.states[caller.id] = 'Completed';
    const withdrawn = withdrawInvitationsOf(session, caller.id);
    if (agentsOf(session).length === 0) session.state = 'Completed';
    const participants: Draft['participants'] = self ? { caller: self } : {};
    return { participants, messages, recipients: [{ role: 'caller', userId: caller.id }, ...(self ? othersOf(session, caller.id) : []), ...withdrawn] };
  },
  sample: (model, media) => sampleByChattingAgent(model, 'Complete', {}, media),
});
