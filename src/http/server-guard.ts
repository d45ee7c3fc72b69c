import { STATUS_CODES } from 'node:http';
import type http from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { gwsError, type GwsError } from '../errors';
import { assignBrowserId } from '../bayeux/binding';
import { WEBSOCKET_MESSAGE_LIMIT_BYTES } from './frame-limit';
import { pathOf } from './request-path';
import { refuseUpgrade, WEBSOCKET_BUFFER_LIMIT_BYTES, WEBSOCKET_CAPS, WebsocketGuard } from './websocket-guard';

/** Memory limits of the CometD endpoint (README "Security and limits"). */
export const BAYEUX_BODY_LIMIT_BYTES = 256 * 1024;

export interface ServerGuardOptions {
  /** faye's mount path. */
  mount: string;
  log(line: string): void;
  bayeuxBodyLimitBytes?: number;
  websocketBufferLimitBytes?: number;
  /** The largest websocket message a client may send (default 1 MB). */
  websocketMessageLimitBytes?: number;
  /** Open websockets in all, and from one remote address (defaults in websocket-guard.ts); past either an upgrade is refused. */
  maxWebsockets?: number;
  maxWebsocketsPerAddress?: number;
}

export interface ServerGuard {
  close(): void;
}

/**
 * Puts a guard in front of the listeners already on `server` (call it after faye's attach):
 * requests the HTTP parser cannot read get a GWS error body; on the CometD mount path only
 * POST (long-polling) and OPTIONS (CORS preflight) pass, with bodies of at most
 * `bayeuxBodyLimitBytes` (faye buffers a body whole, without a limit); websockets are capped
 * and watched (websocket-guard.ts). faye itself is not touched.
 */
export function guardServer(server: http.Server, options: ServerGuardOptions): ServerGuard {
  const { mount, log, bayeuxBodyLimitBytes = BAYEUX_BODY_LIMIT_BYTES } = options;
  const websockets = new WebsocketGuard(
    {
      maxWebsockets: options.maxWebsockets ?? WEBSOCKET_CAPS.maxWebsockets,
      maxWebsocketsPerAddress: options.maxWebsocketsPerAddress ?? WEBSOCKET_CAPS.maxWebsocketsPerAddress,
      bufferLimitBytes: options.websocketBufferLimitBytes ?? WEBSOCKET_BUFFER_LIMIT_BYTES,
      messageLimitBytes: options.websocketMessageLimitBytes ?? WEBSOCKET_MESSAGE_LIMIT_BYTES,
    },
    log,
  );
  const onMount = (path: string) => path === mount || path.startsWith(`${mount}/`) || path.startsWith(`${mount}.`);

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));

  const onRequest = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', function (this: http.Server, request: http.IncomingMessage, response: http.ServerResponse) {
    const pass = (req: http.IncomingMessage) => {
      for (const listener of onRequest) listener.call(this, req, response);
    };
    // faye parses every request's URL before anyone else, and throws (killing the process) on
    // one that WHATWG URL cannot parse, such as "//".
    const path = pathOf(request.url);
    if (path === undefined) return gwsRefusal(response, unreadablePath(request.url));
    if (!onMount(path) || request.method === 'OPTIONS') return pass(request);
    if (request.method !== 'POST') {
      // faye would answer GET with JSON-P: a <script> on any web site could then read the
      // agent's notifications with its cookie. CometD clients long-poll with POST.
      return bayeuxRefusal(response, 400, `${request.method} is not served at ${mount}: CometD long-polling uses POST, or use websocket (JSON-P and EventSource are off)`);
    }
    readLimited(request, bayeuxBodyLimitBytes).then(
      (body) => {
        if (body === undefined) {
          log(`refused a CometD request larger than ${bayeuxBodyLimitBytes} bytes`);
          return bayeuxRefusal(response, 413, `the CometD request body is larger than ${bayeuxBodyLimitBytes} bytes; send smaller batches`, true);
        }
        const unreadable = notBayeux(request.headers['content-type'], body);
        if (unreadable !== undefined) return bayeuxRefusal(response, 400, unreadable);
        // Binds a long-polling session to the browser that opened it (src/bayeux/binding.ts).
        assignBrowserId(request, response, mount);
        pass(replay(request, body));
      },
      () => request.destroy(),
    );
  });

  const onUpgrade = server.listeners('upgrade') as ((req: http.IncomingMessage, socket: Socket, head: Buffer) => void)[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', function (this: http.Server, request: http.IncomingMessage, socket: Socket, head: Buffer) {
    // Node stops watching an upgraded socket for errors: a peer's reset would be an uncaught
    // 'error' event and kill the process. faye adds its own handlers once it takes the socket.
    socket.on('error', () => socket.destroy());
    const path = pathOf(request.url);
    if (path === undefined) return refuseOnSocket(socket, unreadablePath(request.url));
    // faye hands other paths on, and nothing else takes upgrades: unanswered, the socket would hang.
    if (!onMount(path)) return refuseOnSocket(socket, gwsError('NO_SUCH_WEBSOCKET', request.url ?? '', mount));
    const refusal = websockets.admit(socket, head);
    if (refusal !== undefined) return refuseUpgrade(socket, refusal);
    for (const listener of onUpgrade) listener.call(this, request, socket, head);
  });

  return { close: () => websockets.close() };
}

/** The body, or undefined once it passes `limit` bytes (the rest is not read). */
function readLimited(request: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        request.off('data', onData);
        request.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, length)));
    request.once('error', reject);
  });
}

/** The request as faye reads it (headers, url, method, a body stream), with the body already read. */
function replay(request: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const copy = Readable.from(body.length > 0 ? [body] : []) as unknown as http.IncomingMessage;
  return Object.assign(copy, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    httpVersion: request.httpVersion,
    socket: request.socket,
    connection: request.socket,
  });
}

/**
 * Why faye could not read this POST body (it would answer a bare "Bad request"), or undefined:
 * faye reads JSON when the content type says so, else a form with a `message` field.
 */
function notBayeux(contentType: string | undefined, body: Buffer): string | undefined {
  const json = (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
  const text = json ? body.toString('utf8') : new URLSearchParams(body.toString('utf8')).get('message');
  if (text === null) return 'a CometD request needs a JSON body (Content-Type: application/json), or a form with a "message" field';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `the CometD request is not JSON (${(error as Error).message})`;
  }
  if (typeof parsed !== 'object' || parsed === null) return 'a CometD request is a Bayeux message (a JSON object) or an array of them';
  return undefined;
}


function unreadablePath(url: string | undefined): GwsError {
  return gwsError('BAD_REQUEST', `the path '${url}' is not a valid URL path`);
}

function gwsRefusal(response: http.ServerResponse, refusal: GwsError): void {
  const body = JSON.stringify(refusal.toBody());
  response.writeHead(refusal.httpStatus, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** A Bayeux-shaped refusal: the CometD client reads `error` of each reply. */
function bayeuxRefusal(response: http.ServerResponse, status: number, message: string, close = false): void {
  const body = JSON.stringify([{ successful: false, error: `${status}::${message}` }]);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  response.end(body);
}

/** What Node's parser could not read (bad request line, header overflow, timeout) gets a GWS body too. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  refuseOnSocket(socket, gwsError('BAD_REQUEST', `${STATUS_CODES[status]} (${error.code ?? 'parse error'})`), status);
}

/** A GWS error answer written to the socket itself, for requests that never get an http.ServerResponse; then closed. */
function refuseOnSocket(socket: Socket, refusal: GwsError, status = refusal.httpStatus): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify(refusal.toBody());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
