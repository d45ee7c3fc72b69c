import { callOperation } from './call-operation';
import { leaveCall, told } from './calls';
import { onEstablished } from './samples';

/**
 * Hangup (the Hangup page): the agent's call is Released, capabilities empty. On a call of two
 * parties the other side is Released with it (role `released`); in a conference only the agent
 * leaves and the parties left are told ParticipantsUpdated (role `participants`, modelled). Each
 * agent that was connected goes into after-call work (role `device`, modelled), unless it is still
 * on another call; one that is free and still Ready is rung by the next call waiting. A ringing
 * call may be hung up too: Genesys' own HTCC sample client offers "Release" (Hangup) beside Answer.
 * Hanging up a consultation call cancels the consultation: the original stays Held, to Retrieve.
 */
export const hangup = callOperation({
  name: 'Hangup',
  summary: 'The agent releases the call: the other party is Released with it, a conference goes on without the agent',
  states: ['Ringing', 'Dialing', 'Established', 'Held'],
  roles: ['caller', 'released', 'participants', 'device'],
  perform({ model, caller, session }) {
    const { others, wrapUps } = leaveCall(model, session, caller.id);
    return told(caller.id, [...others, ...wrapUps.told], { scheduled: wrapUps.scheduled });
  },
  sample: (model) => onEstablished(model, 'Hangup'),
});
