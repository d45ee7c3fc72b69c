// The request journal as JSON (GET /sim/requests, the live feed's `request` events), shared by the
// server (src/journal) and the dashboard page: no imports, so the page's type check can read it.

/** What every journaled request has: its number in the journal and when it came (epoch ms, simulator clock). */
interface Journaled {
  id: number;
  at: number;
  /** The agent (user name) it authenticated as; none when it did not authenticate. */
  agent?: string;
}

/** A request to /api/v2, as the desktop sent it and as it was answered. */
export interface RestRequest extends Journaled {
  type: 'rest';
  method: string;
  /** The path without its query, e.g. /api/v2/me/chats/0002EaAY01MT0082. */
  path: string;
  /** The query's parameters, credentials masked. */
  query?: Record<string, string | string[]>;
  /** How it authenticated: HTTP Basic, the JSESSIONID cookie, or neither. */
  auth: 'basic' | 'cookie' | 'none';
  /** The body's operationName, when it names one. */
  operation?: string;
  /** The session its path names (/me/chats/{id}, /me/facebooksessions/{id}). */
  session?: string;
  /** The JSON body, credentials masked; a body larger than the journal keeps is its first bytes, as a string, with `bodyBytes`. */
  body?: unknown;
  /** Set when `body` was cut: the size of the whole body as JSON. */
  bodyBytes?: number;
  /** The HTTP status of the answer. */
  status: number;
  /** The answer's GWS statusCode and statusMessage, when it has them. */
  statusCode?: number;
  statusMessage?: string;
  /** A performed operation's referenceId, which its notifications carry. */
  referenceId?: number;
  durationMs: number;
}

/** A Bayeux meta message of a CometD client (and a publish, which clients may not make), as it came and was answered. */
export interface BayeuxRequest extends Journaled {
  type: 'bayeux';
  /** /meta/handshake, /meta/connect, /meta/subscribe, /meta/unsubscribe, /meta/disconnect, or a channel a client published to. */
  channel: string;
  clientId?: string;
  /** The connection the message came on. */
  transport: 'websocket' | 'long-polling';
  /** A handshake's credentials: in its ext, HTTP Basic, the JSESSIONID cookie, or none. */
  auth?: 'ext' | 'basic' | 'cookie' | 'none';
  /** A handshake's ext, credentials masked. */
  ext?: unknown;
  /** What a subscribe or unsubscribe named. */
  subscription?: string | string[];
  /** A /meta/connect's connectionType: journaled when it differs from the client's previous one (the first included), or when refused. */
  connectionType?: string;
  /** The reply's verdict; absent on a /meta/connect journaled as it came (faye holds the reply). */
  successful?: boolean;
  /** The reply's error, e.g. `403::Handshake denied`, with the reason a refused handshake was given. */
  error?: string;
  durationMs?: number;
}

export type JournalEntry = RestRequest | BayeuxRequest;
