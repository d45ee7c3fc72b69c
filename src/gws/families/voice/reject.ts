import { callOperation } from './call-operation';
import { route } from '../../operations/routing';
import { requireOffered, told } from './calls';

/**
 * Reject (the Reject page): only a call delivered through a queue; the agent's leg is Released and
 * the call goes back to the queue, to the next agent Ready on voice (or it waits for one). The
 * agent's phone is free again: a call that waited for it rings it.
 */
export const reject = callOperation({
  name: 'Reject',
  summary: 'The agent refuses a ringing call delivered through a queue: it goes back there',
  states: ['Ringing'],
  offered: ({ session }) => session.call!.routed,
  perform({ model, caller, session, standing }) {
    requireOffered(session.call!.routed, 'Reject', caller.userName, 'only a call delivered through a queue can be rejected (a direct call rings until answered or released)');
    const { userId: _caller, participant: _none, ...how } = standing.invitation!;
    session.invited = session.invited.filter((i) => i !== standing.invitation);
    session.states[caller.id] = 'Released';
    // Back to the queue as it came (an arrival, or a consultation routed there).
    const next = route(model, session, how);
    return told(caller.id, [], { routed: next === undefined ? [] : [{ session, userId: next }] });
  },
  sample: (model) => [
    { operation: 'StartContactCenterSession', as: model.users[0].id, params: { channels: ['voice'] } },
    { operation: 'Ready', as: model.users[0].id, channel: 'voice', params: {} },
    { operation: 'Offer', params: { from: '+14155550100' } },
    { operation: 'Reject', as: model.users[0].id, params: {} },
  ],
});
