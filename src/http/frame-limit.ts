import type { Socket } from 'node:net';

/** The largest websocket message (all its frames) a client may send, bytes; CometD batches are a few kB. */
export const WEBSOCKET_MESSAGE_LIMIT_BYTES = 1024 * 1024;
/** RFC 6455 close code 1009: message too big. */
const MESSAGE_TOO_BIG = 1009;
const CLOSE_GRACE_MS = 1000;

interface FrameHeader {
  fin: boolean;
  opcode: number;
  length: number;
  headerBytes: number;
}

/** A frame's header (RFC 6455 5.2) at the start of `bytes`, or undefined when not all of it is in yet. */
function frameHeader(bytes: Buffer): FrameHeader | undefined {
  if (bytes.length < 2) return undefined;
  const short = bytes[1] & 0x7f;
  const lengthBytes = short === 126 ? 2 : short === 127 ? 8 : 0;
  const headerBytes = 2 + lengthBytes + (bytes[1] & 0x80 ? 4 : 0);
  if (bytes.length < headerBytes) return undefined;
  const length = short === 126 ? bytes.readUInt16BE(2) : short === 127 ? Number(bytes.readBigUInt64BE(2)) : short;
  return { fin: (bytes[0] & 0x80) !== 0, opcode: bytes[0] & 0x0f, length, headerBytes };
}

/**
 * Watches the frames a client sends on an upgraded socket, beside faye's own reader (faye gives
 * faye-websocket no `maxLength`, whose default is 64 MB): a message whose frames declare more than
 * `limit` bytes closes the socket with 1009 as soon as its header arrives, before it is buffered.
 * Only the headers are read; payloads are skipped.
 */
export function limitFrames(socket: Socket, head: Buffer, limit: number, onTooBig: (bytes: number) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  let skip = 0;
  let message = 0;
  const feed = (chunk: Buffer) => {
    let data = chunk;
    while (data.length > 0) {
      if (skip > 0) {
        const n = Math.min(skip, data.length);
        skip -= n;
        data = data.subarray(n);
        continue;
      }
      pending = pending.length > 0 ? Buffer.concat([pending, data]) : data;
      const frame = frameHeader(pending);
      if (!frame) return; // the rest of the header comes with the next chunk
      if (frame.opcode < 8) {
        // Data frames: a continuation (opcode 0) adds to the message; control frames are at most 125 bytes.
        message = (frame.opcode === 0 ? message : 0) + frame.length;
        if (message > limit) return tooBig(message);
      }
      data = pending.subarray(frame.headerBytes);
      pending = Buffer.alloc(0);
      skip = frame.length;
    }
  };
  const tooBig = (bytes: number) => {
    socket.off('data', feed);
    onTooBig(bytes);
    const reason = Buffer.from(`message larger than ${limit} bytes`);
    const close = Buffer.alloc(4);
    close[0] = 0x88; // FIN, close
    close[1] = 2 + reason.length;
    close.writeUInt16BE(MESSAGE_TOO_BIG, 2);
    socket.end(Buffer.concat([close, reason]));
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  };
  socket.on('data', feed);
  if (head.length > 0) feed(head);
}
