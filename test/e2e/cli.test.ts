import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TestAgent } from '../helpers/agent';
import { Cli, DOCUMENTED_STREAM, killAll, LISTENING, MAIN, plainEnv, ROOT, run, SHIPPED_STREAM } from '../helpers/cli';
import { AGENT1_ID, AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { basic } from '../helpers/rest';
import { documentedStreams } from '../helpers/seed';

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

async function getMe(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/v2/me`, { headers: { Authorization: basic('agent1', 'agent1') } });
  return { status: response.status, body: (await response.json()) as any };
}

let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-cli-'));
});

afterEach(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('gws-sim serve', () => {
  test('prints "gws-sim listening on <url>" first, then "dashboard: <url>/", and nothing else on stdout; serves the API there', async () => {
    const cli = new Cli(['serve', '--port', '0', '--time-scale', '0']);
    const url = await cli.listening();
    expect(Number(LISTENING.exec(`gws-sim listening on ${url}`)![1])).toBeGreaterThan(0);

    const me = await getMe(url);
    expect(me.status).toBe(200);
    expect(me.body.statusCode).toBe(0);
    expect(me.body.user).toMatchObject({ id: AGENT1_ID, userName: 'agent1', uri: `${url}/api/v2/users/${AGENT1_ID}` });

    cli.signal('SIGTERM');
    expect(await cli.waitForExit()).toEqual({ code: 0, signal: null });
    expect(cli.stdout).toBe(`gws-sim listening on ${url}\ndashboard: ${url}/\n`);
  });

  test.each(['SIGTERM', 'SIGINT'] as const)('%s stops it promptly with exit code 0, even with a client connected', async (signal) => {
    const cli = new Cli(['serve', '--port', '0', '--time-scale', '0']);
    const url = await cli.listening();
    expect((await getMe(url)).status).toBe(200); // fetch keeps the connection alive
    cli.signal(signal);
    expect(await cli.waitForExit(3_000)).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/api/v2/me`)).rejects.toThrow();
  });

  test('--quiet keeps stderr free of request logs', async () => {
    const cli = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await cli.listening();
    const response = await fetch(`${url}/api/v2/me/facebooksessions/0002EaAY01MT0082`, {
      method: 'POST',
      headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
    });
    expect(response.status).toBe(200);
    cli.signal('SIGTERM');
    expect((await cli.waitForExit()).code).toBe(0);
    expect(cli.stderr).toBe('');
  });

  test('without --quiet, an operation is logged on stderr, not stdout', async () => {
    const cli = new Cli(['serve', '--port', '0', '--time-scale', '0']);
    const url = await cli.listening();
    await fetch(`${url}/api/v2/me/facebooksessions/0002EaAY01MT0082`, {
      method: 'POST',
      headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
    });
    cli.signal('SIGTERM');
    expect((await cli.waitForExit()).code).toBe(0);
    expect(cli.stderr).toMatch(/agent1 RemoveParticipantFromConference on 0002EaAY01MT0082: statusCode 0/);
    expect(cli.stdout.trim().split('\n')).toEqual([`gws-sim listening on ${url}`, `dashboard: ${url}/`]);
  });

  test('--scenario replaces the stream: a real CometD client receives the page to the letter', async () => {
    const cli = new Cli(['serve', '--scenario', DOCUMENTED_STREAM, '--port', '0', '--time-scale', '0']);
    const url = await cli.listening();
    const agent2 = await TestAgent.login(url, 'websocket', 'agent2');
    try {
      expect((await agent2.subscribe('/v2/notifications')).successful).toBe(true);
      const response = await fetch(`${url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
        method: 'POST',
        headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' },
        body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
      });
      expect(await response.json()).toEqual({ statusCode: 0 });
      const got = await agent2.waitFor(4);
      expect(got.map((m) => m.data)).toEqual(documentedStreams().agent2);
    } finally {
      await agent2.disconnect();
    }
  });

  test('--time-scale reaches the simulator', async () => {
    const cli = new Cli(['serve', '--port', '0', '--time-scale', '0.25']);
    const url = await cli.listening();
    const state = (await (await fetch(`${url}/sim/state`)).json()) as { state: { timeScale: number } };
    expect(state.state.timeScale).toBe(0.25);
  });

  test('--fixture with a valid file serves that fixture', async () => {
    const fixture = path.join(tmp, 'fixture.json');
    fs.writeFileSync(
      fixture,
      JSON.stringify({
        users: [{ id: 'u1', userName: 'solo', password: 'pw', firstName: 'Solo', lastName: 'Agent' }],
        facebooksessions: [],
      }),
    );
    const cli = new Cli(['serve', '--port', '0', '--fixture', fixture]);
    const url = await cli.listening();
    const response = await fetch(`${url}/api/v2/me`, { headers: { Authorization: basic('solo', 'pw') } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).user.id).toBe('u1');
    expect((await getMe(url)).status).toBe(401); // agent1 is not in this fixture
  });
});

describe('gws-sim serve refuses to start', () => {
  test('a scenario file with an invalid step: exit 2, naming the file and the JSON path', async () => {
    const stream = JSON.parse(fs.readFileSync(SHIPPED_STREAM, 'utf8'));
    stream.streams.caller[0].afterMs = -1;
    const file = path.join(tmp, 'bad-stream.json');
    fs.writeFileSync(file, JSON.stringify(stream, null, 2));

    const result = await run(['serve', '--port', '0', '--scenario', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('$.streams.caller[0].afterMs');
  });

  test('a scenario file that is not JSON: exit 2, naming the file', async () => {
    const file = path.join(tmp, 'not-json.json');
    fs.writeFileSync(file, '{ "operation": ');
    const result = await run(['serve', '--port', '0', '--scenario', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/not valid JSON/);
  });

  test('a missing fixture file: exit 2, naming the file', async () => {
    const file = path.join(tmp, 'no-such-fixture.json');
    const result = await run(['serve', '--port', '0', '--fixture', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(file);
  });

  test('an invalid fixture file: exit 2, naming the file and the JSON path', async () => {
    const file = path.join(tmp, 'bad-fixture.json');
    fs.writeFileSync(file, JSON.stringify({ users: [{ id: 'bad id!', userName: 'x', password: 'x', firstName: '', lastName: '' }], facebooksessions: [] }));
    const result = await run(['serve', '--port', '0', '--fixture', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('$.users[0].id');
  });

  test.each([
    ['--port abc', ['serve', '--port', 'abc'], /--port must be an integer from 0 to 65535, got 'abc', which is not a number/],
    ['--port 70000', ['serve', '--port', '70000'], /--port/],
    ['--time-scale -1', ['serve', '--port', '0', '--time-scale', '-1'], /--time-scale/],
    ['--time-scale abc', ['serve', '--port', '0', '--time-scale', 'abc'], /--time-scale must be a number >= 0 .*, got 'abc', which is not a number/],
    ['--seed 1.5', ['serve', '--port', '0', '--seed', '1.5'], /--seed must be an integer, got 1.5/],
    ['a bad --fault', ['serve', '--port', '0', '--fault', 'drop:agent2'], /--fault/],
    // Past 2^53 counting stopped moving: serve never reached its listening line.
    ['a --fault number of 2^53', ['serve', '--port', '0', '--fault', 'drop:agent1:9007199254740992'], /--fault 'drop:agent1:9007199254740992': '9007199254740992' is past 1000000000/],
    ['--max-interactions 0', ['serve', '--port', '0', '--max-interactions', '0'], /--max-interactions must be an integer from 1 to 1000000, got 0/],
    ['--max-message-bytes abc', ['serve', '--port', '0', '--max-message-bytes', 'abc'], /--max-message-bytes must be an integer from 1 to 102400, got 'abc', which is not a number/],
    ['a --fault range near 2^53', ['serve', '--port', '0', '--fault', 'delay:agent1:9007199254740990-9007199254740999:5'], /is past 1000000000/],
    ['--redis that is not redis://', ['serve', '--port', '0', '--redis', 'http://127.0.0.1:6379'], /--redis "http:\/\/127\.0\.0\.1:6379" is not a redis:\/\/ URL .*expected redis:\/\/HOST:PORT/],
    ['run --time-scale -1', ['run', 'scenarios/agent1-removes-agent2.json', '--time-scale', '-1'], /--time-scale must be a number >= 0/],
    ['run --server ftp://x', ['run', 'scenarios/agent1-removes-agent2.json', '--server', 'ftp://x'], /--server must be an http\(s\) URL/],
    ['run with no file', ['run'], /Not enough non-option arguments/],
    ['trigger of an unknown operation', ['trigger', 'Dance', '--agent', 'a', '--session', 's'], /Invalid values:[\s\S]*Dance/],
    ['listen without --agent', ['listen'], /Missing required argument: agent/],
    ['an unknown command', ['frobnicate'], /frobnicate/],
    ['no command', [], /serve/],
  ])('%s: exit 2 with a one-paragraph message', async (_name, args, mentions) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^gws-sim: /);
    expect(result.stderr).toMatch(mentions);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(result.stderr.length).toBeLessThan(2_000);
  });

  test('--redis where no Redis listens: exit 1, saying which and what to do', async () => {
    const nobody = net.createServer();
    await new Promise<void>((resolve) => nobody.listen(0, '127.0.0.1', resolve));
    const port = (nobody.address() as net.AddressInfo).port;
    await new Promise((resolve) => nobody.close(resolve));
    const result = await run(['serve', '--port', '0', '--redis', `redis://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^gws-sim: cannot start: cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*Start it first`));
  });

  test('a port already taken: non-zero exit, saying the address is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const result = await run(['serve', '--port', String(port)]);
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/address is already in use|EADDRINUSE/i);
      expect(result.stderr).toContain(String(port));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('gws-sim --help', () => {
  test('--help: exit 0, names the serve command', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/gws-sim serve/);
    expect(result.stdout).toMatch(/--help/);
  });

  test('serve --help: exit 0, lists every option with its default', async () => {
    const result = await run(['serve', '--help']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const lineOf = (option: string) => lines.find((l) => new RegExp(`^\\s*${option}\\b`).test(l)) ?? '';
    expect(lineOf('--port')).toMatch(/\[default: 8090\]/);
    expect(lineOf('--host')).toMatch(/\[default: "127\.0\.0\.1"\]/);
    expect(lineOf('--fixture')).toMatch(/fixture/i);
    expect(lineOf('--scenario')).toMatch(/stream/i);
    // --time-scale's description wraps: its default follows on the next line
    const timeScale = lines.findIndex((l) => /^\s*--time-scale\b/.test(l));
    expect(timeScale).toBeGreaterThanOrEqual(0);
    expect(lines.slice(timeScale, timeScale + 2).join(' ')).toMatch(/\[default: 1\]/);
  });
});

describe('npx gws-sim', () => {
  test('runs the built CLI from the clone after npm ci', () => {
    // A cache of its own, offline: what a fresh clone gets, whatever this machine's npx cache holds.
    const result = spawnSync('npx', ['gws-sim', '--version'], {
      cwd: ROOT,
      env: plainEnv({ npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_offline: 'true' }),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    expect({ status: result.status, stdout: result.stdout.trim() }).toEqual({ status: 0, stdout: VERSION });
  }, 70_000);
});
