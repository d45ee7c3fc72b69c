import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSimulator } from '../../src/simulator';
import { killAll, MAIN, plainEnv, ROOT, run, within } from '../helpers/cli';

/** The exact text a new user sees for each mistake of their first hour (issue 15). */

let tmp: string;
beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-first-hour-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => killAll());

/** A port on which nothing listens (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('gws-sim validate checks what the streams send', () => {
  test('an unknown kind and a field no notification of that kind has: exit 1, with a guess each', async () => {
    const file = path.join(tmp, 'typos.json');
    const expectations = {
      agent1: ['Notice', 'ParticipantUpdated', 'ParticipantLeft'],
      agent2: ['StatusChange', 'ParticipantLeft', { kind: 'StatusChange', match: { 'facebooksesion.state': 'LeftChat' } }, 'StatusChange'],
    };
    const steps = [{ perform: 'RemoveParticipantFromConference', as: 'agent1', session: '0002EaAY01MT0082', target: 'agent2' }, { expect: expectations }];
    fs.writeFileSync(file, JSON.stringify({ agents: { agent1: {}, agent2: {} }, steps }, null, 2));
    const result = await run(['validate', file]);
    expect(result.stdout.split('\n')).toEqual([
      `✗ ${file}:`,
      "  $.steps[1].expect.agent1[1] (line 17): no operation sends a notification of kind 'ParticipantUpdated'; did you mean ParticipantsUpdated? (kinds: AttachedDataChanged, CallRecordingStateChange, ChannelStateChangeMessageV2, CustomNotice, DeviceStateChangeMessage, DtmfSent, NicknameUpdated, Notice, ParticipantJoined, ParticipantLeft, ParticipantsUpdated, PropertiesUpdated, StatusChange, Text, TypingStarted, TypingStopped)",
      '  $.steps[1].expect.agent2[2].match["facebooksesion.state"] (line 26): facebooksesion.state: StatusChange notifications have no \'facebooksesion\'; did you mean facebooksession? (they have: referenceId, notificationType, messageType, facebooksession, chat, call, phoneNumber, extensions)',
      '',
    ]);
    expect(result.code).toBe(1);
  });

  test('the shipped scenarios pass', async () => {
    const files = fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json')).map((f) => path.join('scenarios', f));
    const result = await run(['validate', ...files]);
    expect(result.stdout).not.toContain('✗');
    expect(result.code).toBe(0);
  });
});

describe('usage mistakes', () => {
  test('a scripted scenario given to serve --scenario: run it with gws-sim run', async () => {
    const result = await run(['serve', '--port', '0', '--scenario', 'scenarios/agent1-removes-agent2.json']);
    expect(result.stderr).toBe(
      'gws-sim: cannot start: scenarios/agent1-removes-agent2.json:\n' +
        '  $ (line 1): this is a scripted scenario (it has "steps"); run it with gws-sim run scenarios/agent1-removes-agent2.json. ' +
        '--scenario and scenarios: [...] take operation stream files (with "streams")\n',
    );
    expect(result.code).toBe(2);
  });

  test("an unknown option: the nearest option, once, then the command's own help", async () => {
    const result = await run(['serve', '--time-scal', '0']);
    const [first, blank, usage] = result.stderr.split('\n');
    expect([first, blank, usage]).toEqual(['gws-sim: unknown option --time-scal; did you mean --time-scale?', '', 'gws-sim serve']);
    expect(result.stderr).toMatch(/^\s+--max-sessions-per-agent\s/m);
    expect(result.stderr).not.toMatch(/timeScal/);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  test('--time-scale abc: the value is echoed', async () => {
    const result = await run(['serve', '--time-scale', 'abc']);
    expect(result.stderr).toBe(
      "gws-sim: --time-scale must be a number >= 0 (1 as written, 0.5 twice as fast, 0 at once), got 'abc', which is not a number\n" +
        "Run 'gws-sim serve --help' for usage.\n",
    );
    expect(result.code).toBe(2);
  });

  test('a port in use: try --port 0', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as net.AddressInfo;
      const result = await run(['serve', '--port', String(port)]);
      expect(result.stderr).toBe(
        `gws-sim: cannot start: cannot listen on 127.0.0.1:${port}: the address is already in use (another gws-sim?); choose another port, or port 0 for a free one (serve --port 0)\n`,
      );
      expect(result.code).toBe(1);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('a server that is not running', () => {
  test('listen over websocket says nothing answers there, without CometD noise', async () => {
    const server = `http://127.0.0.1:${await freePort()}`;
    const result = await run(['listen', '--agent', 'agent2', '--server', server]);
    const port = server.split(':')[2];
    expect(result.stderr).toBe(
      `gws-sim: agent2 cannot connect to ${server} over websocket: nothing answers there (connect ECONNREFUSED 127.0.0.1:${port}); is gws-sim running at ${server}?\n`,
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });

  test('trigger names the server and what was asked', async () => {
    const server = `http://127.0.0.1:${await freePort()}`;
    const result = await run(['trigger', 'RemoveParticipantFromConference', '--agent', 'agent1', '--session', '0002EaAY01MT0082', '--target', 'agent2', '--server', server]);
    expect(result.stderr).toBe(
      `gws-sim: cannot perform RemoveParticipantFromConference as agent1 on session 0002EaAY01MT0082: nothing answers at ${server} ` +
        `(connect ECONNREFUSED 127.0.0.1:${server.split(':')[2]}). Is gws-sim running? Start it with 'gws-sim serve', or point --server at a running one\n`,
    );
    expect(result.code).toBe(1);
  });
});

describe('listen --help', () => {
  test('every example line fits 80 columns', async () => {
    const result = await run(['listen', '--help']);
    const examples = result.stdout.slice(result.stdout.indexOf('Examples:'));
    expect(examples).toContain('gws-sim listen --agent agent1 --json | jq .data.notificationType\n');
    for (const line of examples.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('npm start', () => {
  test('kill <pid of npm start> stops the simulator too', async () => {
    // --ignore-scripts skips prestart's build (npm test has built): the start script itself still runs.
    const npm = spawn('npm', ['start', '--ignore-scripts', '--', '--port', '0', '--quiet'], { cwd: ROOT, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise<number | null>((resolve) => npm.on('close', (code) => resolve(code)));
    try {
      let stdout = '';
      const url = await within(
        new Promise<string>((resolve) => {
          npm.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            stdout += chunk;
            const found = /gws-sim listening on (http:\/\/\S+)/.exec(stdout);
            if (found) resolve(found[1]);
          });
        }),
        20_000,
        () => `npm start printed no listening line: ${stdout}`,
      );
      expect((await fetch(`${url}/`)).status).toBe(200);
      npm.kill('SIGTERM');
      await within(closed, 10_000, () => 'npm start did not exit after SIGTERM');
      await expect(fetch(`${url}/`)).rejects.toThrow(); // nothing listens any more
    } finally {
      npm.kill('SIGKILL');
    }
  }, 40_000);
});

describe('GET /', () => {
  test('a browser gets a page pointing to the docs and the endpoints; JSON clients keep the JSON', async () => {
    const sim = await createSimulator({ timeScale: 0, log: () => {} });
    try {
      const page = await fetch(`${sim.url}/`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      for (const text of ['README.md', `${sim.url}/api/v2/notifications`, `${sim.url}/sim/state`, `${sim.url}/api/v2/me`]) expect(html).toContain(text);
      const json = await (await fetch(`${sim.url}/`)).json();
      expect(json).toEqual({ statusCode: 0, name: 'gws-sim', api: `${sim.url}/api/v2`, cometd: `${sim.url}/api/v2/notifications` });
    } finally {
      await sim.close();
    }
  });
});
