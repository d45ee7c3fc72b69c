import { gwsError } from '../../../errors';
import { agentOf, agentsOf, depart } from '../../model';
import { shareAgentOperation } from '../operation';
import { Target } from '../params';
import { chattingAgent, othersOf, withdrawInvitationsOf } from '../shared';
import { familyNamed } from '../../families';
import { listed } from '../../../shown';

/**
 * RemoveParticipantFromConference: only an agent visible to All (customer and agents) may remove
 * another agent. The removed agent leaves; the log gains a Notice from the caller
 * (`REMOVE_PARTICIPANT_FROM_CONFERENCE<userId>`) and a ParticipantLeft from the removed agent,
 * both visible to agents only. The removed agent's Consults and Transfers not yet accepted are
 * withdrawn, as when it leaves (role `withdrawn`).
 */
export const removeParticipantFromConference = shareAgentOperation({
  name: 'RemoveParticipantFromConference',
  summary: 'An agent visible to All removes another agent (a consultant) from the session',
  params: Target,
  example: { targetPath: '/users/<userId>' },
  states: ['Chatting'],
  offered: ({ session, participant }) => participant?.visibility === 'All' && agentsOf(session).length > 1,
  roles: ['caller', 'target', 'others', 'withdrawn'],
  participants: ['caller', 'target'],
  perform({ model, caller, session, self, params }) {
    const callerParticipant = self!;
    const { targetUserId } = params;
    if (callerParticipant.visibility !== 'All') {
      const allowed = agentsOf(session)
        .filter((p) => p.visibility === 'All')
        .map((p) => model.userById(p.userId)?.userName ?? p.userId);
      throw gwsError('VISIBILITY_NOT_ALL', callerParticipant.visibility, listed(allowed));
    }
    const { resource } = familyNamed(session.media);
    if (targetUserId === caller.id) throw gwsError('TARGET_IS_CALLER', session.id, resource);
    const target = agentOf(session, targetUserId);
    if (!target) {
      const left = session.departed.some((p) => p.type === 'Agent' && p.userId === targetUserId);
      throw gwsError(left ? 'TARGET_ALREADY_REMOVED' : 'TARGET_NOT_IN_SESSION', targetUserId, session.id, resource);
    }

    depart(session, target);
    session.states[target.userId] = 'Completed';
    const withdrawn = withdrawInvitationsOf(session, target.userId);
    const notice = model.log(
      session,
      { type: 'Notice', from: callerParticipant.participantId, text: `REMOVE_PARTICIPANT_FROM_CONFERENCE${targetUserId}`, visibility: 'Agents' },
      callerParticipant,
    );
    const participantLeft = model.log(session, { type: 'ParticipantLeft', from: target.participantId, visibility: 'Agents' }, target);
    return {
      participants: { caller: callerParticipant, target },
      messages: { notice, participantLeft },
      recipients: [{ role: 'caller', userId: caller.id }, { role: 'target', userId: target.userId }, ...othersOf(session, caller.id), ...withdrawn],
    };
  },
  // In a conference of the fixture; else in one made by a consultation of an idle agent.
  sample(model, media) {
    const removal = (as: string, session: string, target: string) => ({ operation: 'RemoveParticipantFromConference', as, session, params: { targetPath: `/users/${target}` } });
    for (const session of model.allSessions(media)) {
      const agents = agentsOf(session);
      const caller = agents.find((a) => a.visibility === 'All' && session.states[a.userId] === 'Chatting');
      const target = agents.find((a) => a !== caller);
      if (caller && target) return [removal(caller.userId, session.id, target.userId)];
    }
    const found = chattingAgent(model, (_session, agent) => agent.visibility === 'All', media);
    const idle = found && model.users.find((u) => found.session.states[u.id] === undefined);
    if (!found || !idle) return undefined;
    const session = found.session.id;
    return [
      { operation: 'Consult', as: found.agent.userId, session, params: { targetPath: `/users/${idle.id}` } },
      { operation: 'Accept', as: idle.id, session, params: {} },
      removal(found.agent.userId, session, idle.id),
    ];
  },
});
