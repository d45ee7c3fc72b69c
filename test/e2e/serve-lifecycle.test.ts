import net from 'node:net';
import { TestAgent } from '../helpers/agent';
import { Cli, killAll, run } from '../helpers/cli';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { basic } from '../helpers/rest';

/** `gws-sim serve` (dist/cli/main.js, built by `npm test`): shutdown with clients, the security options. */
afterEach(() => killAll());

describe('shutdown', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s with clients on both transports and notifications pending: exit 0, clients cut off, nothing more delivered',
    async (signal) => {
      // At time scale 1 the shipped stream spreads the notifications over a few hundred ms.
      const cli = new Cli(['serve', '--port', '0', '--time-scale', '20', '--quiet']);
      const url = await cli.listening();
      const agents = [await TestAgent.login(url, 'websocket', 'agent2'), await TestAgent.login(url, 'long-polling', 'agent1')];
      try {
        for (const agent of agents) expect((await agent.subscribe('/v2/notifications')).successful).toBe(true);
        const operation = await fetch(`${url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
          method: 'POST',
          headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' },
          body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
        });
        expect(await operation.json()).toEqual({ statusCode: 0 });
        const state = (await (await fetch(`${url}/sim/state`)).json()) as { state: { pendingStreams: number } };
        expect(state.state.pendingStreams).toBeGreaterThan(0);

        const started = Date.now();
        cli.signal(signal);
        expect(await cli.waitForExit(3_000)).toEqual({ code: 0, signal: null });
        const tookMs = Date.now() - started;
        console.info(`${signal}: exited ${tookMs} ms after the signal`);
        // The bound: gws-sim forces its exit at 800 ms; a clean stop takes about 15 ms.
        expect(tookMs).toBeLessThan(1000);
        await expect(fetch(`${url}/api/v2/me`)).rejects.toThrow();
        const received = agents.map((a) => a.inbox.length);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(agents.map((a) => a.inbox.length)).toEqual(received);
        expect(cli.stderr).not.toMatch(/\n\s+at /); // no stack trace
      } finally {
        // The server is gone: disconnect stops the clients' reconnect attempts.
        await Promise.all(agents.map((a) => a.disconnect()));
      }
    },
  );
});

describe('start-up refusals: exit 2, a message, no stack trace', () => {
  test.each([
    [['--max-sessions-per-agent', '0'], '--max-sessions-per-agent must be an integer >= 1'],
    [['--max-websockets', '0'], '--max-websockets must be an integer from 1 to 100000, got 0'],
    [['--max-websockets-per-address', 'many'], "--max-websockets-per-address must be an integer from 1 to 100000, got 'many', which is not a number"],
    [['--max-interactions', 'many'], "--max-interactions must be an integer from 1 to 1000000, got 'many', which is not a number"],
    [['--allow-origin', 'desktop.example'], '--allow-origin must be an origin'],
    [['--admin-token', 'short'], '--admin-token must be at least 8 characters'],
    [['--fixture', 'no-such-fixture.json'], 'no-such-fixture.json'],
  ])('serve %j', async (args, message) => {
    const result = await run(['serve', '--port', '0', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('security options', () => {
  test('--admin-token: /sim needs it, said at start-up; --csrf: a POST needs X-CSRF-TOKEN and the session cookie', async () => {
    const cli = new Cli(['serve', '--port', '0', '--admin-token', 'e2e-s3cret', '--csrf']);
    const url = await cli.listening();
    expect((await fetch(`${url}/sim/state`)).status).toBe(401);
    expect((await fetch(`${url}/sim/state`, { headers: { Authorization: 'Bearer e2e-s3cret' } })).status).toBe(200);
    const me = await fetch(`${url}/api/v2/me`, { headers: { Authorization: basic('agent1', 'agent1') } });
    const token = me.headers.get('x-csrf-token')!;
    const cookie = me.headers.getSetCookie()[0].split(';')[0];
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
        method: 'POST',
        headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'X-CSRF-TOKEN': token })).status).toBe(403); // GWS: without the session cookie, the same 403
    expect(await (await post({ 'X-CSRF-TOKEN': token, Cookie: cookie })).json()).toEqual({ statusCode: 0 });
    cli.signal('SIGTERM');
    expect((await cli.waitForExit()).code).toBe(0);
    expect(cli.stderr).toContain('/sim/* needs the --admin-token');
    expect(cli.stderr).toContain(`open the dashboard once as ${url}/?token=<token>`);
  });
});

describe('a peer that resets its connection', () => {
  test.each(['/elsewhere', '//', '/api/v2/notifications'])(
    'right after a websocket upgrade to %s does not kill the server',
    async (path) => {
      const cli = new Cli(['serve', '--port', '0', '--quiet']);
      const url = await cli.listening();
      const { port } = new URL(url);
      for (let i = 0; i < 10; i++) {
        const socket = net.connect(Number(port), '127.0.0.1');
        await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
        socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
        await new Promise((resolve) => setTimeout(resolve, i % 3));
        socket.resetAndDestroy();
      }
      const me = await fetch(`${url}/api/v2/me`, { headers: { Authorization: basic('agent1', 'agent1') } });
      expect(me.status).toBe(200);
      expect(cli.running).toBe(true);
      expect(cli.stderr).not.toMatch(/ECONNRESET/);
    },
  );
});
