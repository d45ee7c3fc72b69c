import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { eventFeed, FEED_BUFFER_LIMIT_BYTES } from '../../../src/dashboard/feed';
import { HISTORY_BYTES, SimEvents } from '../../../src/events';
import { readFeed } from '../../helpers/feed';

/** GET /sim/events on a bare server, with a small buffer limit. */
async function serve(events: SimEvents, bufferLimitBytes: number | undefined, log: string[]) {
  const app = express();
  app.get('/events', eventFeed(events, { log: (line) => log.push(line), bufferLimitBytes }));
  const server = http.createServer(app);
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  /** What waits in the server's side of every connection, not yet taken by the kernel. */
  const waiting = () => [...sockets].reduce((sum, socket) => sum + socket.writableLength, 0);
  return { server, port: (server.address() as AddressInfo).port, waiting };
}

/** A page that asks for the feed and reads nothing. */
async function neverReads(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  socket.pause();
  return socket;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GET /sim/events', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  test('sends the kept history, then each event as it happens; resumes after Last-Event-ID', async () => {
    const events = new SimEvents(() => 5, (id) => id);
    events.control('faults-armed', 'drop:agent2:2');
    const served = await serve(events, 1 << 20, []);
    server = served.server;
    const url = `http://127.0.0.1:${served.port}/events`;
    const reading = readFeed(url, (frames) => frames.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    events.control('faults-cleared', 'every fault disarmed');
    expect((await reading).map((e) => [e.id, e.data.action])).toEqual([[1, 'faults-armed'], [2, 'faults-cleared']]);
    expect((await readFeed(url, (frames) => frames.length >= 1, { 'Last-Event-ID': '1' })).map((e) => e.id)).toEqual([2]);
  });

  test('a page that reads nothing is closed once the limit waits beyond the replay, and said so; the feed goes on', async () => {
    const events = new SimEvents(() => 5, (id) => id);
    const log: string[] = [];
    const served = await serve(events, 64 * 1024, log);
    server = served.server;
    const socket = net.connect(served.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    socket.pause(); // reads nothing from here on
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.listening).toBe(true);

    const big = { notificationType: 'NewMessages', text: 'x'.repeat(10_000) };
    for (let i = 1; i <= 2000 && events.listening; i++) {
      events.notification('u1', big, { seq: i, dueAt: 0, sentAt: 0 }, '/v2/me/facebooksession', 1, []);
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(events.listening).toBe(false);
    expect(log).toEqual([expect.stringMatching(/^closed a dashboard feed whose page reads nothing: \d+ bytes waiting \(limit 65536\)$/)]);
    socket.destroy();
    await closed;
    events.control('faults-cleared', 'every fault disarmed');
    expect(JSON.parse(events.replay().pop()!.json)).toMatchObject({ type: 'control', action: 'faults-cleared' });
  });

  test('pages that never read hold a bounded amount, however big the history: the replay counts, and a page past the limit is closed at once', async () => {
    // 1,000 customer messages of 99 KB and 20 pages that never read took the process from 240 MB to 2.4 GB.
    const events = new SimEvents(() => 5, (id) => id);
    const log: string[] = [];
    const served = await serve(events, undefined, log);
    server = served.server;
    const message = (i: number) => ({ notificationType: 'NewMessages', messages: [{ index: i, text: 'x'.repeat(99_000) }] });
    events.listen(() => {}); // a page that reads: every event's JSON is made, and kept in the history
    for (let i = 1; i <= 300; i++) events.notification('u1', message(i), { seq: i, dueAt: 0, sentAt: 0 }, '/v2/me/facebooksession', 1, []);
    expect(events.historyBytes).toBeLessThanOrEqual(HISTORY_BYTES + 100_000);

    const pages = await Promise.all(Array.from({ length: 20 }, () => neverReads(served.port)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const afterReplay = served.waiting();
    // Each got at most half its limit of history; none was closed for it.
    expect(afterReplay).toBeLessThanOrEqual(20 * (FEED_BUFFER_LIMIT_BYTES / 2 + 100_000));
    expect(log).toEqual([]);

    let most = afterReplay;
    for (let i = 301; i <= 700; i++) {
      events.notification('u1', message(i), { seq: i, dueAt: 0, sentAt: 0 }, '/v2/me/facebooksession', 1, []);
      if (i % 20 === 0) await tick();
      most = Math.max(most, served.waiting());
    }
    // Closed as soon as more than the limit waited: never more than the limit and one event each.
    expect(most).toBeLessThanOrEqual(20 * (FEED_BUFFER_LIMIT_BYTES + 100_000));
    expect(log.length).toBeGreaterThan(0);
    for (const line of log) expect(line).toMatch(/^closed a dashboard feed whose page reads nothing: \d+ bytes waiting \(limit 4194304\)$/);
    expect(events.historyBytes).toBeLessThanOrEqual(HISTORY_BYTES + 100_000);
    for (const page of pages) page.destroy();
  }, 30_000);
});
