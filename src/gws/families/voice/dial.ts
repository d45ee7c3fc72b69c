import { z } from 'zod';
import { gwsError } from '../../../errors';
import { UserData } from '../../operations/params';
import { defineCreatingOperation, type Draft } from '../../operations/operation';
import { newCall } from './calls';
import { startVoice } from './samples';

const Destination = z.strictObject({ phoneNumber: z.string().regex(/^\+?[0-9*#]{1,32}$/, 'expected a phone number: up to 32 digits, * or #, with an optional leading +') });

/**
 * Dial (POST /api/v2/me/devices/{id}/calls, the Dial page): the caller's phone dials `destination`.
 * Another agent's DN makes an Internal call, Dialing at the caller and Ringing at the callee; any
 * other number an Outbound call, Dialing until the customer answers (after the fixture's
 * `voice.answerAfterMs`, or `gws-sim customer answer`). GWS answers `{"statusCode": 0}`; the call
 * arrives on /v2/me/calls. Dialing one's own DN, or an agent on do-not-disturb, is refused (modelled).
 */
export const dial = defineCreatingOperation({
  media: 'voice',
  name: 'Dial',
  summary: "The agent's phone dials a number (POST /api/v2/me/devices/{id}/calls): another agent's DN rings there, any other number is an outbound call",
  params: z.object({ destination: Destination.meta({ description: 'the number dialed: another agent\'s DN, or an outside number', shorthand: 'phoneNumber' }), location: z.string().optional(), userData: UserData.optional() }),
  example: { destination: { phoneNumber: '7002' } },
  roles: ['caller', 'callee'],
  participants: [],
  perform({ model, caller, params, now }) {
    const own = model.deviceOf(caller.id);
    const { phoneNumber } = params.destination;
    if (phoneNumber === own.phoneNumber) throw gwsError('CALL_NOT_ALLOWED', 'Dial', caller.userName, `${phoneNumber} is the caller's own phone`);
    const callee = model.deviceByNumber(phoneNumber);
    const calleeUser = callee && model.userById(callee.userId)!;
    if (calleeUser && model.channels.isDoNotDisturb(calleeUser.id)) throw gwsError('DO_NOT_DISTURB', calleeUser.userName, phoneNumber);
    if (params.userData) model.checkUserData('Dial', params.userData, {});
    const callType = callee ? 'Internal' : 'Outbound';
    const session = newCall(model, now, {
      call: { ani: own.phoneNumber, dnis: phoneNumber, callType, routed: false },
      userData: params.userData,
      dialer: caller.id,
      ...(calleeUser ? { ringing: { userId: calleeUser.id, kind: 'offer', visibility: 'All', by: caller.id } } : { customer: phoneNumber }),
    });
    const answerAfterMs = model.fixture.voice.answerAfterMs;
    const draft: Draft = {
      participants: {},
      recipients: [{ role: 'caller', userId: caller.id }, ...(calleeUser ? [{ role: 'callee', userId: calleeUser.id }] : [])],
      session,
      scheduled: !callee && answerAfterMs > 0 ? [{ afterMs: answerAfterMs, customer: 'CustomerAnswer', media: 'voice', session: session.id, params: {} }] : [],
    };
    return draft;
  },
  sample: (model) => [...startVoice(model, model.users[0].id), { operation: 'Dial', as: model.users[0].id, params: { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } } }],
});
