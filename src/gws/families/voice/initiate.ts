import type { Consultation } from '../../model';
import { route } from '../../operations/routing';
import type { Draft, Told } from '../../operations/operation';
import { callOperation } from './call-operation';
import { leaveCall, newCall, requireOffered } from './calls';
import { link, pairOf } from './consultation';
import { reach, TransferParams, withUserData } from './destination';
import { onEstablished } from './samples';

/**
 * InitiateTransfer and InitiateConference (their pages): the agent's call is Held (the first
 * notification, role `caller`) and its phone dials a consultation call (`callType` Consult, with
 * `parentCallUri`) to `destination` (role `consulter`): another agent's phone rings (role
 * `destination`), a queue's routing point waits for an agent Ready on voice, an outside number
 * answers after `voice.answerAfterMs`. The consultation carries the call's user data and
 * `userData`. One consultation at a time per call and agent: one already going on from the call
 * is ended first, its calls Released (roles `cancelled` and `released`, told before; modelled).
 */
function initiateOperation(name: string, purpose: Consultation['purpose'], summary: string) {
  return callOperation<TransferParams>({
    name,
    summary,
    params: TransferParams,
    example: { destination: { phoneNumber: '7002' } },
    states: ['Established', 'Held'],
    roles: ['caller', 'consulter', 'destination', 'cancelled', 'released', 'device'],
    offered: ({ session }) => session.call!.consultation === undefined,
    perform({ model, caller, session, params, now }) {
      requireOffered(session.call!.consultation === undefined, name, caller.userName, `call ${session.legs![caller.id].id} is itself a consultation: complete it or hang it up first`);
      const reached = reach(model, caller, name, params.destination.phoneNumber, session);
      const userData = withUserData(model, name, session, params.userData);
      const own = model.deviceOf(caller.id).phoneNumber;
      // Made first: a refusal (the simulator full of calls) leaves everything as it was.
      const consultation = newCall(model, now, {
        call: { ani: own, dnis: reached.phoneNumber, callType: 'Consult', routed: reached.kind === 'queue' },
        userData,
        dialer: caller.id,
        ...(reached.kind === 'agent' ? { ringing: { userId: reached.userId, kind: 'consult', visibility: 'All', by: caller.id } } : {}),
        ...(reached.kind === 'outside' ? { customer: reached.phoneNumber } : {}),
      });
      // A consultation already going on from the call is ended first: the agent consults another party instead (modelled).
      const previous = pairOf(model, session, caller.id);
      const ended = previous && leaveCall(model, previous.consultation, caller.id);
      session.states[caller.id] = 'Held';
      link(session, consultation, caller.id, purpose);
      const rung = reached.kind === 'agent' ? reached.userId : reached.kind === 'queue' ? route(model, consultation, { kind: 'consult', visibility: 'All', by: caller.id }) : undefined;
      const answerAfterMs = model.fixture.voice.answerAfterMs;
      const there: Told[] = [{ role: 'consulter', userId: caller.id }, ...(rung === undefined ? [] : [{ role: 'destination', userId: rung }])];
      const draft: Draft = {
        participants: {},
        recipients: [{ role: 'caller', userId: caller.id }],
        also: [
          ...(previous && ended ? [{ session: previous.consultation, recipients: [{ role: 'cancelled', userId: caller.id }, ...ended.others, ...ended.wrapUps.told], before: true }] : []),
          { session: consultation, recipients: there },
        ],
        session: consultation,
        scheduled: [
          ...(ended?.wrapUps.scheduled ?? []),
          ...(reached.kind === 'outside' && answerAfterMs > 0 ? [{ afterMs: answerAfterMs, customer: 'CustomerAnswer', media: 'voice' as const, session: consultation.id, params: {} }] : []),
        ],
      };
      return draft;
    },
    sample: (model) => onEstablished(model, name, { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } }),
  });
}

export const initiateTransfer = initiateOperation('InitiateTransfer', 'transfer', 'The agent holds the call and consults another party, to transfer the call to it');
export const initiateConference = initiateOperation('InitiateConference', 'conference', 'The agent holds the call and consults another party, to bring it into a conference');

/** The operations that make a consultation call, which a script step may name (`consultation`). */
export const CONSULTING: readonly string[] = [initiateTransfer.name, initiateConference.name];
