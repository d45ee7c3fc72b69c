import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { NodeAdapter } from 'faye';
import WebSocket from 'faye-websocket';
import { bayeuxError } from '../errors';
import { repeatedLog } from '../repeated-log';

/** What the websocket transport needs of faye's Bayeux server (the one NodeAdapter.handleUpgrade uses). */
interface FayeServer {
  process(messages: unknown, request: IncomingMessage, callback: (replies: unknown[]) => void): void;
  openSocket(clientId: string, socket: WebSocket, request: IncomingMessage): void;
  closeSocket(clientId: string, close?: boolean): void;
}

/** faye-websocket lets a server close with 1000 or 3000-4999 only: 1000 (normal), the reason says why. */
const NORMAL_CLOSURE = 1000;
/** A client that does not answer the close frame has its socket destroyed after this, ms. */
const CLOSE_GRACE_MS = 1000;

/**
 * faye's own websocket transport, but for whom a socket delivers to. faye attaches a websocket to
 * the clientId of any /meta/connect it carries, before any extension sees the message: a socket
 * that names another agent's clientId would receive that agent's notifications, and its close
 * would close the agent's socket. Here a socket is attached only to a session the binding lets it
 * serve (src/bayeux/binding.ts); the binding extension answers the rest 402. Everything else is
 * faye's handleUpgrade: its server processes the messages, with its ping and websocket extensions.
 * A frame that is not a Bayeux message gets a Bayeux error instead of a stack trace on stdout.
 * A socket that serves no session `handshakeMs` after it opened (no /meta/connect of a session it
 * may serve: a handshake on it is followed by one) is closed: idle sockets would hold
 * file descriptors for ever.
 */
export function bindWebsockets(
  adapter: NodeAdapter,
  attachable: (clientId: string, request: IncomingMessage) => boolean,
  log: (line: string) => void,
  handshakeMs: number,
): void {
  const internals = adapter as unknown as { _server: FayeServer; _extensions: unknown[]; _options: { ping?: number } };
  const server = internals._server;
  // Thousands of idle sockets (a flood) are closed together: one line, then one a minute with the count.
  const logIdle = repeatedLog(log);
  adapter.handleUpgrade = (request: IncomingMessage, socket: Socket, head: Buffer) => {
    let ws: WebSocket | null = new WebSocket(request, socket, head, [], { extensions: internals._extensions, ping: internals._options.ping });
    let clientId: string | undefined;
    const idle = setTimeout(() => {
      logIdle('idle', `closed a websocket that served no CometD session within ${handshakeMs} ms (httpTimeouts.websocketHandshakeMs)`);
      ws?.close(NORMAL_CLOSURE, `no CometD session within ${handshakeMs} ms: send /meta/handshake first`);
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    }, handshakeMs);
    idle.unref();
    const refuse = (error: string) => ws?.send(JSON.stringify([{ successful: false, error }]));
    ws.onmessage = (event) => {
      const messages = parse(event.data);
      if (typeof messages === 'string') return refuse(bayeuxError('BAD_FRAME', messages));
      // faye's own handler catches what its server throws: here it would be an uncaught exception.
      try {
        const cid = connectingClient(messages);
        if (cid !== undefined && attachable(cid, request)) {
          if (clientId !== undefined && cid !== clientId) server.closeSocket(clientId, false);
          server.openSocket(cid, ws!, request);
          clientId = cid;
          clearTimeout(idle);
        }
        server.process(messages, request, (replies) => ws?.send(JSON.stringify(replies)));
      } catch (error) {
        log(`internal error on a websocket message: ${(error as Error)?.stack ?? String(error)}`);
        refuse(bayeuxError('INTERNAL'));
      }
    };
    ws.onclose = () => {
      clearTimeout(idle);
      if (clientId !== undefined) server.closeSocket(clientId);
      ws = null;
    };
  };
}

/** The messages of a frame, or why it holds none. */
function parse(data: unknown): object | string {
  try {
    const parsed: unknown = JSON.parse(String(data));
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    return 'a websocket frame must be JSON: a Bayeux message or an array of them';
  }
  return 'a websocket frame must hold a Bayeux message (a JSON object) or an array of them';
}

/** The clientId of the frame's first /meta/connect, as faye picks the session a socket belongs to. */
function connectingClient(messages: object): string | undefined {
  const connect = ([] as unknown[]).concat(messages).find((m): m is { clientId?: unknown } => typeof m === 'object' && m !== null && (m as { channel?: unknown }).channel === '/meta/connect');
  return typeof connect?.clientId === 'string' ? connect.clientId : undefined;
}
