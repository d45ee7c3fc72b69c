import { callOperation } from './call-operation';
import { told } from './calls';
import { onEstablished } from './samples';

/** Hold (the Hold page): the agent's leg is Held; the other party hears nothing new and is not told (modelled). */
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

/** Retrieve ("Retrieves the phone call from hold", Call Control): Established again. */
export const retrieve = callOperation({
  name: 'Retrieve',
  summary: 'The agent takes the call off hold',
  states: ['Held'],
  perform({ caller, session }) {
    session.states[caller.id] = 'Established';
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'Retrieve', {}, [{ operation: 'Hold', as: model.users[0].id, params: {} }]),
});
