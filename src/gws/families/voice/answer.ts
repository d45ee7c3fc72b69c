import { callOperation } from './call-operation';
import { agentParty, otherParties, told } from './calls';
import { ringing } from './samples';

/**
 * Answer (the Answer page): the ringing call is Established for the agent; on an internal call
 * (or a consultation) the agent who dialed is Established too, and told StatusChange (role
 * `others`). Agents already connected (a conference the call was added to) are told
 * ParticipantsUpdated (role `participants`, modelled).
 */
export const answer = callOperation({
  name: 'Answer',
  summary: 'The agent answers its ringing call',
  states: ['Ringing'],
  roles: ['caller', 'others', 'participants'],
  perform({ model, caller, session, standing, now }) {
    session.invited = session.invited.filter((i) => i !== standing.invitation);
    session.participants = [...session.participants, agentParty(model, caller.id)];
    session.states[caller.id] = 'Established';
    session.legs![caller.id].establishedAt = now;
    const others = otherParties(session, caller.id).map((other) => {
      if (session.states[other.userId] !== 'Dialing') return { ...other, role: 'participants' };
      session.states[other.userId] = 'Established';
      session.legs![other.userId].establishedAt = now;
      return other;
    });
    return told(caller.id, others);
  },
  sample: (model) => [...ringing(model), { operation: 'Answer', as: model.users[0].id, params: {} }],
});
