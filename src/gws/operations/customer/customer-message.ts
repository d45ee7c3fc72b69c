import { z } from 'zod';
import { shareCustomerOperation } from '../operation';
import { agentsTold, presentCustomer, sampleOnChat } from './present';

/** The customer writes: every agent in the session gets a Text from the customer, visible to All. */
export const customerMessage = shareCustomerOperation({
  name: 'CustomerMessage',
  summary: 'The customer writes (POST /sim/<collection>/{id}/messages)',
  params: z.object({ text: z.string() }),
  example: { text: 'Hello?' },
  route: 'messages',
  roles: ['agents'],
  participants: ['customer'],
  perform({ model, session: given, params }) {
    const { session, customer } = presentCustomer(given);
    const message = model.log(session, { type: 'Text', from: customer.participantId, text: params.text, visibility: 'All' }, customer);
    return agentsTold(session, { customer }, { message });
  },
  sample: (model, media) => sampleOnChat(model, 'CustomerMessage', { text: 'Hello?' }, media),
});
