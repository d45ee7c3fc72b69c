import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cli, DOCUMENTED_STREAM, killAll, MAIN, ROOT, run, waitUntil } from '../helpers/cli';
import { SESSION_ID } from '../helpers/default-fixture';

const SCRIPTS = ['agent1-removes-agent2.json', 'agents-visibility-refused.json', 'late-agent-gets-its-queue.json'].map((f) => `scenarios/${f}`);
const RUN_MS = 30_000;

let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-run-'));
});
afterEach(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of a shipped script with `edit` applied, in the temporary folder. */
function edited(file: string, edit: (script: any) => void): string {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  edit(script);
  const out = path.join(tmp, path.basename(file));
  fs.writeFileSync(out, JSON.stringify(script, null, 2));
  return out;
}

describe('gws-sim run', () => {
  test('the shipped scripts and the shipped stream file pass: exit 0, a live account and a summary', async () => {
    const result = await run(['run', ...SCRIPTS, 'scenarios/remove-participant-from-conference.json', '--time-scale', '0'], RUN_MS);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/agent1 RemoveParticipantFromConference on 0002EaAY01MT0082: statusCode 0/);
    expect(result.stdout).toMatch(/agent2 +ParticipantLeft +from=ConsultingAgent/);
    expect(result.stdout).toMatch(/✓ agent2: StatusChange, ParticipantLeft, StatusChange, StatusChange/);
    expect(result.stdout).toMatch(/statusCode 3 \(.*visibility.*\)/);
    expect(result.stdout).toMatch(/delivery vs schedule: median -?\d+ ms late, largest -?\d+ ms \(7 notifications\)/);
    expect(result.stdout).toMatch(/4 passed, 0 failed/);
  });

  test('a stream file is checked by playing it: the documentation page to the letter, and the faults scenario', async () => {
    const result = await run(['run', 'scenarios/remove-participant-from-conference.as-documented.json', 'scenarios/faults-dropped-session.json', '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toMatch(/2 passed, 0 failed/);
    expect(result.code).toBe(0);
  });

  test('an edited stream file is checked against itself: the file is played, not the shipped stream', async () => {
    const file = edited('scenarios/remove-participant-from-conference.json', (stream) => {
      stream.templates[Object.keys(stream.templates)[0]].messageType = 'Edited';
    });
    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toContain('✔ passed');
    expect(result.code).toBe(0);
  });

  test('at time scale 1 the stream keeps its schedule: notifications show their delay since the operation', async () => {
    const result = await run(['run', 'scenarios/agent1-removes-agent2.json'], RUN_MS);
    expect(result.code).toBe(0);
    // agent2's last notification is due 460 ms after the server handled the operation, which is a
    // little before its answer reached the runner; at time scale 0 it would come at once.
    const lastDelay = Number(/\+ *(\d+) ms +agent2 +StatusChange +state=Completed/.exec(result.stdout)?.[1]);
    expect(lastDelay).toBeGreaterThanOrEqual(400);
  });

  test('a wrong expectation: exit 1, expected versus received for that agent', async () => {
    const file = edited('scenarios/agent1-removes-agent2.json', (script) => {
      script.steps[1].expect.agent2[2].match['facebooksession.state'] = 'Completed';
      script.steps[1].expect.agent3 = ['Notice'];
    });
    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ agent2:');
    expect(result.stdout).toContain('#3: facebooksession.state: expected "Completed", received "LeftChat"');
    expect(result.stdout).toContain('#1: expected Notice, received nothing');
    expect(result.stdout).toMatch(/✘ failed \(2 failures\)/);
  });

  test('an answer other than the expected one fails the run', async () => {
    const file = edited('scenarios/agents-visibility-refused.json', (script) => {
      script.steps[0].answer = { statusCode: 0 };
    });
    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('statusCode: expected 0, received 3');
  });

  test('--json prints one JSON event per line, from start to end', async () => {
    const result = await run(['run', 'scenarios/agent1-removes-agent2.json', '--time-scale', '0', '--json'], RUN_MS);
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ type: 'start', file: 'scenarios/agent1-removes-agent2.json' });
    expect(events.at(-1)).toMatchObject({ type: 'end', ok: true, failures: [], drift: { count: 7 } });
    expect(events.filter((e) => e.type === 'notification').map((e) => `${e.agent}:${e.kind}`).sort()).toEqual(
      ['agent1:Notice', 'agent1:ParticipantLeft', 'agent1:ParticipantsUpdated', 'agent2:ParticipantLeft', 'agent2:StatusChange', 'agent2:StatusChange', 'agent2:StatusChange'].sort(),
    );
  });

  test('--server runs against a gws-sim already running', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await server.listening();
    const result = await run(['run', ...SCRIPTS, '--server', url], RUN_MS);
    expect(result.stdout).toContain(`on ${url}`);
    expect(result).toMatchObject({ code: 0 });
    // A stream file is checked by playing it: the server plays its own, so it is refused, not failed.
    const stream = await run(['run', DOCUMENTED_STREAM, '--server', url], RUN_MS);
    expect(stream.code).toBe(2);
    expect(stream.stderr).toContain(`${DOCUMENTED_STREAM} is an operation stream: it is checked by a simulator that plays it`);
  });

  test('--server that nobody listens on: exit 1, saying it cannot reach it', async () => {
    const result = await run(['run', SCRIPTS[0], '--server', 'http://127.0.0.1:9'], RUN_MS);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach gws-sim at http:\/\/127\.0\.0\.1:9/);
  });

  test('a file with problems: exit 2 before anything runs, naming file, path and line', async () => {
    const file = edited('scenarios/agent1-removes-agent2.json', (script) => {
      script.steps[0].as = 'agent9';
    });
    const result = await run(['run', SCRIPTS[0], file], RUN_MS);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/\$\.steps\[0\]\.as \(line \d+\): 'agent9' is not one of the script's agents \(agent1, agent2, agent3\)/);
  });
});

describe('gws-sim validate', () => {
  test('valid files: exit 0, one line each', async () => {
    const result = await run(['validate', ...SCRIPTS, 'scenarios/remove-participant-from-conference.json']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(4);
  });

  test('each problem names the file, the JSON path, the line, what was expected and found: exit 1', async () => {
    const file = edited('scenarios/agent1-removes-agent2.json', (script) => {
      script.agents.agent2.transport = 'carrier-pigeon';
      script.steps[1].expect.agent1[0] = { kind: 'Notice', match: { 'messages[x]': 1 } };
      script.steps.push({ sleep: 10 });
    });
    const result = await run(['validate', file, SCRIPTS[1]]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ ${file}:`);
    expect(result.stdout).toMatch(/\$\.agents\.agent2\.transport \(line \d+\): Invalid option: expected one of "websocket"\|"long-polling"/);
    expect(result.stdout).toMatch(/\$\.steps\[1\]\.expect\.agent1\[0\]\.match\["messages\[x\]"\] \(line \d+\): 'messages\[x\]' is not a field path/);
    expect(result.stdout).toMatch(/\$\.steps\[2\] \(line \d+\): expected a step with one of connect, disconnect, perform, offer, customer, notify, wait, expect, fault, expectRequest, found keys sleep/);
    expect(result.stdout).toContain(`✓ ${SCRIPTS[1]}`);
  });

  test('a fault step with a number of 2^53 is a problem like any other (it hung validate for good): exit 1', async () => {
    const file = edited('scenarios/agent1-removes-agent2.json', (script) => {
      script.steps.unshift({ fault: ['drop:agent1:9007199254740992', { kind: 'cut', agent: 'agent2', after: 2 ** 53 }] });
    });
    const result = await run(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\$\.steps\[0\]\.fault\[0\] \(line \d+\): fault 'drop:agent1:9007199254740992': '9007199254740992' is past 1000000000/);
    expect(result.stdout).toMatch(/\$\.steps\[0\]\.fault\[1\] \(line \d+\): fault .*after: at most 1000000000/);
  });
});

describe('gws-sim trigger and listen', () => {
  test('listen prints what trigger causes; trigger exits 0 on statusCode 0 and 1 on a refusal', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await server.listening();
    const listener = new Cli(['listen', '--agent', 'agent2', '--server', url, '--json', '--transport', 'long-polling']);
    await waitUntil(() => listener.stderr.includes('agent2 listening on /v2/notifications') || !listener.running, () => listener.stderr);

    const refused = await run(['trigger', 'RemoveParticipantFromConference', '--agent', 'agent2', '--session', SESSION_ID, '--target', 'agent1', '--server', url]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ statusCode: 3 });

    const done = await run(['trigger', 'RemoveParticipantFromConference', '--agent', 'agent1', '--session', SESSION_ID, '--target', 'agent2', '--server', url]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ statusCode: 0 });

    await waitUntil(() => listener.stdout.trim().split('\n').length >= 4, () => listener.stdout);
    const lines = listener.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.data.notificationType)).toEqual(['StatusChange', 'NewMessages', 'StatusChange', 'StatusChange']);
    expect(lines[0]).toMatchObject({ agent: 'agent2', channel: '/v2/notifications' });
    listener.signal('SIGINT');
    expect(await listener.waitForExit()).toMatchObject({ code: 0 });
  });

  test('trigger --target with an unknown user name names the users there', async () => {
    const server = new Cli(['serve', '--port', '0', '--quiet']);
    const url = await server.listening();
    const result = await run(['trigger', 'RemoveParticipantFromConference', '--agent', 'agent1', '--session', SESSION_ID, '--target', 'agent9', '--server', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--target: no user named 'agent9'");
    expect(result.stderr).toContain('agent1, agent2, agent3');
  });

  test('listen with a wrong password: exit 1 with the reason', async () => {
    const server = new Cli(['serve', '--port', '0', '--quiet']);
    const url = await server.listening();
    const result = await run(['listen', '--agent', 'agent1', '--password', 'nope', '--server', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/agent1 cannot connect to .* over websocket: /);
  });
});

describe('--help', () => {
  test.each([
    ['run', ['--server', '--time-scale', '[default: 1]', '--seed', '--json', 'Exit code: 0 when every expectation holds']],
    ['listen', ['--agent', '--password', '--channel', '[default: "/v2/notifications"]', '--transport', '[default: "websocket"]']],
    ['trigger', ['--agent', '--session', '--target', '[default: "http://127.0.0.1:8090"]']],
    ['validate', ['Exit code: 0 when every file is valid']],
  ])('%s --help lists its options with defaults and examples', async (command, words) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    for (const word of words) expect(result.stdout).toContain(word);
    expect(result.stdout).toContain('Examples:');
  });
});
