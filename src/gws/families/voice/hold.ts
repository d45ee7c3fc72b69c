import type { CallState } from '../family';
import { callOperation } from './call-operation';
import { requireOffered, told } from './calls';
import { pairOf, purposeOf } from './consultation';
import { onEstablished } from './samples';
import { swap } from './swap-calls';

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
 * Retrieve ("Retrieves the phone call from hold", Call Control): Established again. Not offered on
 * the held original of a transfer's consultation (the InitiateTransfer page's Held call lists
 * SwapCalls instead); on a conference's (the InitiateConference page lists it) it swaps: the
 * consultation, if established, is Held (role `other`).
 */
export const retrieve = callOperation({
  name: 'Retrieve',
  summary: 'The agent takes the call off hold',
  states: ['Held'] satisfies CallState[],
  roles: ['caller', 'other'],
  offered: ({ session, userId }) => purposeOf(session, userId) !== 'transfer',
  perform({ model, caller, session, standing }) {
    const transferring = purposeOf(session, caller.id) === 'transfer';
    requireOffered(!transferring, 'Retrieve', caller.userName, `a transfer's consultation from call ${session.legs![caller.id].id} is in progress: SwapCalls, CompleteTransfer, or Hangup of the consultation call first`);
    const pair = pairOf(model, session, caller.id);
    const other = pair && (pair.original === session ? pair.consultation : pair.original);
    if (other?.states[caller.id] === 'Established') return swap(model, standing, 'Retrieve');
    session.states[caller.id] = 'Established';
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'Retrieve', {}, [{ operation: 'Hold', as: model.users[0].id, params: {} }]),
});
