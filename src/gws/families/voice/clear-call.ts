import { callOperation } from './call-operation';
import { isConference, releaseAll, requireOffered, told } from './calls';
import { conference } from './samples';

/**
 * ClearCall (its page): "Ends the conference call for all parties", by any agent on it. Every
 * party's call is Released (roles `caller`, `released`); the agents connected go into after-call
 * work (role `device`). Offered on a conference only: three parties or more (modelled).
 */
export const clearCall = callOperation({
  name: 'ClearCall',
  summary: 'Ends the conference for every party',
  states: ['Established', 'Held'],
  roles: ['caller', 'released', 'device'],
  offered: ({ session }) => isConference(session),
  perform({ model, caller, session }) {
    requireOffered(isConference(session), 'ClearCall', caller.userName, `call ${session.legs![caller.id].id} is not a conference (Hangup ends a call of two parties)`);
    const { told: released, wrapUps } = releaseAll(model, session, caller.id);
    return told(caller.id, [...released, ...wrapUps.told], { scheduled: wrapUps.scheduled });
  },
  sample: (model) => [...conference(model), { operation: 'ClearCall', as: model.users[0].id, params: {} }],
});
