import { z } from 'zod';
import { defineCustomerOperation } from '../operation';
import { agentsTold, presentCustomer, sampleOnChat } from './present';

function typing(name: string, type: 'TypingStarted' | 'TypingStopped', action: 'start' | 'stop') {
  return defineCustomerOperation({
    media: 'facebook',
    name,
    summary: `The customer ${action}s typing (POST /sim/facebooksessions/{id}/typing/${action})`,
    route: `typing/${action}`,
    params: z.object({}),
    example: {},
    roles: ['agents'],
    participants: ['customer'],
    perform({ model, session: given }) {
      const { session, customer } = presentCustomer(given);
      const message = model.log(session, { type, from: customer.participantId, visibility: 'All' }, customer);
      return agentsTold(session, { customer }, { message });
    },
    sample: (model) => sampleOnChat(model, name, {}),
  });
}

export const customerStartTyping = typing('CustomerStartTyping', 'TypingStarted', 'start');
export const customerStopTyping = typing('CustomerStopTyping', 'TypingStopped', 'stop');
