import type { BayeuxMessage, Extension } from 'faye';
import { bayeuxError } from '../errors';
import { isUnknownClient, unknownClient } from './unknown-client';

const SUBSCRIPTIONS = ['/meta/subscribe', '/meta/unsubscribe'];
/**
 * faye answers a message on a channel below this one with the error set here, and publishes
 * nothing (no client may publish). The channel the client used follows the prefix, so that the
 * reply can name it again on the way out: no client ever sees this name.
 */
const INVALID_PREFIX = '/gws-sim/invalid';
/** faye's channel name grammar (a segment allows only these characters). */
const CHANNEL_NAME = /^(\/[A-Za-z0-9\-_!~()$@]+)+$/;

/**
 * The first extension in, the last word out: a message whose fields have the wrong types gets a
 * Bayeux error reply (`400:<field>:...`), on the channel it named when that is a channel name and
 * on none otherwise, as faye and CometD answer a message they cannot read; it never reaches code
 * that expects strings, and the rest of its batch is answered as usual. Every unknown clientId is
 * answered as a CometD server does (`402::Unknown client`, advice handshake).
 */
export function messageShapeExtension(): Extension {
  return {
    incoming(message, request, callback) {
      if (request === null) return callback(message);
      callback(checked(message));
    },
    outgoing(message, _request, callback) {
      const reply = typeof message.channel === 'string' && message.channel.startsWith(INVALID_PREFIX) ? onClientChannel(message) : message;
      callback(isUnknownClient(reply.error) ? unknownClient(reply) : reply);
    },
  };
}

function checked(message: BayeuxMessage): BayeuxMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return invalid(undefined, undefined, 'message', 'a Bayeux message is a JSON object');
  const id = typeof message.id === 'string' ? message.id : undefined;
  if (typeof message.channel !== 'string') return invalid(id, undefined, 'channel', 'channel must be a string such as "/meta/connect"');
  if (message.clientId !== undefined && typeof message.clientId !== 'string') return invalid(id, message.channel, 'clientId', 'clientId must be the string the handshake answered');
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

function invalid(id: string | undefined, channel: string | undefined, field: string, why: string): BayeuxMessage {
  const named = channel !== undefined && CHANNEL_NAME.test(channel) ? channel : '';
  return { channel: INVALID_PREFIX + named, data: null, error: bayeuxError('BAD_FIELD', field, why), ...(id === undefined ? {} : { id }) };
}

/** The reply to an invalid message, on the channel the client named (none when it named no channel). */
function onClientChannel(reply: BayeuxMessage): BayeuxMessage {
  const { channel, ...rest } = reply;
  const named = channel.slice(INVALID_PREFIX.length);
  return named === '' ? (rest as BayeuxMessage) : { ...rest, channel: named };
}
