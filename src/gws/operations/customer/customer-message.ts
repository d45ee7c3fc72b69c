import { z } from 'zod';
import { defineCustomerOperation } from '../operation';
import { agentsTold, presentCustomer, sampleOnChat } from './present';

/** The customer writes: every agent in the session gets a Text from the customer, visible to All. */
export const customerMessage = defineCustomerOperation({
  media: 'facebook',
  name: 'CustomerMessage',
  summary: 'The customer writes (POST /sim/facebooksessions/{id}/messages)',
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
  sample: (model) => sampleOnChat(model, 'CustomerMessage', { text: 'Hello?' }),
});
