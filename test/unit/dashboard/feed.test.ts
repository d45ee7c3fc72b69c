import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { eventFeed } from '../../../src/dashboard/feed';
import { SimEvents } from '../../../src/events';
import { readFeed } from '../../helpers/feed';

/** GET /sim/events on a bare server, with a small buffer limit. */
async function serve(events: SimEvents, bufferLimitBytes: number, log: string[]) {
  const app = express();
  app.get('/events', eventFeed(events, { log: (line) => log.push(line), bufferLimitBytes }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

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
    expect(log).toEqual([expect.stringMatching(/^closed a dashboard feed whose page reads nothing: \d+ bytes waiting \(limit 65536 beyond the replay\)$/)]);
    socket.destroy();
    await closed;
    events.control('faults-cleared', 'every fault disarmed');
    expect(JSON.parse(events.replay().pop()!.json)).toMatchObject({ type: 'control', action: 'faults-cleared' });
  });
});
