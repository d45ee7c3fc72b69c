import type { BayeuxMessage } from 'faye';
import { bayeuxError } from '../errors';

/** What a CometD server answers a clientId it does not know (faye's own is `401:<id>:Unknown client`). */
export const UNKNOWN_CLIENT = bayeuxError('UNKNOWN_CLIENT');

/** faye's answer to a clientId it does not know. */
const FAYE_UNKNOWN_CLIENT = /^401:[^:]*:Unknown client$/;

export function isUnknownClient(error: unknown): boolean {
  return error === UNKNOWN_CLIENT || (typeof error === 'string' && FAYE_UNKNOWN_CLIENT.test(error));
}

/** The reply as a CometD server gives it: 402, and the advice to handshake again at once. */
export function unknownClient(message: BayeuxMessage): BayeuxMessage {
  const { clientId: _unknown, ...reply } = message;
  return { ...reply, successful: false, error: UNKNOWN_CLIENT, advice: { ...message.advice, reconnect: 'handshake', interval: 0 } };
}
