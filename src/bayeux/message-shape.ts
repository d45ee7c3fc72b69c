import type { BayeuxMessage, Extension } from 'faye';
import { bayeuxError } from '../errors';
import { isUnknownClient, unknownClient } from './unknown-client';

const SUBSCRIPTIONS = ['/meta/subscribe', '/meta/unsubscribe'];
/** faye answers a message on this channel with the error set here, and publishes nothing (no client may publish). */
const INVALID_CHANNEL = '/gws-sim/invalid';

/**
 * The first extension in, the last word out: a message whose fields have the wrong types gets a
 * Bayeux error reply (`400:<field>:...`) instead of reaching code that expects strings, so the
 * rest of its batch is answered as usual; and every unknown clientId is answered as a CometD
 * server does (`402::Unknown client`, advice handshake).
 */
export function messageShapeExtension(): Extension {
  return {
    incoming(message, request, callback) {
      if (request === null) return callback(message);
      callback(checked(message));
    },
    outgoing(message, _request, callback) {
      callback(isUnknownClient(message.error) ? unknownClient(message) : message);
    },
  };
}

function checked(message: BayeuxMessage): BayeuxMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return invalid(undefined, 'message', 'a Bayeux message is a JSON object');
  const id = typeof message.id === 'string' ? message.id : undefined;
  if (typeof message.channel !== 'string') return invalid(id, 'channel', 'channel must be a string such as "/meta/connect"');
  if (message.clientId !== undefined && typeof message.clientId !== 'string') return invalid(id, 'clientId', 'clientId must be the string the handshake answered');
  const subscription = message.subscription as unknown;
  if (SUBSCRIPTIONS.includes(message.channel) && subscription !== undefined && !isChannelList(subscription)) {
    // An empty list: faye then keeps this error instead of its own "missing subscription".
    return { ...message, subscription: [], error: bayeuxError('BAD_FIELD', 'subscription', 'subscription must be a channel name or a list of channel names') };
  }
  return message;
}

function isChannelList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((c) => typeof c === 'string'));
}

function invalid(id: string | undefined, field: string, why: string): BayeuxMessage {
  return { channel: INVALID_CHANNEL, data: null, error: bayeuxError('BAD_FIELD', field, why), ...(id === undefined ? {} : { id }) };
}
