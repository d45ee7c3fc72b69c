import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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
/** The most either cap may be set to. */
export const WEBSOCKET_CAP_BOUND = 100_000;

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

/**
 * The caps with their defaults, checked: a RangeError names the one that is wrong, as `name`
 * spells it (a CLI flag), and the value as `shown` does.
 */
export function websocketCapsOf(
  caps: { maxWebsockets?: number; maxWebsocketsPerAddress?: number },
  name: (key: keyof typeof WEBSOCKET_CAPS) => string = (key) => key,
  shown: (value: number, key: keyof typeof WEBSOCKET_CAPS) => string = String,
): { maxWebsockets: number; maxWebsocketsPerAddress: number } {
  const resolved = { maxWebsockets: caps.maxWebsockets ?? WEBSOCKET_CAPS.maxWebsockets, maxWebsocketsPerAddress: caps.maxWebsocketsPerAddress ?? WEBSOCKET_CAPS.maxWebsocketsPerAddress };
  for (const key of Object.keys(WEBSOCKET_CAPS) as (keyof typeof WEBSOCKET_CAPS)[]) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1 || value > WEBSOCKET_CAP_BOUND) throw new RangeError(`${name(key)} must be an integer from 1 to ${WEBSOCKET_CAP_BOUND}, got ${shown(value, key)}`);
  }
  return resolved;
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
