import http from 'node:http';
import net from 'node:net';
import { guardServer } from '../../../src/http/server-guard';

/** The guard on a bare http.Server, with a stand-in for faye's listeners. */
const MOUNT = '/bayeux';
let server: http.Server;
let guard: ReturnType<typeof guardServer>;
const seen: string[] = [];
const logged: string[] = [];
let port: number;

beforeEach(async () => {
  seen.length = 0;
  logged.length = 0;
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body.length}`);
      res.end('[]');
    });
  });
  // A stand-in for faye's websocket: accepts, then writes without end.
  server.on('upgrade', (_req, socket: net.Socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 1);
    const flood = setInterval(() => (socket.writable ? socket.write(chunk) : clearInterval(flood)), 5);
    socket.on('close', () => clearInterval(flood));
  });
  guard = guardServer(server, { mount: MOUNT, log: (line) => logged.push(line), bayeuxBodyLimitBytes: 1000, websocketBufferLimitBytes: 256 * 1024 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterEach(async () => {
  guard.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: MOUNT, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a Bayeux body within the limit reaches faye whole, read once', async () => {
  const body = JSON.stringify([{ channel: '/meta/handshake', pad: 'x'.repeat(500) }]);
  expect(await post(body)).toEqual({ status: 200, text: '[]' });
  expect(seen).toEqual([`POST ${MOUNT} ${body.length}`]);
});

test('a chunked body (no Content-Length) past the limit is refused without reaching faye', async () => {
  const response = await post(JSON.stringify([{ pad: 'x'.repeat(5000) }]), { 'Transfer-Encoding': 'chunked' });
  expect(response.status).toBe(413);
  expect(JSON.parse(response.text)[0].error).toMatch(/^413::/);
  expect(seen).toEqual([]);
});

test('other paths pass untouched, whatever their size', async () => {
  await new Promise<void>((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v2/me' }, (res) => res.resume().on('end', resolve));
    req.end('x'.repeat(5000));
  });
  expect(seen).toEqual(['POST /api/v2/me 5000']);
});

test('a websocket whose client reads nothing is closed as the write that passes the limit is queued', async () => {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(`GET ${MOUNT} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  socket.pause(); // never reads
  while (!logged.some((line) => line.startsWith('closed a websocket whose client reads nothing'))) await new Promise((resolve) => setTimeout(resolve, 50));
  // At most the limit and the one write that passed it (64 kB) waited: not what a periodic check lets pile up.
  const waiting = Number(/: (\d+) bytes waiting/.exec(logged.find((line) => line.startsWith('closed a websocket whose client reads nothing'))!)![1]);
  expect(waiting).toBeGreaterThan(256 * 1024);
  expect(waiting).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  // Reading again, the client finds its connection closed.
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.on('error', () => {}).resume();
  await closed;
}, 15_000);

/** Sends a websocket upgrade to `path` and resolves with all the server wrote before it closed the socket. */
function upgrade(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject).on('close', () => resolve(text));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
}

test('a websocket upgrade to another path is answered 404 with a GWS body and closed, not left hanging', async () => {
  const answer = await upgrade('/api/v2/me');
  expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  expect(JSON.parse(answer.split('\r\n\r\n')[1])).toEqual({ statusCode: 6, statusMessage: `No websocket is served at /api/v2/me; CometD's is at ${MOUNT}.` });
});
