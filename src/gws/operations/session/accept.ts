import { z } from 'zod';
import type { AgentParticipant } from '../../fixture';
import { agentOf, depart, type LoggedMessage } from '../../model';
import { shareAgentOperation, type Draft } from '../operation';
import { nicknameOf, offerSample, othersOf, withdrawInvitationsOf } from '../shared';

/**
 * Accept: the invited agent joins the session, visible to All for an arrival or a transfer, to
 * Agents for a consultation. It receives the whole log; the agents already there see it join. On a
 * transfer, the agent who transferred leaves once the new one has accepted (modelled), and its
 * other invitations not yet accepted are withdrawn (role `withdrawn`).
 */
export const accept = shareAgentOperation({
  name: 'Accept',
  summary: 'The invited agent accepts the offered session (an arrival, a consultation or a transfer)',
  params: z.object({ nickname: z.string().min(1).optional() }),
  example: { nickname: 'Agent' },
  states: ['Invited'],
  roles: ['caller', 'others', 'transferrer', 'withdrawn'],
  participants: ['caller'],
  perform({ model, caller, session, standing, params }) {
    const invitation = standing.invitation!;
    session.invited = session.invited.filter((i) => i !== invitation);
    const self: AgentParticipant = {
      type: 'Agent',
      participantId: model.nextId(),
      userId: caller.id,
      nickname: params.nickname ?? nicknameOf(caller),
      visibility: invitation.visibility,
    };
    session.participants = [...session.participants, self];
    session.states[caller.id] = 'Chatting';
    const joined = model.log(session, { type: 'ParticipantJoined', from: self.participantId, visibility: invitation.visibility }, self);
    const messages: Record<string, LoggedMessage> = { joined };
    const recipients: Draft['recipients'] = [{ role: 'caller', userId: caller.id }];
    const transferrer = invitation.kind === 'transfer' && invitation.by !== undefined ? agentOf(session, invitation.by) : undefined;
    if (transferrer) {
      depart(session, transferrer);
      session.states[transferrer.userId] = 'Completed';
      messages.left = model.log(session, { type: 'ParticipantLeft', from: transferrer.participantId, visibility: 'All' }, transferrer);
      recipients.push({ role: 'transferrer', userId: transferrer.userId }, ...withdrawInvitationsOf(session, transferrer.userId));
    }
    return { participants: { caller: self }, messages, recipients: [...recipients, ...othersOf(session, caller.id)] };
  },
  sample: (model) => [offerSample(model), { operation: 'Accept', as: model.users[0].id, params: {} }],
});
