import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cli, killAll, MAIN, ROOT, run } from '../helpers/cli';
import { SESSION_ID } from '../helpers/default-fixture';
import { basic } from '../helpers/rest';

/** The request journal from the command line: expectRequest steps in `gws-sim run` and `validate`, and `gws-sim requests`. */
const EXAMPLE = 'scenarios/chat-desktop-requests.json';
const RUN_MS = 30_000;
let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-requests-'));
});
afterEach(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the shipped example with `edit` applied. */
function edited(edit: (script: any) => void): string {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
  edit(script);
  const out = path.join(tmp, 'edited.json');
  fs.writeFileSync(out, JSON.stringify(script, null, 2));
  return out;
}

describe('expectRequest steps', () => {
  test('the shipped example passes: each step says what matched', async () => {
    const result = await run(['run', EXAMPLE, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toMatch(/✓ requests agent=agent1 channel=\/meta\/subscribe subscription=\/v2\/notifications successful=true: 1\n/);
    expect(result.stdout).toMatch(/✓ requests agent=agent1 operation=Accept session=\S+ params=\{"nickname":"Agent One"\} statusCode=0: 1\/1\n/);
    expect(result.stdout).toMatch(/✓ requests agent=agent1 operation=Complete: 0\/0\n/);
    expect(result).toMatchObject({ code: 0 });
  });

  test('a request that differs fails the run after its time, naming the closest and what differed; --json says it too', async () => {
    const file = edited((script) => {
      script.steps[4].expectRequest.params.nickname = 'Agent Two';
      script.steps[4].timeoutMs = 300;
    });
    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toMatch(
      /✗ requests: expected exactly 1 request matching agent=agent1 operation=Accept session=\S+ params=\{"nickname":"Agent Two"\} statusCode=0, found 0 \(of \d+ journaled\); the closest:\n {4} {2}#\d+ \S+ agent1 POST \/api\/v2\/me\/chats\/\S+ Accept: HTTP 200, statusCode 0\n {4} {6}params\.nickname: expected "Agent Two", received "Agent One"\n/,
    );
    expect(result.stdout).toContain('✘ failed (1 failure)');
    expect(result.code).toBe(1);

    const json = await run(['run', file, '--time-scale', '0', '--json'], RUN_MS);
    const events = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.find((e) => e.type === 'requests' && !e.ok)).toMatchObject({ found: 0, times: 1, message: expect.stringContaining('params.nickname: expected "Agent Two", received "Agent One"') });
    expect(json.code).toBe(1);
  });

  test('too many is a failure too: times counts exactly', async () => {
    const file = edited((script) => {
      script.steps.splice(5, 1, { expectRequest: { agent: 'agent1', type: 'rest' }, times: 5, timeoutMs: 200 });
    });
    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toMatch(/✗ requests: expected exactly 5 requests matching type=rest agent=agent1, found 1 /);
    expect(result.code).toBe(1);
  });

  test('validate knows the step: an unknown filter, a REST field with a Bayeux one, an unknown agent or operation', async () => {
    expect((await run(['validate', EXAMPLE], RUN_MS)).code).toBe(0);
    const mixed = edited((script) => {
      script.steps[0].expectRequest.method = 'GET';
    });
    const result = await run(['validate', mixed], RUN_MS);
    expect(result.stdout).toMatch(/\$\.steps\[0\]\.expectRequest \(line \d+\): method is a field of REST requests and channel one of Bayeux messages/);
    expect(result.code).toBe(1);

    const unknown = edited((script) => {
      script.steps[5].expectRequest.operation = 'Complet';
    });
    const named = await run(['validate', unknown], RUN_MS);
    expect(named.stdout).toMatch(/\$\.steps\[5\]\.expectRequest\.operation \(line \d+\): expected an operation gws-sim performs \(.*Complete.*\), found 'Complet'/);
    expect(named.code).toBe(1);

    const nobody = edited((script) => {
      script.steps[4].expectRequest.agent = 'agent9';
    });
    expect((await run(['validate', nobody], RUN_MS)).stdout).toMatch(/\$\.steps\[4\]\.expectRequest\.agent \(line \d+\): no user 'agent9' in the fixture; its users: agent1, agent2/);
  });

  test('against a running gws-sim (--server) the steps read its journal over /sim/requests', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0']);
    const url = await server.listening();
    const result = await run(['run', EXAMPLE, '--server', url], RUN_MS);
    expect(result.stdout).toMatch(/✓ requests agent=agent1 operation=Accept session=\S+ params=\{"nickname":"Agent One"\} statusCode=0: 1\/1\n/);
    expect(result.code).toBe(0);
  });
});

describe('gws-sim requests', () => {
  test('prints the journal of a running gws-sim, one request per line; --agent filters, --json is NDJSON', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--journal-entries', '100']);
    const url = await server.listening();
    const agent1 = { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' };
    await fetch(`${url}/api/v2/me?subresources=*`, { headers: agent1 });
    await fetch(`${url}/api/v2/me/facebooksessions/${SESSION_ID}`, { method: 'POST', headers: agent1, body: JSON.stringify({ operationName: 'SendMessage', text: 'Hi' }) });
    await fetch(`${url}/api/v2/me`, { headers: { Authorization: basic('agent2', 'wrong') } });

    const text = await run(['requests', '--server', url]);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^#1 \S+ agent1 GET \/api\/v2\/me: HTTP 200, statusCode 0$/),
      expect.stringMatching(new RegExp(`^#2 \\S+ agent1 POST /api/v2/me/facebooksessions/${SESSION_ID} SendMessage: HTTP 200, statusCode 0 \\{"operationName":"SendMessage","text":"Hi"\\}$`)),
      expect.stringMatching(/^#3 \S+ \(no agent\) GET \/api\/v2\/me: HTTP 401, statusCode 20$/),
    ]);
    expect(text.code).toBe(0);

    const json = await run(['requests', '--server', url, '--agent', 'agent1', '--json']);
    expect(json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).path)).toEqual(['/api/v2/me', `/api/v2/me/facebooksessions/${SESSION_ID}`]);
  });

  test('says what to do when nothing answers, and refuses a bad --journal-entries', async () => {
    const result = await run(['requests', '--server', 'http://127.0.0.1:9']);
    expect(result.stderr).toMatch(/gws-sim: cannot read the journal: nothing answers at http:\/\/127\.0\.0\.1:9 .*Start it with 'gws-sim serve'/);
    expect(result.code).toBe(1);
    const bad = await run(['serve', '--journal-entries', 'lots']);
    expect(bad.stderr).toContain("--journal-entries must be an integer from 10 to 1000000, got 'lots', which is not a number");
    expect(bad.code).toBe(2);
  });
});
