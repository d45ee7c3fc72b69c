import { defineCreatingOperation, type Draft } from '../../operations/operation';
import { newCall } from './calls';
import { reach, TransferParams } from './destination';
import { route } from '../../operations/routing';
import { startVoice } from './samples';

/**
 * Dial (POST /api/v2/me/devices/{id}/calls, the Dial page): the caller's phone dials `destination`.
 * Another agent's DN makes an Internal call, Dialing at the caller and Ringing at the callee; a
 * queue's routing point (the fixture's `queues[].phoneNumber`) an Internal call routed to an agent
 * Ready on voice, or waiting there; any other number an Outbound call, Dialing until the customer answers (after the fixture's
 * `voice.answerAfterMs`, or `gws-sim customer answer`). GWS answers `{"statusCode": 0}`; the call
 * arrives on /v2/me/calls. Dialing one's own DN, or an agent on do-not-disturb, is refused (modelled).
 */
export const dial = defineCreatingOperation({
  media: 'voice',
  name: 'Dial',
  summary: "The agent's phone dials a number (POST /api/v2/me/devices/{id}/calls): another agent's DN rings there, a queue's number routes the call, any other number is an outbound call",
  params: TransferParams,
  example: { destination: { phoneNumber: '7002' } },
  roles: ['caller', 'callee'],
  participants: [],
  perform({ model, caller, params, now }) {
    const own = model.deviceOf(caller.id);
    const reached = reach(model, caller, 'Dial', params.destination.phoneNumber);
    if (params.userData) model.checkUserData('Dial', params.userData, {});
    const session = newCall(model, now, {
      call: { ani: own.phoneNumber, dnis: reached.phoneNumber, callType: reached.kind === 'outside' ? 'Outbound' : 'Internal', routed: reached.kind === 'queue' },
      userData: params.userData,
      dialer: caller.id,
      ...(reached.kind === 'agent' ? { ringing: { userId: reached.userId, kind: 'offer', visibility: 'All', by: caller.id } } : {}),
      ...(reached.kind === 'outside' ? { customer: reached.phoneNumber } : {}),
    });
    const callee = reached.kind === 'agent' ? reached.userId : reached.kind === 'queue' ? route(model, session) : undefined;
    const answerAfterMs = model.fixture.voice.answerAfterMs;
    const draft: Draft = {
      participants: {},
      recipients: [{ role: 'caller', userId: caller.id }, ...(callee === undefined ? [] : [{ role: 'callee', userId: callee }])],
      session,
      scheduled: reached.kind === 'outside' && answerAfterMs > 0 ? [{ afterMs: answerAfterMs, customer: 'CustomerAnswer', media: 'voice', session: session.id, params: {} }] : [],
    };
    return draft;
  },
  sample: (model) => [...startVoice(model, model.users[0].id), { operation: 'Dial', as: model.users[0].id, params: { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } } }],
});
