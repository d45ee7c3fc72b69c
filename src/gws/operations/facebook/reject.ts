import { defineAgentOperation } from '../operation';
import { offerSample } from '../shared';
import { z } from 'zod';

/**
 * Reject: the invited agent declines. Its desktop sees the session Completed with no
 * participants (as GWS's page shows); the session goes on without it. An arrival nobody accepted
 * stays with the customer waiting until it is offered again (modelled: gws-sim routes nothing by itself).
 */
export const reject = defineAgentOperation({
  media: 'facebook',
  name: 'Reject',
  summary: 'The invited agent declines the offered session',
  params: z.object({}),
  example: {},
  states: ['Invited'],
  roles: ['caller'],
  participants: [],
  perform({ caller, session }) {
    session.invited = session.invited.filter((i) => i.userId !== caller.id);
    session.states[caller.id] = 'Completed';
    return { participants: {}, recipients: [{ role: 'caller', userId: caller.id }] };
  },
  sample: (model) => [offerSample(model), { operation: 'Reject', as: model.users[0].id, params: {} }],
});
