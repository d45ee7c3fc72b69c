import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { boundedIntegers, type Bound, type Naming } from '../bounds';
import { repeatedLog } from '../repeated-log';
import { limitFrames } from './frame-limit';

/** Bytes waiting in a websocket's send buffer (a client that does not read) before it is closed. */
export const WEBSOCKET_BUFFER_LIMIT_BYTES = 1024 * 1024;
/**
 * Open websockets, in all and from one remote address: each holds a file descriptor, and with
 * the process's descriptors used up nothing, REST included, can be answered. Keep the total
 * below `ulimit -n`.
 */
export const WEBSOCKET_CAPS = { maxWebsockets: 10_000, maxWebsocketsPerAddress: 1_000 } as const;
/** Each cap's bounds, and its `serve` flag. */
export const WEBSOCKET_CAP_BOUNDS: Record<keyof typeof WEBSOCKET_CAPS, Bound> = {
  maxWebsockets: { min: 1, max: 100_000, flag: '--max-websockets' },
  maxWebsocketsPerAddress: { min: 1, max: 100_000, flag: '--max-websockets-per-address' },
};

export interface WebsocketLimits {
  maxWebsockets: number;
  maxWebsocketsPerAddress: number;
  bufferLimitBytes: number;
  messageLimitBytes: number;
}

/** Why an upgrade is refused: the HTTP status and a message for the `error` of a Bayeux reply. */
export interface UpgradeRefusal {
  status: 429 | 503;
  message: string;
}

/** The caps with their defaults, checked: a RangeError names the one that is wrong as `naming` does. */
export function websocketCapsOf(
  caps: Partial<Record<keyof typeof WEBSOCKET_CAPS, unknown>>,
  naming: Naming<keyof typeof WEBSOCKET_CAPS> = {},
): { maxWebsockets: number; maxWebsocketsPerAddress: number } {
  return boundedIntegers(WEBSOCKET_CAP_BOUNDS, WEBSOCKET_CAPS, { maxWebsockets: caps.maxWebsockets, maxWebsocketsPerAddress: caps.maxWebsocketsPerAddress }, naming);
}

/**
 * The websockets of the CometD endpoint: counted in all and per remote address, each upgrade
 * past a cap refused before faye takes it; the frames a client sends are limited (frame-limit.ts);
 * a socket whose send buffer outgrows the limit is closed as the data is queued (faye keeps the
 * client's messages, bounded by its session expiry, until it reconnects).
 */
export class WebsocketGuard {
  private readonly open = new Set<Socket>();
  private readonly perAddress = new Map<string, number>();
  /** A flood of upgrades (or of sockets closed) must not write a line each. */
  private readonly log: (kind: string, line: string) => void;

  constructor(
    private readonly limits: WebsocketLimits,
    log: (line: string) => void,
  ) {
    this.log = repeatedLog(log);
  }

  /** Takes an upgraded socket in (`head`: its first bytes), or says (and logs) why it may not be (the caller answers on the socket). */
  admit(socket: Socket, head: Buffer): UpgradeRefusal | undefined {
    const { maxWebsockets, maxWebsocketsPerAddress, bufferLimitBytes, messageLimitBytes } = this.limits;
    const address = socket.remoteAddress ?? 'unknown';
    const fromAddress = this.perAddress.get(address) ?? 0;
    const refusal: UpgradeRefusal | undefined =
      fromAddress >= maxWebsocketsPerAddress
        ? { status: 429, message: `${address} already has ${fromAddress} websockets open, the limit per address (--max-websockets-per-address); close one, or use long-polling` }
        : this.open.size >= maxWebsockets
          ? { status: 503, message: `${this.open.size} websockets are open, the limit (--max-websockets); close one, or use long-polling` }
          : undefined;
    if (refusal !== undefined) {
      this.log(`refused ${refusal.status}`, `refused a websocket: ${refusal.message}`);
      return refusal;
    }
    this.open.add(socket);
    this.perAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      this.open.delete(socket);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
    limitFrames(socket, head, messageLimitBytes, (bytes) =>
      this.log('message too big', `closed a websocket whose client sent a message of ${bytes} bytes (limit ${messageLimitBytes}, --max-websocket-message)`),
    );
    limitSendBuffer(socket, bufferLimitBytes, (bytes) => this.log('reads nothing', `closed a websocket whose client reads nothing: ${bytes} bytes waiting (limit ${bufferLimitBytes})`));
    return undefined;
  }

  close(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    this.perAddress.clear();
  }
}

/**
 * Closes `socket` as soon as a write leaves more than `limit` bytes waiting: every write is
 * checked as it is queued, so a burst of notifications cannot pile up megabytes between two
 * checks. faye-websocket writes whatever it is given (it ignores backpressure).
 */
function limitSendBuffer(socket: Socket, limit: number, onFull: (bytes: number) => void): void {
  const write = socket.write;
  socket.write = function (this: Socket, ...args: unknown[]) {
    const queued = (write as (...a: unknown[]) => boolean).apply(this, args);
    if (this.writableLength > limit && !this.destroyed) {
      onFull(this.writableLength);
      this.destroy();
    }
    return queued;
  } as Socket['write'];
}

/** An upgrade refused with an HTTP answer and a Bayeux-shaped body (the CometD client reads `error`), then closed. */
export function refuseUpgrade(socket: Socket, refusal: UpgradeRefusal): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify([{ successful: false, error: `${refusal.status}::${refusal.message}` }]);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
