import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Extension } from 'faye';
import { cookie } from '../auth/authenticator';
import type { ClientRegistry, ConnectionProof } from './clients';
import { UNKNOWN_CLIENT } from './unknown-client';

/**
 * The per-browser cookie a CometD server sets (CometD's own is BAYEUX_BROWSER): every long-polling
 * request without one gets one, and a clientId handshaken over long-polling is served only to
 * requests that bring it back (or the agent's credentials). HttpOnly: no page script can read it.
 */
export const BROWSER_COOKIE = 'BAYEUX_BROWSER';
const BROWSER_ID = /^[0-9a-f]{32}$/;
const HANDSHAKE = '/meta/handshake';
const CONNECT = '/meta/connect';

/** The request's browser id, when it carries a well-formed one. */
function browserIdOf(headers: IncomingHttpHeaders): string | undefined {
  const id = cookie(headers.cookie, BROWSER_COOKIE);
  return id !== undefined && BROWSER_ID.test(id) ? id : undefined;
}

/**
 * Gives a long-polling request without a browser id a new one: the Set-Cookie header on its
 * response (faye's writeHead keeps headers set before it) and the cookie on the request, so that
 * the handshake it may carry is bound to it.
 */
export function assignBrowserId(request: IncomingMessage, response: { setHeader(name: string, value: string): unknown }, path: string): void {
  if (browserIdOf(request.headers) !== undefined) return;
  const id = randomBytes(16).toString('hex');
  response.setHeader('Set-Cookie', `${BROWSER_COOKIE}=${id}; Path=${path}; HttpOnly; SameSite=Lax`);
  const others = request.headers.cookie;
  request.headers.cookie = others ? `${others}; ${BROWSER_COOKIE}=${id}` : `${BROWSER_COOKIE}=${id}`;
  assigned.add(request.headers);
}

/** The headers of requests that came without a browser id and were given one here. */
const assigned = new WeakSet<IncomingHttpHeaders>();

/** Whether the long poll came without a browser cookie (the server guard gave it one). */
const cameWithoutBrowserId = (request: IncomingMessage) => assigned.has(request.headers);

/** The proof a handshake on this request leaves. */
export function proofOf(request: IncomingMessage): ConnectionProof {
  const websocket = isUpgrade(request) ? request : undefined;
  return { websocket, browserId: browserIdOf(request.headers), ...(websocket === undefined && cameWithoutBrowserId(request) ? { cookieGiven: true } : {}) };
}

/** A websocket's upgrade request, as Node marks it (not a POST that merely carries an Upgrade header). */
const isUpgrade = (request: IncomingMessage) => (request as IncomingMessage & { upgrade?: boolean }).upgrade === true;

/** Whether a request brings a browser cookie of its own (not one the server guard just gave it). */
const bringsBrowserId = (request: IncomingMessage) => browserIdOf(request.headers) !== undefined && !cameWithoutBrowserId(request);

/** Whether the websocket of this upgrade request is still open. */
const isOpen = (websocket: object) => !(websocket as IncomingMessage).socket.destroyed;

/**
 * A clientId is not a password where the client can prove more: a message naming one is served
 * on the websocket that handshook, with the browser cookie the handshake came with (or was given
 * and brought back), or with the agent's own credentials (its JSESSIONID cookie or Basic). A
 * client that keeps no cookie (it handshook over long-polling with ext credentials and its next
 * request came without the cookie it was given: faye's Node client moving to a websocket,
 * scripting clients) is served by clientId, as a CometD server serves every client; but not on
 * a request that brings another browser's cookie, and not on a second connection while its
 * websocket is open. Credentials of anyone else are always refused. Anything refused is answered
 * as an unknown client (`402::Unknown client`, which tells nothing of the session) and logged;
 * the session it names is not touched, so a refused request can neither read, unsubscribe nor
 * disconnect it.
 */
export class ConnectionBinding {
  constructor(
    private readonly clients: ClientRegistry,
    /** The credentials the request's headers bring (undefined: none), and whom they authenticate (under the Origin rule). */
    private readonly userOfHeaders: (request: IncomingMessage) => { userId?: string } | undefined,
    /** Why the request's Origin may not use what a browser sends on its own (cookies), or undefined. */
    private readonly refusedOrigin: (request: IncomingMessage) => string | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Whether a message for `clientId` may be served on `request`. An unknown clientId is allowed
   * here: faye answers it (402) without touching any session.
   */
  allows(clientId: string, request: IncomingMessage): boolean {
    const client = this.clients.bindingOf(clientId);
    if (client === undefined) return true;
    const { proof } = client;
    if (this.proven(proof, request)) {
      // Back by its own means: no takeover left open; a given cookie came back: the session is bound to it.
      if (proof.rebind || proof.cookieGiven) this.clients.rebind(clientId, { ...proof, rebind: false, cookieGiven: false });
      return true;
    }
    const credentials = this.userOfHeaders(request);
    if (credentials !== undefined) return credentials.userId === client.userId;
    if (proof.rebind && proof.websocket !== undefined && isUpgrade(request) && this.sameBrowser(proof, request)) {
      // The client of a cut websocket connects again on a new one, once (README "Faults": cut).
      this.clients.rebind(clientId, { ...proof, websocket: request, rebind: false });
      return true;
    }
    return this.keyed(clientId, proof, request);
  }

  /** A client that keeps no cookie: served by clientId alone, on one connection at a time while its websocket is open. */
  private keyed(clientId: string, proof: ConnectionProof, request: IncomingMessage): boolean {
    if (!(proof.keyed || proof.cookieGiven) || bringsBrowserId(request)) return false;
    if (proof.websocket !== undefined && isOpen(proof.websocket)) return false;
    if (!proof.keyed || isUpgrade(request)) this.clients.rebind(clientId, { ...proof, keyed: true, cookieGiven: false, ...(isUpgrade(request) ? { websocket: request } : {}) });
    return true;
  }

  /** The handshake's own websocket, or the browser cookie it came with, sent by a page the Origin rule lets use cookies. */
  private proven(proof: ConnectionProof, request: IncomingMessage): boolean {
    if (proof.websocket !== undefined && proof.websocket === request) return true;
    return proof.browserId !== undefined && browserIdOf(request.headers) === proof.browserId && this.refusedOrigin(request) === undefined;
  }

  /** A handshake that came with a browser cookie is taken over only by the same browser. */
  private sameBrowser(proof: ConnectionProof, request: IncomingMessage): boolean {
    return proof.browserId === undefined || browserIdOf(request.headers) === proof.browserId;
  }

  /** Whether faye may attach this websocket to the session: an agent's session the socket may serve, never a made-up one. */
  attachable(clientId: string, request: IncomingMessage): boolean {
    return this.clients.bindingOf(clientId) !== undefined && this.allows(clientId, request);
  }

  readonly extension: Extension = {
    incoming: (message, request, callback) => {
      const { clientId } = message;
      if (request === null || typeof clientId !== 'string' || message.channel === HANDSHAKE || message.error !== undefined) return callback(message);
      if (this.allows(clientId, request)) {
        if (message.channel === CONNECT) this.clients.connectedOver(clientId, isUpgrade(request) ? 'websocket' : 'long-polling');
        return callback(message);
      }
      const client = this.clients.bindingOf(clientId)!;
      // A page of another site cannot send the cookie back (SameSite): say so, it is the usual cause.
      const hint = !isUpgrade(request) && !client.proof.keyed && client.proof.browserId !== undefined && cameWithoutBrowserId(request)
        ? ` (the ${BROWSER_COOKIE} cookie did not come back: a page of another site must send HTTP Basic on its long polls, or use websocket)`
        : '';
      this.log(`refused ${message.channel} for ${client.userName}'s CometD session ${clientId.slice(0, 8)}… from another connection (no credentials of ${client.userName}): answered 402::Unknown client${hint}`);
      callback({ ...message, error: UNKNOWN_CLIENT });
    },
  };
}
