import { z } from 'zod';
import { gwsError } from '../../../errors';
import type { Participant } from '../../fixture';
import { familyNamed } from '../../families';
import { gwsTimestamp } from '../../timestamp';
import { shareCustomerOperation } from '../operation';
import { route } from '../routing';
import { offerSample } from '../shared';
import { listed } from '../../../shown';

/**
 * An arrival: a customer writes and the session is offered to an agent, whose state is Invited
 * with capabilities Accept and Reject until it answers. The answer carries the new id. A medium
 * routed by a channel (chat) may leave `offerTo` out: the session goes to the next agent Ready on
 * the channel (round robin; the answer names it in `offeredTo`), or waits for one (`waiting`).
 */
const agent = z.string().min(1).meta({ description: 'the user name of the agent it is offered to', format: 'gws-user-name' });
const routedOffer = z.object({ offerTo: agent.optional(), customer: z.string().min(1).default('Customer'), text: z.string().optional() });

export const offer = shareCustomerOperation({
  name: 'Offer',
  summary: 'A customer starts a session, offered to an agent (POST /sim/<collection>); a chat without offerTo goes to an agent Ready on chat',
  creates: true,
  params: routedOffer,
  // Where nothing routes (Facebook), the offer must name its agent.
  paramsOn: (media) => (familyNamed(media).channel === undefined ? routedOffer.extend({ offerTo: agent }) : routedOffer),
  example: { offerTo: 'agent1', customer: 'Alice', text: 'Hello' },
  route: '',
  roles: ['invited'],
  participants: ['customer'],
  perform({ model, media, params, now }) {
    const named = params.offerTo === undefined ? undefined : model.userByName(params.offerTo);
    if (params.offerTo !== undefined && !named) throw gwsError('NO_SUCH_AGENT', 'offerTo', params.offerTo, listed(model.users.map((u) => u.userName)));
    model.checkText(params.text);
    const created = model.addSession((nextId) => {
      const customer: Participant = { type: 'Customer', participantId: nextId(), nickname: params.customer, visibility: 'All' };
      const from = customer.participantId;
      return {
        media,
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
        invited: named ? [{ userId: named.id, kind: 'offer', visibility: 'All' }] : [],
        states: named ? { [named.id]: 'Invited' } : {},
      };
    });
    const offeredTo = named?.id ?? route(model, created);
    const routing = named ? {} : offeredTo === undefined ? { waiting: true } : { offeredTo: model.userById(offeredTo)!.userName };
    return {
      participants: { customer: created.participants[0] },
      recipients: offeredTo === undefined ? [] : [{ role: 'invited', userId: offeredTo }],
      answer: { id: created.id, ...routing },
    };
  },
  sample: (model) => [offerSample(model)],
});
