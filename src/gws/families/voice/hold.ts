import type { CallState } from '../family';
import { callOperation } from './call-operation';
import { told } from './calls';
import { onEstablished } from './samples';

/** An operation that only moves the agent's own leg from one state to another; the other party is not told (modelled). */
function holdOperation(name: string, summary: string, from: CallState, to: CallState, before: string[]) {
  return callOperation({
    name,
    summary,
    states: [from],
    perform({ caller, session }) {
      session.states[caller.id] = to;
      return told(caller.id);
    },
    sample: (model) => onEstablished(model, name, {}, before.map((operation) => ({ operation, as: model.users[0].id, params: {} }))),
  });
}

/** Hold (the Hold page): the agent's leg is Held. */
export const hold = holdOperation('Hold', 'The agent puts the call on hold', 'Established', 'Held', []);

/** Retrieve ("Retrieves the phone call from hold", Call Control): Established again. */
export const retrieve = holdOperation('Retrieve', 'The agent takes the call off hold', 'Held', 'Established', ['Hold']);
