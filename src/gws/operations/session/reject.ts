import { z } from 'zod';
import { shareAgentOperation } from '../operation';
import { route } from '../routing';
import { offerSample } from '../shared';

/**
 * Reject: the invited agent declines. Its desktop sees the session Completed with no
 * participants (as GWS's page shows); the session goes on without it. A rejected arrival of a
 * routed medium (a chat) is offered to the next Ready agent, or waits for one (GWS's chat page:
 * "presents the chat to another agent"); a Facebook arrival stays with the customer waiting until
 * it is offered again (modelled: gws-sim routes no Facebook session by itself).
 */
export const reject = shareAgentOperation({
  name: 'Reject',
  summary: 'The invited agent declines the offered session',
  params: z.object({}),
  example: {},
  states: ['Invited'],
  roles: ['caller'],
  participants: [],
  perform({ model, caller, session, standing }) {
    session.invited = session.invited.filter((i) => i.userId !== caller.id);
    session.states[caller.id] = 'Completed';
    const offeredTo = standing.invitation?.kind === 'offer' ? route(model, session) : undefined;
    return {
      participants: {},
      recipients: [{ role: 'caller', userId: caller.id }],
      routed: offeredTo === undefined ? [] : [{ session, userId: offeredTo }],
    };
  },
  sample: (model) => [offerSample(model), { operation: 'Reject', as: model.users[0].id, params: {} }],
});
