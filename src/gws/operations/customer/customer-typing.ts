import { z } from 'zod';
import { shareCustomerOperation } from '../operation';
import { agentsTold, presentCustomer, sampleOnChat } from './present';

function typing(name: string, type: 'TypingStarted' | 'TypingStopped', action: 'start' | 'stop') {
  return shareCustomerOperation({
    name,
    summary: `The customer ${action}s typing (POST /sim/<collection>/{id}/typing/${action})`,
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
    sample: (model, media) => sampleOnChat(model, name, {}, media),
  });
}

export const customerStartTyping = typing('CustomerStartTyping', 'TypingStarted', 'start');
export const customerStopTyping = typing('CustomerStopTyping', 'TypingStopped', 'stop');
