import type { IncomingMessage } from 'node:http';
import type { BayeuxMessage, Extension } from 'faye';
import type { Authenticator, AuthResult } from '../auth/authenticator';
import type { ClientRegistry } from './clients';

const HANDSHAKE = '/meta/handshake';

/**
 * Authenticates the CometD handshake by `ext.authentication` ({user, credentials}: Node's
 * websocket client can send neither header nor cookie), else HTTP Basic, else the JSESSIONID
 * cookie. faye's handshake reply carries the new clientId but not the request's ext, so the
 * verdict is remembered per request and message id until the reply goes out.
 */
export function authExtension(authenticator: Authenticator, clients: ClientRegistry, log: (line: string) => void): Extension {
  const verdicts = new WeakMap<IncomingMessage, Map<string, AuthResult>>();

  return {
    incoming(message, request, callback) {
      if (message.channel !== HANDSHAKE || request === null) return callback(message);
      const verdict = authenticate(authenticator, message, request);
      if (!verdict.ok) message.error = '403::Handshake denied';
      const pending = verdicts.get(request) ?? new Map<string, AuthResult>();
      pending.set(message.id ?? '', verdict);
      verdicts.set(request, pending);
      callback(message);
    },

    outgoing(message, request, callback) {
      if (message.channel !== HANDSHAKE || request === null) return callback(message);
      const pending = verdicts.get(request);
      const verdict = pending?.get(message.id ?? '');
      pending?.delete(message.id ?? '');
      if (message.successful && message.clientId && verdict?.ok) {
        clients.bind(message.clientId, verdict.user.id, verdict.user.userName);
      } else if (!message.successful) {
        // Without reconnect "none" the CometD client retries a denied handshake forever.
        message.advice = { ...message.advice, reconnect: 'none' };
        if (verdict && !verdict.ok) {
          message.ext = { ...message.ext, authentication: { failure: verdict.reason } };
          log(`handshake denied: ${verdict.reason}`);
        }
      }
      callback(message);
    },
  };
}

function authenticate(authenticator: Authenticator, message: BayeuxMessage, request: IncomingMessage): AuthResult {
  const ext = message.ext?.authentication;
  if (ext === undefined) return authenticator.fromHeaders(request.headers);
  const { user, credentials } = (ext ?? {}) as { user?: unknown; credentials?: unknown };
  if (typeof user !== 'string' || typeof credentials !== 'string') {
    return { ok: false, reason: 'ext.authentication must be {"user": "<userName>", "credentials": "<password>"}' };
  }
  return authenticator.check({ userName: user, password: credentials });
}
