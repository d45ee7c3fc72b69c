import { z } from 'zod';
import { defineAgentOperation } from '../../operations/operation';
import { told } from './calls';
import { onEstablished } from './samples';

/** Hold (the Hold page): the agent's leg is Held; the other party hears nothing new and is not told (modelled). */
export const hold = defineAgentOperation({
  media: 'voice',
  name: 'Hold',
  summary: 'The agent puts the call on hold',
  params: z.object({}),
  example: {},
  states: ['Established'],
  roles: ['caller'],
  participants: [],
  perform({ caller, session }) {
    session.states[caller.id] = 'Held';
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'Hold'),
});

/** Retrieve ("Retrieves the phone call from hold", Call Control): Established again. */
export const retrieve = defineAgentOperation({
  media: 'voice',
  name: 'Retrieve',
  summary: 'The agent takes the call off hold',
  params: z.object({}),
  example: {},
  states: ['Held'],
  roles: ['caller'],
  participants: [],
  perform({ caller, session }) {
    session.states[caller.id] = 'Established';
    return told(caller.id);
  },
  sample: (model) => onEstablished(model, 'Retrieve', {}, [{ operation: 'Hold', as: model.users[0].id, params: {} }]),
});
