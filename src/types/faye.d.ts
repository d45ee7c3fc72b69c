// faye ships no type declarations and there is no @types/faye: these cover what gws-sim uses.
declare module 'faye' {
  import type { IncomingMessage, Server } from 'node:http';

  /** A Bayeux message as faye's extensions see it. */
  export interface BayeuxMessage {
    channel: string;
    clientId?: string;
    id?: string;
    data?: unknown;
    subscription?: string | string[];
    successful?: boolean;
    error?: string;
    ext?: Record<string, unknown>;
    advice?: { reconnect?: 'retry' | 'handshake' | 'none'; interval?: number; timeout?: number };
    [key: string]: unknown;
  }

  type Callback = (message: BayeuxMessage) => void;

  /**
   * `request` is the HTTP request (long-polling), the upgrade request (websocket), or null for
   * faye's in-process client. faye passes it only to three-argument functions.
   */
  export interface Extension {
    incoming?(message: BayeuxMessage, request: IncomingMessage | null, callback: Callback): void;
    outgoing?(message: BayeuxMessage, request: IncomingMessage | null, callback: Callback): void;
  }

  export interface Publication {
    then(onFulfilled: () => void, onRejected?: (error: { code?: number; message?: string }) => void): void;
  }

  export interface Client {
    publish(channel: string, data: unknown): Publication;
    /** A client extension's outgoing function takes (message, callback). */
    addExtension(extension: { outgoing?(message: BayeuxMessage, callback: Callback): void }): void;
    /** A thenable that settles once the server answered (undefined when not connected). */
    disconnect(): PromiseLike<unknown> | undefined;
  }

  /** The `engine` option: faye calls `type.create(server, options)` with this very object as `options`. */
  export interface EngineOption {
    type: { create(server: unknown, options: Record<string, unknown>): unknown };
    [option: string]: unknown;
  }

  export interface NodeAdapterOptions {
    mount: string;
    engine?: EngineOption;
    timeout?: number;
    ping?: number;
  }

  export class NodeAdapter {
    constructor(options: NodeAdapterOptions);
    attach(server: Server): void;
    addExtension(extension: Extension): void;
    getClient(): Client;
    close(): void;
    /** faye's websocket transport; src/bayeux/websocket.ts replaces it on the instance. */
    handleUpgrade(request: IncomingMessage, socket: import('node:net').Socket, head: Buffer): void;
    on(event: 'handshake' | 'disconnect', listener: (clientId: string) => void): void;
    on(event: 'subscribe' | 'unsubscribe', listener: (clientId: string, channel: string) => void): void;
  }

  const faye: { NodeAdapter: typeof NodeAdapter };
  export default faye;
}

// faye's websocket server (a dependency of faye), as src/bayeux/websocket.ts uses it.
declare module 'faye-websocket' {
  import type { IncomingMessage } from 'node:http';
  import type { Socket } from 'node:net';

  class WebSocket {
    constructor(request: IncomingMessage, socket: Socket, head: Buffer, protocols: string[], options: { extensions?: unknown[]; ping?: number });
    onmessage: ((event: { data: string | Buffer }) => void) | null;
    onclose: ((event: { code: number; reason: string }) => void) | null;
    send(data: string): boolean;
    close(code?: number, reason?: string): void;
  }
  export = WebSocket;
}
