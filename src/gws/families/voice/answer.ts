import { callOperation } from './call-operation';
import { agentParty, otherParties, told } from './calls';
import { ringing } from './samples';

/**
 * Answer (the Answer page): the ringing call is Established for the agent; on an internal call the
 * agent who dialed is Established too. Both are told StatusChange.
 */
export const answer = callOperation({
  name: 'Answer',
  summary: 'The agent answers its ringing call',
  states: ['Ringing'],
  roles: ['caller', 'others'],
  perform({ model, caller, session, standing, now }) {
    session.invited = session.invited.filter((i) => i !== standing.invitation);
    session.participants = [...session.participants, agentParty(model, caller.id)];
    session.states[caller.id] = 'Established';
    session.legs![caller.id].establishedAt = now;
    const others = otherParties(session, caller.id);
    for (const { userId } of others) {
      if (session.states[userId] !== 'Dialing') continue;
      session.states[userId] = 'Established';
      session.legs![userId].establishedAt = now;
    }
    return told(caller.id, others);
  },
  sample: (model) => [...ringing(model), { operation: 'Answer', as: model.users[0].id, params: {} }],
});
