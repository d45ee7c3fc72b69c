import { z } from 'zod';
import { gwsError } from '../../../errors';
import type { Participant } from '../../fixture';
import { gwsTimestamp } from '../../timestamp';
import { defineCustomerOperation } from '../operation';

/**
 * An arrival: a customer writes on Facebook and the session is offered to an agent, whose state is
 * Invited with capabilities Accept and Reject until it answers. The answer carries the new id.
 */
export const offer = defineCustomerOperation({
  media: 'facebook',
  name: 'Offer',
  summary: 'A customer starts a session, offered to an agent (POST /sim/facebooksessions)',
  creates: true,
  params: z.object({ offerTo: z.string().min(1).meta({ description: 'the user name of the agent it is offered to', format: 'gws-user-name' }), customer: z.string().min(1).default('Customer'), text: z.string().optional() }),
  example: { offerTo: 'agent1', customer: 'Alice', text: 'Hello' },
  route: '',
  roles: ['invited'],
  participants: ['customer'],
  perform({ model, params, now }) {
    const agent = model.userByName(params.offerTo);
    if (!agent) throw gwsError('NO_SUCH_AGENT', 'offerTo', params.offerTo, model.users.map((u) => u.userName).join(', '));
    const created = model.addSession((nextId) => {
      const customer: Participant = { type: 'Customer', participantId: nextId(), nickname: params.customer, visibility: 'All' };
      const from = customer.participantId;
      return {
        media: 'facebook',
        state: 'Chatting',
        facebooksessionType: 'Inbound',
        receivedDate: gwsTimestamp(now),
        suggestedQueueIds: [],
        capabilities: [],
        revelantResponseTemplateGroups: [],
        userData: { FromAddress: params.customer },
        participants: [customer],
        messages: [
          { type: 'ParticipantJoined', from, visibility: 'All' },
          ...(params.text === undefined ? [] : [{ type: 'Text' as const, from, text: params.text, visibility: 'All' as const }]),
        ],
        departed: [],
        invited: [{ userId: agent.id, kind: 'offer', visibility: 'All' }],
        states: { [agent.id]: 'Invited' },
      };
    });
    return {
      participants: { customer: created.participants[0] },
      recipients: [{ role: 'invited', userId: agent.id }],
      answer: { id: created.id },
    };
  },
  sample: (model) => [{ operation: 'Offer', params: { offerTo: model.users[0].userName, customer: 'Customer', text: 'Hello' } }],
});
