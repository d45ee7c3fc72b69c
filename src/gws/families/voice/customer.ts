import { z } from 'zod';
import { gwsError } from '../../../errors';
import { defineCustomerOperation } from '../../operations/operation';
import { UserData } from '../../operations/params';
import { PhoneNumber } from '../../fixture';
import { dispatchWaiting, route } from '../../operations/routing';
import { listed } from '../../../shown';
import type { GwsModel, Session } from '../../model';
import { leaveCall, newCall, releaseAll, requireOffered } from './calls';
import { routingPoint } from './destination';
import { established, ringing } from './samples';

/**
 * A customer calls (POST /sim/calls): `offerTo` rings that agent's phone (an Inbound call on its
 * DN); without it, the call is routed to the next agent Ready on voice and free (round robin; the
 * answer names it in `offeredTo`), or waits for one (`waiting`). The answer carries the connection
 * id (`connId`), which `gws-sim customer` and the harness name the call by.
 */
export const incomingCall = defineCustomerOperation({
  media: 'voice',
  name: 'Offer',
  summary: "A customer calls (POST /sim/calls): the call rings offerTo's phone, or an agent Ready on voice",
  creates: true,
  route: '',
  params: z.object({
    from: PhoneNumber.default('+14155550100'),
    offerTo: z.string().min(1).meta({ description: 'the user name of the agent whose phone rings', format: 'gws-user-name' }).optional(),
    userData: UserData.optional(),
  }),
  example: { from: '+14155550100', offerTo: 'agent1' },
  roles: ['invited', 'participants'],
  participants: [],
  perform({ model, params, now }) {
    const named = params.offerTo === undefined ? undefined : model.userByName(params.offerTo);
    if (params.offerTo !== undefined && !named) throw gwsError('NO_SUCH_AGENT', 'offerTo', params.offerTo, listed(model.users.map((u) => u.userName)));
    if (params.userData) model.checkUserData('Offer', params.userData, {});
    const created = newCall(model, now, {
      call: { ani: params.from, dnis: named ? model.deviceOf(named.id).phoneNumber : routingPoint(model), callType: 'Inbound', routed: named === undefined },
      userData: params.userData,
      customer: params.from,
      ...(named ? { ringing: { userId: named.id, kind: 'offer', visibility: 'All' } } : {}),
    });
    const offeredTo = named?.id ?? route(model, created);
    const routing = named ? {} : offeredTo === undefined ? { waiting: true } : { offeredTo: model.userById(offeredTo)!.userName };
    return { participants: {}, recipients: offeredTo === undefined ? [] : [{ role: 'invited', userId: offeredTo }], answer: { id: created.id, ...routing } };
  },
  sample: (model) => ringing(model),
});

/** The customer still on the call; refused with statusCode 2 once the call is over. */
function onCall(session: Session | undefined): Session {
  if (!session || session.state === 'Completed' || !session.participants.some((p) => p.type === 'Customer')) throw gwsError('CALL_OVER', session?.id ?? '(none)');
  return session;
}

/**
 * The customer hangs up: the call is Released for every agent on it (role `released`), who go into
 * after-call work; from a conference only the customer leaves, and the agents left are told
 * ParticipantsUpdated (role `participants`).
 */
export const customerHangup = defineCustomerOperation({
  media: 'voice',
  name: 'CustomerHangup',
  summary: 'The customer hangs up (POST /sim/calls/{connId}/hangup): Released for every agent on the call',
  route: 'hangup',
  params: z.object({}),
  example: {},
  roles: ['released', 'participants', 'device'],
  participants: [],
  perform({ model, session: given }) {
    const session = onCall(given);
    const customer = session.participants.find((p) => p.type === 'Customer')!;
    const { others, wrapUps } = leaveCall(model, session, customer.participantId);
    return { participants: {}, recipients: [...others, ...wrapUps.told], scheduled: wrapUps.scheduled, routed: dispatchWaiting(model, 'voice') };
  },
  sample: (model) => [...established(model), { operation: 'CustomerHangup', params: {} }],
});

/** The agent who dialed the outside number (an outbound call, or a consultation), while it is still Dialing. */
function dialing(session: Session, operation: string): string {
  const [userId] = Object.entries(session.states).find(([, state]) => state === 'Dialing') ?? [];
  requireOffered((session.call!.callType === 'Outbound' || session.call!.callType === 'Consult') && userId !== undefined, operation, 'the customer', `call ${session.id} is not a call to an outside number still dialing`);
  return userId!;
}

/** The customer answers an outbound call: Established for the agent who dialed. */
export const customerAnswer = defineCustomerOperation({
  media: 'voice',
  name: 'CustomerAnswer',
  summary: 'The customer answers an outbound call (POST /sim/calls/{connId}/answer)',
  route: 'answer',
  params: z.object({}),
  example: {},
  roles: ['agents'],
  participants: [],
  perform({ session: given, now }) {
    const session = onCall(given);
    const userId = dialing(session, 'CustomerAnswer');
    session.states[userId] = 'Established';
    session.legs![userId].establishedAt = now;
    return { participants: {}, recipients: [{ role: 'agents', userId }] };
  },
  sample: (model) => outbound(model, 'CustomerAnswer'),
});

/** The customer does not take an outbound call: Released for the agent who dialed. */
export const customerRefuse = defineCustomerOperation({
  media: 'voice',
  name: 'CustomerRefuse',
  summary: 'The customer refuses an outbound call (POST /sim/calls/{connId}/refuse): Released for the agent who dialed',
  route: 'refuse',
  params: z.object({}),
  example: {},
  roles: ['agents'],
  participants: [],
  perform({ model, session: given }) {
    const session = onCall(given);
    dialing(session, 'CustomerRefuse');
    const { told } = releaseAll(model, session);
    return { participants: {}, recipients: told.map((t) => ({ ...t, role: 'agents' })), routed: dispatchWaiting(model, 'voice') };
  },
  sample: (model) => outbound(model, 'CustomerRefuse'),
});

const outbound = (model: GwsModel, operation: string) => [
  { operation: 'Dial', as: model.users[0].id, params: { destination: { phoneNumber: '+14155550100' } } },
  { operation, params: {} },
];
