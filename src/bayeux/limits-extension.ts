import type { Extension } from 'faye';
import { bayeuxError } from '../errors';

/** The longest a long-poll /meta/connect is held, ms: faye's own timeout (45 s). */
const MAX_CONNECT_TIMEOUT_MS = 45_000;

/**
 * The connection types served over the network: faye also lists callback-polling (JSON-P) and
 * eventsource, which the server guard refuses (both are GET requests a web page could forge).
 */
/** The oldest Bayeux version served. */
const MINIMUM_VERSION = '1.0';
const SERVED_CONNECTION_TYPES = ['websocket', 'long-polling', 'cross-origin-long-polling'];

/**
 * faye holds a /meta/connect for as long as the client's `advice.timeout` asks, without a
 * bound (and past 2^31 ms Node fires the timer at once, with a warning on stderr): clamp it.
 * A handshake is told the connection types actually served, and refused when it offers none.
 */
export function limitsExtension(): Extension {
  return {
    incoming(message, request, callback) {
      if (request !== null && message.channel === '/meta/handshake') {
        const offered = message.supportedConnectionTypes;
        if (Array.isArray(offered) && !offered.some((type) => SERVED_CONNECTION_TYPES.includes(type))) {
          message.error = bayeuxError('CONNECTION_TYPES', offered, SERVED_CONNECTION_TYPES);
        }
      }
      if (request === null || message.channel !== '/meta/connect') return callback(message);
      const advice = message.advice as Record<string, unknown> | undefined;
      if (typeof advice === 'object' && advice !== null && advice.timeout !== undefined) {
        const timeout = advice.timeout;
        if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0) delete advice.timeout;
        else advice.timeout = Math.min(timeout, MAX_CONNECT_TIMEOUT_MS);
      }
      callback(message);
    },

    outgoing(message, request, callback) {
      if (request !== null && message.channel === '/meta/handshake') {
        message.supportedConnectionTypes = SERVED_CONNECTION_TYPES;
        message.minimumVersion = MINIMUM_VERSION; // as CometD servers answer
      }
      callback(message);
    },
  };
}
