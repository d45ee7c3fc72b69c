import { z } from 'zod';
import { gwsError } from '../../../errors';
import type { Consultation, GwsModel, Standing } from '../../model';
import type { SampleCall } from '../../operations/operation';
import { route } from '../../operations/routing';
import { callOperation } from './call-operation';
import { leaveCall, otherParties, releasedView, releaseAll, requireOffered, requireRoom } from './calls';
import { callIdOf, pairOf, purposeOf, untie, type Pair } from './consultation';
import { onEstablished } from './samples';

/**
 * Offered on either call of the agent's consultation: the held original offers the completion it
 * was initiated for (the InitiateTransfer page's Held call: CompleteTransfer), an established one
 * both (the SwapCalls page's sample), a consultation still dialing the one it was initiated for (modelled).
 */
const offeredFor = (purpose: Consultation['purpose']) => ({ session, state, userId }: Standing) => {
  const initiated = purposeOf(session, userId);
  return initiated !== undefined && (state === 'Established' || initiated === purpose);
};

/** The consultation pair the caller completes; `consultCallUri`, when given, must name its consultation call. */
function pairToComplete(model: GwsModel, operation: string, purpose: Consultation['purpose'], standing: Standing, consultCallUri: string | undefined): Pair {
  const pair = pairOf(model, standing.session, standing.userId);
  const user = model.userById(standing.userId)!;
  const own = standing.session.legs![standing.userId].id;
  requireOffered(pair !== undefined, operation, user.userName, `no consultation is in progress from or to call ${own} (InitiateTransfer or InitiateConference starts one)`);
  requireOffered(offeredFor(purpose)(standing), operation, user.userName, `the consultation was initiated for a ${pair!.purpose}, and call ${own} is ${standing.state}: ${operation} is offered on an established call of the consultation`);
  const consulting = pair!.consultation.legs![standing.userId].id;
  if (consultCallUri !== undefined && callIdOf(consultCallUri) !== consulting) {
    throw gwsError('INVALID_PARAMETER', 'consultCallUri', `'${consultCallUri}' is not ${user.userName}'s consultation call; that is /api/v2/me/calls/${consulting} (or leave consultCallUri out)`);
  }
  return pair!;
}

/** Joins the consultation's parties but the initiator (the destination, its queue) to the original call; the consultation is over. */
function join(model: GwsModel, { original, consultation }: Pair, initiator: string): void {
  untie(model, original, initiator);
  for (const userId of Object.keys(consultation.states)) if (userId !== initiator && consultation.states[userId] !== 'Released') model.moveLeg(consultation, original, userId);
  original.participants = [...original.participants, ...consultation.participants.filter((p) => p.type === 'Customer')];
  const queued = model.channels.pendingOf(consultation.id);
  if (queued) {
    model.channels.stopWaiting('voice', consultation.id);
    original.call = { ...original.call!, routed: true };
    route(model, original, queued);
  }
  // The initiator alone is left on the consultation: it is over (no after-call work: the original holds it).
  releaseAll(model, consultation, initiator);
}

const params = z.object({ consultCallUri: z.string().min(1).max(2048).optional().meta({ description: "the initiator's consultation call: its uri, path or id (default: the call's consultation)", format: 'gws-call-uri' }) });

/** A consultation whose destination has answered, in the sample's fixture: the first agent consulted the second. */
const consulted = (model: GwsModel, initiate: string, operation: string): SampleCall[] => [
  ...onEstablished(model, initiate, { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } }),
  { operation: 'Answer', as: model.users[1].id, params: {} },
  { operation, as: model.users[0].id, params: {} },
];

/**
 * CompleteTransfer (its page): posted to the held original or to the consultation call. Both of
 * the initiator's calls are Released, the original first (role `caller`, then `consulter`); the
 * destination joins the original call with its own call id (its connId becomes the original's:
 * modelled, as T-Server's merge) and is told ParticipantsUpdated (role `participants`), as is any
 * other agent on it. The initiator goes into after-call work (role `device`). Allowed while the
 * destination still rings (a transfer completed before it answers).
 */
export const completeTransfer = callOperation({
  name: 'CompleteTransfer',
  summary: "Completes a consultation as a transfer: the initiator leaves, the customer stays with the consulted party",
  params,
  example: {},
  states: ['Dialing', 'Established', 'Held'],
  roles: ['caller', 'consulter', 'participants', 'device'],
  offered: offeredFor('transfer'),
  perform({ model, caller, standing, params }) {
    const pair = pairToComplete(model, 'CompleteTransfer', 'transfer', standing, params.consultCallUri);
    const seen = { original: releasedView(pair.original, caller.id), consultation: releasedView(pair.consultation, caller.id) };
    join(model, pair, caller.id);
    const { others, wrapUps } = leaveCall(model, pair.original, caller.id);
    // The initiator is told its two calls Released as they were (the page's order), then its after-call work.
    return {
      participants: {},
      on: pair.original,
      recipients: [...others, ...wrapUps.told],
      also: [
        { session: seen.original, recipients: [{ role: 'caller', userId: caller.id }], before: true },
        { session: seen.consultation, recipients: [{ role: 'consulter', userId: caller.id }], before: true },
      ],
      scheduled: wrapUps.scheduled,
    };
  },
  sample: (model) => consulted(model, 'InitiateTransfer', 'CompleteTransfer'),
});

/**
 * CompleteConference (its page): posted to either call. The initiator's consultation call is
 * Released first (role `consulter`, the page's first notification); the destination joins the
 * original call, which is Established again for the initiator, now the conference's owner; every
 * party on it is told ParticipantsUpdated (roles `caller` and `participants`; modelled).
 */
export const completeConference = callOperation({
  name: 'CompleteConference',
  summary: 'Completes a consultation as a conference: the consulted party joins the call, all parties on one connection',
  params,
  example: {},
  states: ['Dialing', 'Established', 'Held'],
  roles: ['caller', 'consulter', 'participants'],
  offered: offeredFor('conference'),
  perform({ model, caller, standing, params }) {
    const pair = pairToComplete(model, 'CompleteConference', 'conference', standing, params.consultCallUri);
    requireRoom(model, pair.original, 'CompleteConference', caller.userName);
    const consultation = releasedView(pair.consultation, caller.id);
    join(model, pair, caller.id);
    const { original } = pair;
    original.states[caller.id] = 'Established';
    original.call = { ...original.call!, owner: caller.id };
    return {
      participants: {},
      on: original,
      recipients: [{ role: 'caller', userId: caller.id }, ...otherParties(original, caller.id, 'participants')],
      also: [{ session: consultation, recipients: [{ role: 'consulter', userId: caller.id }], before: true }],
    };
  },
  sample: (model) => consulted(model, 'InitiateConference', 'CompleteConference'),
});
