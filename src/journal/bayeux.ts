import type { IncomingMessage } from 'node:http';
import type { BayeuxMessage, Extension, NodeAdapter } from 'faye';
import { cookie, SESSION_COOKIE } from '../auth/authenticator';
import { bounded, clipped } from './bounded';
import type { Journal } from './journal';
import type { BayeuxRequest } from './wire';

const HANDSHAKE = '/meta/handshake';
const CONNECT = '/meta/connect';

/** A message come in, waiting for its reply to be journaled with it. */
interface Arrival {
  at: number;
  started: number;
  clientId?: string;
  agent?: string;
  auth?: BayeuxRequest['auth'];
  connectionType?: string;
  ext?: unknown;
}

/**
 * Journals the CometD clients' Bayeux messages: added to faye from outside, after gws-sim's own
 * extensions, so it sees each message as they left it (a refusal's error set) and each reply as
 * they made it (a subscription named by its GWS channel). A meta message is journaled with its
 * reply; a /meta/connect, which faye holds, as it comes and only when its connectionType changes,
 * and again if refused. Each message waits for its reply in `arrivals`, a held connect too: faye
 * answers every one (a websocket's request, which lives as long as its socket, sees them all). faye's in-process client (the simulator's own publisher) is not journaled.
 */
export function attachJournal(adapter: NodeAdapter, journal: Journal, agentOf: (clientId: string) => string | undefined): void {
  const now = journal.now;
  const arrivals = new Arrivals();
  // The connectionType of each client's last /meta/connect, forgotten when faye drops the client.
  const connectionTypes = new Map<string, unknown>();
  adapter.on('disconnect', (clientId) => connectionTypes.delete(clientId));
  const named = (clientId: string | undefined) => (clientId === undefined ? {} : withAgent(clientId, agentOf(clientId)));

  const extension: Extension = {
    incoming(message, request, callback) {
      if (request === null || typeof message.channel !== 'string') return callback(message);
      if (message.channel === CONNECT) {
        const clientId = typeof message.clientId === 'string' ? message.clientId : undefined;
        const type = message.connectionType;
        // A client faye does not know is refused, and journaled then: it would never be forgotten here.
        const known = clientId !== undefined && agentOf(clientId) !== undefined;
        if (known && type !== connectionTypes.get(clientId) && message.error === undefined) {
          connectionTypes.set(clientId, type);
          journal.record({ type: 'bayeux', at: now(), ...named(clientId), channel: CONNECT, transport: transportOf(request), ...connectionTypeOf(message) });
        }
      }
      const handshake = message.channel === HANDSHAKE;
      const ext = handshake && message.ext !== undefined ? { ext: bounded(message.ext).value } : {};
      arrivals.put(request, keyOf(message), {
        at: now(),
        started: performance.now(),
        ...(typeof message.clientId === 'string' ? named(message.clientId) : {}),
        ...(handshake ? { auth: authOf(message, request) } : {}),
        ...(message.channel === CONNECT ? connectionTypeOf(message) : {}),
        ...ext,
      });
      callback(message);
    },

    outgoing(message, request, callback) {
      // Replies only: a delivered notification has no verdict.
      if (request === null || typeof message.channel !== 'string' || typeof message.successful !== 'boolean') return callback(message);
      const clientId = typeof message.clientId === 'string' ? message.clientId : undefined;
      const arrival = arrivals.take(request, keyOf(message));
      // A connect is journaled as it comes (above); its reply only when it refuses, which faye sends without the clientId.
      if (message.channel === CONNECT && message.successful) return callback(message);
      const { at = now(), started, agent, ...rest } = arrival ?? {};
      journal.record({
        type: 'bayeux',
        at,
        ...named(clientId ?? arrival?.clientId),
        // Who it was when it came: a disconnect's reply goes out once faye has dropped the client.
        ...(agent === undefined ? {} : { agent }),
        channel: clipped(message.channel),
        transport: transportOf(request),
        ...rest,
        ...(message.subscription === undefined ? {} : { subscription: bounded(message.subscription).value as string | string[] }),
        successful: message.successful,
        ...errorOf(message),
        ...(started === undefined ? {} : { durationMs: Math.round(performance.now() - started) }),
      });
      callback(message);
    },
  };
  adapter.addExtension(extension);
}

/** A clientId as sent (a refused one may be anything a client made up, so it is clipped), with its agent when known. */
function withAgent(clientId: string, agent: string | undefined): { clientId: string; agent?: string } {
  return agent === undefined ? { clientId: clipped(clientId) } : { clientId: clipped(clientId), agent };
}

function keyOf(message: BayeuxMessage): string {
  return `${message.channel} ${typeof message.id === 'string' ? message.id : ''}`;
}

function transportOf(request: IncomingMessage): BayeuxRequest['transport'] {
  return (request as IncomingMessage & { upgrade?: boolean }).upgrade === true ? 'websocket' : 'long-polling';
}

/** How a handshake authenticates (src/bayeux/auth-extension.ts): its ext first, then Basic, then the cookie. */
function authOf(message: BayeuxMessage, request: IncomingMessage): BayeuxRequest['auth'] {
  if (message.ext?.authentication !== undefined) return 'ext';
  if (request.headers.authorization !== undefined) return 'basic';
  return cookie(request.headers.cookie, SESSION_COOKIE) !== undefined ? 'cookie' : 'none';
}

function connectionTypeOf(message: BayeuxMessage): { connectionType?: string } {
  return typeof message.connectionType === 'string' ? { connectionType: clipped(message.connectionType) } : {};
}

/** The reply's error, with the reason a refused handshake was given in its ext. */
function errorOf(message: BayeuxMessage): { error?: string } {
  if (typeof message.error !== 'string') return {};
  const failure = (message.ext?.authentication as { failure?: unknown } | undefined)?.failure;
  return { error: clipped(typeof failure === 'string' ? `${message.error}: ${failure}` : message.error) };
}

/**
 * Messages waiting for their reply, per request (a websocket's upgrade request serves all its
 * messages) and per channel and id, in order: faye answers a batch in order.
 */
class Arrivals {
  private readonly byRequest = new WeakMap<object, Map<string, Arrival[]>>();

  put(request: object, key: string, arrival: Arrival): void {
    let byKey = this.byRequest.get(request);
    if (!byKey) this.byRequest.set(request, (byKey = new Map()));
    const queue = byKey.get(key);
    if (queue) queue.push(arrival);
    else byKey.set(key, [arrival]);
  }

  take(request: object, key: string): Arrival | undefined {
    const byKey = this.byRequest.get(request);
    const queue = byKey?.get(key);
    const arrival = queue?.shift();
    if (queue?.length === 0) byKey!.delete(key);
    return arrival;
  }
}
