import { callOperation } from './call-operation';
import { dispatchWaiting } from '../../operations/routing';
import { releaseAll, told } from './calls';
import { onEstablished } from './samples';

/**
 * Hangup (the Hangup page): the call is Released for every party (gws-sim's calls have two parties:
 * the other side hangs up with it), capabilities empty. Each agent that was connected goes into
 * after-call work (role `device`, modelled); one that is free and still Ready (no wrap-up) is rung by
 * the next call waiting. A ringing call may be hung up too: Genesys' own HTCC sample client offers
 * "Release" (Hangup) beside Answer on a ringing call.
 */
export const hangup = callOperation({
  name: 'Hangup',
  summary: 'The agent releases the call: every party is Released, and the connected agents go into after-call work',
  states: ['Ringing', 'Dialing', 'Established', 'Held'],
  roles: ['caller', 'released', 'device'],
  perform({ model, caller, session }) {
    const { told: released, wrapUps } = releaseAll(model, session, caller.id);
    return told(caller.id, [...released, ...wrapUps.told], { scheduled: wrapUps.scheduled, routed: dispatchWaiting(model, 'voice') });
  },
  sample: (model) => onEstablished(model, 'Hangup'),
});
