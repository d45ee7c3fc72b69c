import { z } from 'zod';
import { agentsOf, depart } from '../../model';
import { shareCustomerOperation } from '../operation';
import { agentsTold, presentCustomer, sampleOnChat } from './present';

/**
 * The customer leaves: the agents see its ParticipantLeft, and each agent still chatting is
 * LeftChat, free to set a disposition and Complete (modelled: no public page shows this).
 */
export const customerLeave = shareCustomerOperation({
  name: 'CustomerLeave',
  summary: 'The customer leaves (POST /sim/<collection>/{id}/leave)',
  params: z.object({}),
  example: {},
  route: 'leave',
  roles: ['agents'],
  participants: ['customer'],
  perform({ model, session: given }) {
    const { session, customer } = presentCustomer(given);
    depart(session, customer);
    session.state = 'LeftChat';
    const left = model.log(session, { type: 'ParticipantLeft', from: customer.participantId, visibility: 'All' }, customer);
    for (const agent of agentsOf(session)) if (session.states[agent.userId] === 'Chatting') session.states[agent.userId] = 'LeftChat';
    return agentsTold(session, { customer }, { left });
  },
  sample: (model, media) => sampleOnChat(model, 'CustomerLeave', {}, media),
});
