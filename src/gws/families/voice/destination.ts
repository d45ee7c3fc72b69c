import { z } from 'zod';
import { gwsError } from '../../../errors';
import type { User } from '../../fixture';
import type { GwsModel, Session } from '../../model';
import { UserData } from '../../operations/params';

/** A number dialed, as the Call Control pages write it: `{"phoneNumber": "7002"}`. */
// `format` names what the value refers to, for forms built from the schema (the dashboard suggests the phones' numbers).
export const Destination = z.strictObject({ phoneNumber: z.string().regex(/^\+?[0-9*#]{1,32}$/, 'expected a phone number: up to 32 digits, * or #, with an optional leading +').meta({ format: 'gws-phone-number' }) });

/**
 * Where a number leads: another agent's phone (its DN), a queue's routing point (the fixture's
 * `queues[].phoneNumber`: the call waits there for an agent Ready on voice), or a phone outside the
 * contact center, whose party answers after the fixture's `voice.answerAfterMs` (modelled).
 */
export type Reached = { kind: 'agent'; userId: string; phoneNumber: string } | { kind: 'queue'; phoneNumber: string } | { kind: 'outside'; phoneNumber: string };

/**
 * The party `phoneNumber` reaches from the caller's phone, for `operation`. Refused: the caller's
 * own DN, an agent already on `call`, a phone on do-not-disturb (statusCode 2).
 */
export function reach(model: GwsModel, caller: User, operation: string, phoneNumber: string, call?: Session): Reached {
  if (phoneNumber === model.deviceOf(caller.id).phoneNumber) throw gwsError('CALL_NOT_ALLOWED', operation, caller.userName, `${phoneNumber} is the caller's own phone`);
  const device = model.deviceByNumber(phoneNumber);
  if (device) {
    const callee = model.userById(device.userId)!;
    // On the call, or on the caller's consultation from it (CompleteConference would bring it twice).
    const consulting = call?.call?.consults?.[caller.id]?.connId;
    for (const on of [call, consulting === undefined ? undefined : model.session(consulting)]) {
      const state = on?.states[callee.id];
      if (state !== undefined && state !== 'Released') throw gwsError('CALL_NOT_ALLOWED', operation, caller.userName, `${callee.userName} (${phoneNumber}) is already on call ${on!.id}`);
    }
    if (model.channels.isDoNotDisturb(callee.id)) throw gwsError('DO_NOT_DISTURB', callee.userName, phoneNumber, operation);
    return { kind: 'agent', userId: callee.id, phoneNumber };
  }
  if (model.fixture.queues.some((q) => q.phoneNumber === phoneNumber)) return { kind: 'queue', phoneNumber };
  return { kind: 'outside', phoneNumber };
}

/** The DN routed calls arrive on (their `dnis`): the first queue's routing point, else 9000 (the Reject page's sample shows one; modelled). */
export function routingPoint(model: GwsModel): string {
  return model.fixture.queues.find((q) => q.phoneNumber !== undefined)?.phoneNumber ?? '9000';
}

/** What InitiateTransfer, SingleStepTransfer and their conference kin take (the pages' parameters). */
export const TransferParams = z.object({
  destination: Destination.meta({ description: 'the number called: another agent\'s DN, a queue\'s routing point, or an outside number', shorthand: 'phoneNumber' }),
  location: z.string().max(256).optional(),
  userData: UserData.optional(),
});
export type TransferParams = z.infer<typeof TransferParams>;

/** The call's user data with `extra` merged in (a transfer's userData travels with the call), within the limit. */
export function withUserData(model: GwsModel, operation: string, call: Session, extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return call.userData;
  const merged = { ...call.userData, ...extra };
  model.checkUserData(operation, merged, call.userData);
  return merged;
}
