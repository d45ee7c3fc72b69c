import type { IncomingMessage } from 'node:http';
import type { BayeuxMessage, Extension } from 'faye';
import type { Authenticator, AuthResult } from '../auth/authenticator';
import { bayeuxError } from '../errors';
import { refusedOrigin } from '../auth/origin';
import { proofOf } from './binding';
import type { ClientRegistry } from './clients';

const HANDSHAKE = '/meta/handshake';

/**
 * Authenticates the CometD handshake by `ext.authentication` ({user, credentials}: Node's
 * websocket client can send neither header nor cookie), else HTTP Basic, else the JSESSIONID
 * cookie; refuses header credentials from a foreign Origin and an agent's handshake past
 * `maxSessionsPerAgent`. faye's handshake reply carries the new clientId but not the request's
 * ext, so the verdict is remembered per request and message id until the reply goes out.
 */
export function authExtension(authenticator: Authenticator, clients: ClientRegistry, log: (line: string) => void): Extension {
  const verdicts = new PendingVerdicts();
  // Accepted handshakes whose reply (which binds the client) has not gone out yet, per user id.
  const pending = new Map<string, number>();
  const sessionsOf = (userId: string) => clients.countOf(userId) + (pending.get(userId) ?? 0);

  return {
    incoming(message, request, callback) {
      if (message.channel !== HANDSHAKE || request === null) return callback(message);
      let verdict = authenticate(authenticator, message, request);
      const { maxSessionsPerAgent } = authenticator.policy;
      if (verdict.ok && sessionsOf(verdict.user.id) >= maxSessionsPerAgent) {
        verdict = {
          ok: false,
          reason:
            `${verdict.user.userName} already has ${maxSessionsPerAgent} CometD sessions, the most one agent may hold ` +
            `(--max-sessions-per-agent): disconnect one, or wait for an abandoned one to expire (90 s without /meta/connect)`,
        };
      }
      if (verdict.ok) pending.set(verdict.user.id, (pending.get(verdict.user.id) ?? 0) + 1);
      else message.error = bayeuxError('HANDSHAKE_DENIED');
      verdicts.put(request, message.id ?? '', verdict);
      callback(message);
    },

    outgoing(message, request, callback) {
      if (message.channel !== HANDSHAKE || request === null) return callback(message);
      const verdict = verdicts.take(request, message.id ?? '');
      if (verdict?.ok) {
        const left = (pending.get(verdict.user.id) ?? 1) - 1;
        if (left > 0) pending.set(verdict.user.id, left);
        else pending.delete(verdict.user.id);
      }
      if (message.successful && message.clientId && verdict?.ok) {
        clients.bind(message.clientId, verdict.user.id, verdict.user.userName, proofOf(request));
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

/**
 * Handshake verdicts waiting for their reply: per request, per message id, in order (a batch may
 * repeat an id, and faye answers in order). An id is forgotten once no verdict waits on it, as a
 * websocket's request lives as long as its socket and sees a handshake after every session drop.
 */
export class PendingVerdicts {
  private readonly byRequest = new WeakMap<object, Map<string, AuthResult[]>>();

  put(request: object, id: string, verdict: AuthResult): void {
    let byId = this.byRequest.get(request);
    if (!byId) this.byRequest.set(request, (byId = new Map()));
    const queue = byId.get(id);
    if (queue) queue.push(verdict);
    else byId.set(id, [verdict]);
  }

  take(request: object, id: string): AuthResult | undefined {
    const byId = this.byRequest.get(request);
    const queue = byId?.get(id);
    const verdict = queue?.shift();
    if (queue?.length === 0) byId!.delete(id);
    return verdict;
  }

  /** Message ids with a verdict waiting, for this request. */
  waiting(request: object): number {
    return this.byRequest.get(request)?.size ?? 0;
  }
}

function authenticate(authenticator: Authenticator, message: BayeuxMessage, request: IncomingMessage): AuthResult {
  const ext = message.ext?.authentication;
  if (ext === undefined) return headerCredentials(authenticator, request);
  const { user, credentials } = (ext ?? {}) as { user?: unknown; credentials?: unknown };
  if (typeof user !== 'string' || typeof credentials !== 'string') {
    return { ok: false, reason: 'ext.authentication must be {"user": "<userName>", "credentials": "<password>"}' };
  }
  return authenticator.check({ userName: user, password: credentials });
}

/**
 * The cookie or Basic credentials of a request. Browsers send them on their own: only the
 * simulator's own pages and the allowed origins may use them (credentials in ext prove the page
 * knows the password).
 */
export function headerCredentials(authenticator: Authenticator, request: IncomingMessage): AuthResult {
  const refused = refusedOrigin(request.headers, authenticator.policy.allowOrigins);
  if (refused !== undefined) return { ok: false, reason: refused };
  return authenticator.fromHeaders(request.headers);
}
