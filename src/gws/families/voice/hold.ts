import type { CallState } from '../family';
import { callOperation } from './call-operation';
import { requireOffered, told } from './calls';
import { otherOf, pairOf, purposeOf } from './consultation';
import type { Standing } from '../../model';
import { onEstablished } from './samples';
import { swap } from './swap-calls';

/** Not a transfer's call whose other call is not Held (SwapCalls swaps there). */
const retrievable = ({ session, userId, tied }: Standing) => purposeOf(session, userId) !== 'transfer' || tied === 'Held';

/** Hold (the Hold page): the agent's leg is Held; the other party is not told (modelled). */
export const hold = callOperation({
  name: 'Hold',
  summary: 'The agent puts the call on hold',
  states: ['Established'],
  perform({ caller, session }) {
    session.states[caller.id] = 'Held';
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'Hold'),
});

/**
 * Retrieve ("Retrieves the phone call from hold", Call Control): Established again. On a transfer's
 * consultation it is offered only when the agent's other call is Held too (the InitiateTransfer
 * page's Held original lists SwapCalls instead); on a conference's (the InitiateConference page
 * lists it) it swaps: the other call, if established, is Held (role `other`).
 */
export const retrieve = callOperation({
  name: 'Retrieve',
  summary: 'The agent takes the call off hold',
  states: ['Held'] satisfies CallState[],
  roles: ['caller', 'other'],
  offered: retrievable,
  perform({ model, caller, session, standing }) {
    requireOffered(retrievable(standing), 'Retrieve', caller.userName, `a transfer's consultation from or to call ${session.legs![caller.id].id} is in progress: SwapCalls, CompleteTransfer, or Hangup of the other call first`);
    const pair = pairOf(model, session, caller.id);
    if (pair && standing.tied === 'Established') return swap(standing, otherOf(pair, session), caller.userName, 'Retrieve');
    session.states[caller.id] = 'Established';
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'Retrieve', {}, [{ operation: 'Hold', as: model.users[0].id, params: {} }]),
});
