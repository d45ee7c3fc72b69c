import type { RequestHandler } from 'express';
import type { SimEvents } from '../events';

/** What a page that reads too slowly may leave waiting in its connection, the replay included: then it is closed. */
export const FEED_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;
/** A comment line this often keeps idle connections (and proxies) open, and finds closed ones. */
const KEEP_ALIVE_MS = 20_000;
/** How soon EventSource reconnects after a closed connection. */
const RETRY_MS = 1000;

export interface FeedOptions {
  log(line: string): void;
  bufferLimitBytes?: number;
}

/**
 * `GET /sim/events`: the simulator's events as Server-Sent Events, pushed as they happen. A new
 * connection first gets the kept history (after `Last-Event-ID` when the browser reconnects), at
 * most half the buffer limit of it, then every event. A page that does not read is closed as soon
 * as more than `bufferLimitBytes` wait in its connection, replay included; its EventSource
 * reconnects and resumes from the last event it got.
 */
export function eventFeed(events: SimEvents, options: FeedOptions): RequestHandler {
  const limit = options.bufferLimitBytes ?? FEED_BUFFER_LIMIT_BYTES;
  return (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    const frame = (id: number, json: string) => `id: ${id}\ndata: ${json}\n\n`;
    // Written, then measured: whatever pushes the waiting bytes past the limit closes the page at once.
    const send = (text: string) => {
      res.write(text);
      if (res.writableLength <= limit) return;
      options.log(`closed a dashboard feed whose page reads nothing: ${res.writableLength} bytes waiting (limit ${limit})`);
      close();
    };
    const replay = events.replay(lastEventId(req.get('last-event-id')), limit / 2);
    const stop = events.listen((id, json) => send(frame(id, json)));
    const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    const close = () => {
      stop();
      clearInterval(keepAlive);
      res.destroy();
    };
    send(`retry: ${RETRY_MS}\n\n${replay.map(({ id, json }) => frame(id, json)).join('')}`);
    res.on('close', close);
  };
}

/** The id a reconnecting EventSource last got, if the header holds one. */
function lastEventId(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header);
}
