import { z } from 'zod';
import { gwsError } from '../../../errors';
import type { Session, Standing } from '../../model';
import type { Draft } from '../../operations/operation';
import { callOperation } from './call-operation';
import { requireOffered } from './calls';
import { callIdOf, otherOf, pairOf, purposeOf } from './consultation';


/**
 * Makes the agent's held call Established and its established one Held, `other` being its other
 * call of the consultation: the retrieved call is told first, then the held one (the SwapCalls
 * page's sample order); the call the path names in role `caller`, the other in role `other`.
 */
export function swap(standing: Standing, other: Session, userName: string, operation: string): Draft {
  const { session, userId, state, tied } = standing;
  const ids = `call ${session.legs![userId].id} is ${state} and call ${other.legs![userId].id} ${tied}`;
  requireOffered([state, tied].sort().join('+') === 'Established+Held', operation, userName, `${ids}: one must be Held and the other Established`);
  const retrievedHere = state === 'Held';
  session.states[userId] = retrievedHere ? 'Established' : 'Held';
  other.states[userId] = retrievedHere ? 'Held' : 'Established';
  return {
    participants: {},
    recipients: [{ role: 'caller', userId }],
    also: [{ session: other, recipients: [{ role: 'other', userId }], before: !retrievedHere }],
  };
}

/**
 * Offered on an established call of a consultation whose other call is Held (the SwapCalls page's
 * sample), and on a transfer's held call whose other is not Held too (the InitiateTransfer page's
 * held original lists it at once, while the consultation still rings: refused until it is answered).
 */
function swappable({ session, state, userId, tied }: Standing): boolean {
  const purpose = purposeOf(session, userId);
  if (purpose === undefined) return false;
  return state === 'Established' ? tied === 'Held' : purpose === 'transfer' && tied !== 'Held';
}

/**
 * SwapCalls (its page): `otherCallUri` names the agent's other call (uri, path or id). Offered on
 * the calls of a consultation: the established one, and the held original of a transfer (the
 * InitiateTransfer page's Held call; a conference's offers Retrieve there, which swaps alike).
 */
export const swapCalls = callOperation({
  name: 'SwapCalls',
  summary: "Swaps the agent's two calls: the held one Established, the established one Held",
  params: z.object({ otherCallUri: z.string().min(1).max(2048).meta({ description: "the agent's other call: its uri, path or id", format: 'gws-call-uri' }) }),
  example: { otherCallUri: 'http://127.0.0.1:8090/api/v2/me/calls/00SIM00000000007' },
  states: ['Established', 'Held'],
  roles: ['caller', 'other'],
  offered: swappable,
  perform({ model, caller, standing, params }) {
    const pair = pairOf(model, standing.session, caller.id);
    const own = standing.session.legs![caller.id].id;
    requireOffered(pair !== undefined, 'SwapCalls', caller.userName, `call ${own} has no other call to swap with (a consultation: InitiateTransfer or InitiateConference)`);
    const otherCall = otherOf(pair!, standing.session);
    const other = otherCall.legs![caller.id].id;
    if (callIdOf(params.otherCallUri) !== other) {
      throw gwsError('INVALID_PARAMETER', 'otherCallUri', `'${params.otherCallUri}' is not ${caller.userName}'s other call; that is /api/v2/me/calls/${other}`);
    }
    requireOffered(!(standing.state === 'Held' && standing.tied === 'Held'), 'SwapCalls', caller.userName, `calls ${own} and ${other} are both Held: Retrieve one of them`);
    requireOffered(!(standing.state === 'Held' && pair!.purpose === 'conference'), 'SwapCalls', caller.userName, `call ${own} is held in a conference's consultation (its original or, once swapped, its consultation call): Retrieve swaps there`);
    return swap(standing, otherCall, caller.userName, 'SwapCalls');
  },
  sample: (model) => [
    { operation: 'Offer', params: { from: '+14155550100', offerTo: model.users[0].userName } },
    { operation: 'Answer', as: model.users[0].id, params: {} },
    { operation: 'InitiateTransfer', as: model.users[0].id, params: { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } } },
    { operation: 'Answer', as: model.users[1].id, params: {} },
    // On the consultation call: the other is the first agent's original call, its first.
    { operation: 'SwapCalls', as: model.users[0].id, params: (now) => ({ otherCallUri: `/calls/${now.sessionsOf(model.users[0].id, 'voice')[0].legs![model.users[0].id].id}` }) },
  ],
});
