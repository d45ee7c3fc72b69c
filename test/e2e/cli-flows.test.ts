import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REGISTRY } from '../../src/gws/operations/registry';
import { streamFileOf } from '../../src/scenario/loader';
import { killAll, MAIN, ROOT, run } from '../helpers/cli';

const FLOWS = ['facebook-arrival-to-complete', 'facebook-consult-remove-complete', 'facebook-reject', 'facebook-transfer'].map((f) => `scenarios/${f}.json`);
const CHAT_FLOWS = ['chat-arrival-to-complete', 'chat-consult-remove-complete', 'chat-reject', 'chat-transfer'].map((f) => `scenarios/${f}.json`);
/** Every operation's stream file, as the simulator looks it up: one per operation of the registry (and medium). */
const STREAMS = REGISTRY.map((o) => path.relative(ROOT, streamFileOf(o)));
const RUN_MS = 60_000;

let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-flows-'));
});
afterEach(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('gws-sim run of the Facebook and chat flows, the agent\'s day and the operation stream files', () => {
  test('the four flow scenarios pass: exit 0', async () => {
    const result = await run(['run', ...FLOWS, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toContain(`${FLOWS.length} passed, 0 failed`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/agent1 Accept on arrival: statusCode 0/);
  });

  test('every operation of the registry has a stream file, and each passes when played: exit 0', async () => {
    expect(STREAMS).toEqual(
      expect.arrayContaining(['scenarios/accept.json', 'scenarios/remove-participant-from-conference.json', 'scenarios/offer.json', 'scenarios/customer-leave.json', 'scenarios/chat/accept.json', 'scenarios/agent/ready.json']),
    );
    expect(new Set(STREAMS).size).toBe(STREAMS.length);
    for (const file of STREAMS) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    const result = await run(['run', ...STREAMS, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toContain(`${STREAMS.length} passed, 0 failed`);
    expect(result.code).toBe(0);
    for (const file of STREAMS) expect(result.stdout).toContain(`▶ ${file} on http://127.0.0.1:`);
  });

  test("the chat flows and the agent's day pass: exit 0", async () => {
    const result = await run(['run', ...CHAT_FLOWS, 'scenarios/agent-day.json', '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toContain(`${CHAT_FLOWS.length + 1} passed, 0 failed`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/agent1 Reject on arrival: statusCode 0/);
    expect(result.stdout).toMatch(/customer offers session bob \(chat\) to a Ready agent \(agent2\): statusCode 0/);
    expect(result.stdout).toMatch(/agent2 Ready on channel chat: statusCode 0/);
    expect(result.stdout).toMatch(/ChannelStateChangeMessageV2 chat=LoggedOut/);
  });

  test("the agent's day with a wrong expectation fails, naming the channel state that differed", async () => {
    const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios/agent-day.json'), 'utf8'));
    const onBreak = script.steps[15].expect.agent2[0];
    expect(onBreak.match['channels[0].userState.reason']).toBe('End of shift'); // the step this case edits
    onBreak.match['channels[0].userState.reason'] = 'Lunch';
    const file = path.join(tmp, 'agent-day.json');
    fs.writeFileSync(file, JSON.stringify(script, null, 2));

    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('#1: channels[0].userState.reason: expected "Lunch", received "End of shift"');
  });

  test('a flow with a wrong expectation: exit 1, naming the agent, the notification and what differed', async () => {
    const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios/facebook-reject.json'), 'utf8'));
    const rejected = script.steps[2].expect.agent1[1];
    expect(rejected.match['facebooksession.state']).toBe('Completed'); // the step this case edits
    rejected.match['facebooksession.state'] = 'Chatting';
    const file = path.join(tmp, 'facebook-reject.json');
    fs.writeFileSync(file, JSON.stringify(script, null, 2));

    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ agent1:');
    expect(result.stdout).toContain('#2: facebooksession.state: expected "Chatting", received "Completed"');
    expect(result.stdout).toMatch(/✘ failed \(1 failure\)/);
  });
});
