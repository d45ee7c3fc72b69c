import type { BayeuxMessage, Extension } from 'faye';
import { bayeuxError } from '../errors';
import { privateChannel, publicChannel, SUBSCRIBABLE } from './channels';
import type { ClientRegistry } from './clients';
import { UNKNOWN_CLIENT } from './unknown-client';

const SUBSCRIPTIONS = ['/meta/subscribe', '/meta/unsubscribe'];

/**
 * Routes each client to its own agent's notifications: maps subscriptions to the client's private
 * channels on the way in and channel names back on the way out, refuses other subscriptions
 * and every publish from a client. Nothing is dropped here: a dropped outgoing message makes
 * faye send `[null]` over websocket, which kills CometD clients.
 */
export function routingExtension(clients: ClientRegistry, lastSent: (userId: string) => number): Extension {
  return {
    incoming(message, request, callback) {
      // faye's in-process client is the simulator itself; faye refuses a message without a channel.
      if (request === null || typeof message.channel !== 'string') return callback(message);
      if (SUBSCRIPTIONS.includes(message.channel)) return callback(routeSubscription(message, clients));
      if (!message.channel.startsWith('/meta/')) message.error ??= bayeuxError('PUBLISH_DENIED', message.channel);
      callback(message);
    },

    outgoing(message, _request, callback) {
      if (typeof message.channel !== 'string') return callback(message);
      if (SUBSCRIPTIONS.includes(message.channel) && message.subscription !== undefined) {
        message.subscription = mapChannels(message.subscription, publicChannel);
        const userId = clients.userOf(message.clientId);
        // Where the agent's numbering stands: a client that subscribes now waits for nothing before it.
        if (message.successful && userId !== undefined) message.ext = { ...message.ext, gwsSim: { seq: lastSent(userId) } };
      } else if (!message.channel.startsWith('/meta/')) {
        message.channel = publicChannel(message.channel);
      }
      callback(message);
    },
  };
}

function routeSubscription(message: BayeuxMessage, clients: ClientRegistry): BayeuxMessage {
  // faye answers a missing parameter; an earlier extension may have refused it already.
  if (message.subscription === undefined || message.error !== undefined) return message;
  const { clientId } = message;
  if (clients.userOf(clientId) === undefined) {
    message.error = UNKNOWN_CLIENT;
    return message;
  }
  const denied = ([] as unknown[]).concat(message.subscription).find((c) => typeof c !== 'string' || !SUBSCRIBABLE.includes(c));
  if (denied !== undefined) {
    message.error = bayeuxError('SUBSCRIPTION_DENIED', String(denied));
    return message;
  }
  message.subscription = mapChannels(message.subscription, (channel) => privateChannel(clientId!, channel));
  return message;
}

function mapChannels(subscription: string | string[], map: (channel: string) => string): string | string[] {
  return Array.isArray(subscription) ? subscription.map(map) : map(subscription);
}
