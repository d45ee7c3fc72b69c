import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cli, killAll, MAIN, ROOT, run, waitUntil } from '../helpers/cli';

const SCRIPTS = ['voice-inbound', 'voice-internal', 'voice-outbound-refused', 'voice-consult-transfer', 'voice-consult-cancel', 'voice-conference', 'voice-transfer-to-queue'].map((f) => `scenarios/${f}.json`);
const RUN_MS = 60_000;

let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-voice-'));
});
afterEach(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const json = (result: { stdout: string }) => JSON.parse(result.stdout);

describe('gws-sim trigger and customer on calls and phones', () => {
  test('a call from ring to hang-up: customer offer --media voice, trigger on its connId, Dial --destination, do-not-disturb on the device', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await server.listening();
    const at = ['--server', url];
    const listener = new Cli(['listen', '--agent', 'agent2', '--server', url, '--json', '--channel', '/v2/me/calls']);
    await waitUntil(() => listener.stderr.includes('agent2 listening on /v2/me/calls') || !listener.running, () => listener.stderr);

    const offered = await run(['customer', 'offer', '--media', 'voice', '--from', '+14155550100', '--to', 'agent2', ...at]);
    expect(offered.code).toBe(0);
    const { id: connId } = json(offered);
    // The connId: trigger posts to agent2's own call id there; --media is found on the server.
    for (const operation of ['Answer', 'Hold', 'Retrieve']) {
      const result = await run(['trigger', operation, '--agent', 'agent2', '--session', connId, ...at]);
      expect([operation, result.code, json(result)]).toEqual([operation, 0, { statusCode: 0 }]);
    }
    const data = await run(['trigger', 'AttachUserData', '--agent', 'agent2', '--session', connId, '--media', 'voice', '--userData', '{"AccountNumber":"12345"}', ...at]);
    expect(json(data)).toEqual({ statusCode: 0 });
    // An agent the call never reached: GWS's 6 for the connId it was given.
    const outsider = await run(['trigger', 'Hold', '--agent', 'agent1', '--session', connId, ...at]);
    expect([outsider.code, json(outsider).statusCode]).toEqual([1, 6]);

    const say = await run(['customer', 'say', connId, '--text', 'Hi', ...at]);
    expect(say.code).toBe(1);
    expect(say.stderr).toContain(`gws-sim: customer say: ${connId} is a call (--media voice); the customer of a call can: hangup, answer, refuse`);
    expect(json(await run(['customer', 'hangup', connId, ...at]))).toEqual({ statusCode: 0 });

    await waitUntil(() => listener.stdout.trim().split('\n').length >= 6, () => listener.stdout);
    const lines = listener.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.data.notificationType, l.data.call.state, l.data.call.connId])).toEqual(
      ['Ringing', 'Established', 'Held', 'Established'].map((state) => ['StatusChange', state, connId]).concat([['AttachedDataChanged', 'Established', connId], ['StatusChange', 'Released', connId]]),
    );
    listener.signal('SIGINT');
    expect(await listener.waitForExit()).toMatchObject({ code: 0 });

    expect(json(await run(['trigger', 'DoNotDisturbOn', '--agent', 'agent2', ...at]))).toEqual({ statusCode: 0 });
    const busy = await run(['trigger', 'Dial', '--agent', 'agent1', '--destination', '7002', ...at]);
    expect([busy.code, json(busy)]).toEqual([1, { statusCode: 2, statusMessage: "Cannot Dial 7002: agent2's phone is on do-not-disturb (DoNotDisturbOff ends it)." }]);
    expect(json(await run(['trigger', 'DoNotDisturbOff', '--agent', 'agent2', ...at]))).toEqual({ statusCode: 0 });
    expect(json(await run(['trigger', 'Dial', '--agent', 'agent1', '--destination', '7002', ...at]))).toEqual({ statusCode: 0 });
    expect(json(await run(['trigger', 'Dial', '--agent', 'agent3', '--destination', '{"phoneNumber":"+33123456789"}', ...at]))).toEqual({ statusCode: 0 });
    // The customer's side also takes an agent's own call id, for the call's connId.
    const lastCall = async (): Promise<any> => ((await (await fetch(`${url}/sim/state`)).json()) as any).state.calls.at(-1);
    expect(json(await run(['customer', 'hangup', (await lastCall()).legs.agent3.id, ...at]))).toEqual({ statusCode: 0 });
    expect((await lastCall()).agentStates).toEqual({ agent3: 'Released' });
  }, 90_000); // about twenty CLI processes, each a Node start-up

  test('a consultation and a transfer: InitiateTransfer names the consultation call on stderr, every party acts on it by its connId, CompleteTransfer takes it as --consultCallUri', async () => {
    const server = new Cli(['serve', '--port', '0', '--time-scale', '0', '--quiet']);
    const url = await server.listening();
    const at = ['--server', url];
    const listener = new Cli(['listen', '--agent', 'agent2', '--server', url, '--json', '--channel', '/v2/me/calls']);
    await waitUntil(() => listener.stderr.includes('agent2 listening on /v2/me/calls') || !listener.running, () => listener.stderr);

    const { id: original } = json(await run(['customer', 'offer', '--media', 'voice', '--from', '+14155550100', '--to', 'agent1', ...at]));
    expect(json(await run(['trigger', 'Answer', '--agent', 'agent1', '--session', original, ...at]))).toEqual({ statusCode: 0 });
    const initiated = await run(['trigger', 'InitiateTransfer', '--agent', 'agent1', '--session', original, '--destination', '7002', ...at]);
    expect([initiated.code, json(initiated)]).toEqual([0, { statusCode: 0 }]);
    const consultation = /agent1's consultation call: connId (\S+) \(every party's --session for it\)/.exec(initiated.stderr)?.[1];
    const state = ((await (await fetch(`${url}/sim/state`)).json()) as any).state;
    expect(consultation).toBe(state.calls.find((c: any) => c.id === original).call.consults.agent1.connId);

    expect(json(await run(['trigger', 'Answer', '--agent', 'agent2', '--session', consultation!, ...at]))).toEqual({ statusCode: 0 });
    // Posted to the held original; the consultation named by its connId, sent as agent1's own call id there.
    const completed = await run(['trigger', 'CompleteTransfer', '--agent', 'agent1', '--session', original, '--consultCallUri', consultation!, ...at]);
    expect([completed.code, json(completed)]).toEqual([0, { statusCode: 0 }]);
    // agent2 is on the original call now.
    expect(json(await run(['trigger', 'Hold', '--agent', 'agent2', '--session', original, ...at]))).toEqual({ statusCode: 0 });

    await waitUntil(() => listener.stdout.trim().split('\n').length >= 4, () => listener.stdout);
    const lines = listener.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.data.notificationType, l.data.call.state, l.data.call.connId])).toEqual([
      ['StatusChange', 'Ringing', consultation],
      ['StatusChange', 'Established', consultation],
      ['ParticipantsUpdated', 'Established', original],
      ['StatusChange', 'Held', original],
    ]);
    listener.signal('SIGINT');
    expect(await listener.waitForExit()).toMatchObject({ code: 0 });
  }, 60_000);

  test.each([
    [['trigger', 'Hold', '--agent', 'agent1'], 'trigger Hold acts on a session: give --session <id> (a call: its connId, or the agent\'s own call id)'],
    [['trigger', 'Dial', '--agent', 'agent1', '--session', 'x', '--destination', '7002'], "trigger Dial acts on the agent's phone, not on a session: leave --session out"],
    [['customer', 'offer', '--media', 'voice', '--name', 'Bob'], "customer offer --media voice: a call's customer is its phone number: give --from, not --name or --text"],
    [['customer', 'offer', '--media', 'chat', '--from', '+14155550100'], 'customer offer: --from is the phone number of a call (--media voice)'],
  ])('%j is a usage error (exit 2) saying what to do', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('trigger --help shows the voice examples', async () => {
    const result = await run(['trigger', '--help']);
    expect(result.code).toBe(0);
    for (const words of [
      'trigger Dial --agent agent1 --destination 7002',
      'trigger DoNotDisturbOn --agent agent2',
      'JSON (or its phoneNumber alone): the destination of Dial',
      "a call's connId",
      // The voice transfers' examples (wrapped into two columns) and options.
      'trigger InitiateTransfer --agent agent1',
      '--session 0071000000000002 --destination 7002',
      "trigger then names the consultation call's connId on stderr",
      'agent1 --session 0071000000000002 --participant 7002',
      '--session 0071000000000002 --destination 9000',
      "the otherCallUri of SwapCalls: the agent's own call id, uri or path, or the call's connId",
      'after CompleteTransfer or CompleteConference the consulted agent is on the original call',
    ]) {
      expect(result.stdout.replace(/\s+/g, ' ')).toContain(words);
    }
  });
});

describe('gws-sim run and validate of the voice scripts', () => {
  test('the shipped voice scripts pass: exit 0', async () => {
    const result = await run(['run', ...SCRIPTS, '--time-scale', '0'], RUN_MS);
    expect(result.stdout).toContain(`${SCRIPTS.length} passed, 0 failed`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/customer offers session caller \(voice\) to a Ready agent \(agent1\): statusCode 0/);
    expect(result.stdout).toMatch(/agent2 Answer on internal: statusCode 0/);
    expect(result.stdout).toMatch(/agent1 +DeviceStateChangeMessage voice=AfterCallWork doNotDisturb=Off/);
    expect(result.stdout).toMatch(/customer refuse on outbound: statusCode 0/);
    // The transfers and the conference: each consultation call acted on by the name its step gave it.
    expect(result.stdout).toMatch(/agent2 Answer on consult: statusCode 0/);
    expect(result.stdout).toMatch(/agent1 CompleteTransfer on consult: statusCode 0/);
    expect(result.stdout).toMatch(/agent1 Hangup on consult: statusCode 0/);
    expect(result.stdout).toMatch(/agent1 RemoveParticipantFromConference on customer: statusCode 0/);
    expect(result.stdout).toMatch(/agent3 Answer on customer: statusCode 0/);
  });

  test('a voice script with a wrong expectation fails, naming the call state that differed', async () => {
    const script = JSON.parse(fs.readFileSync(path.join(ROOT, SCRIPTS[1]), 'utf8'));
    const answered = script.steps[8].expect.agent2[0];
    expect(answered.match['call.state']).toBe('Established'); // the step this case edits
    answered.match['call.state'] = 'Held';
    const file = path.join(tmp, 'voice-internal.json');
    fs.writeFileSync(file, JSON.stringify(script, null, 2));
    const result = await run(['run', file, '--time-scale', '0'], RUN_MS);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('#1: call.state: expected "Held", received "Established"');
  });

  test('validate accepts them, and names each mistake on a call with did-you-mean', async () => {
    expect((await run(['validate', ...SCRIPTS])).code).toBe(0);
    const script = JSON.parse(fs.readFileSync(path.join(ROOT, SCRIPTS[0]), 'utf8'));
    script.steps[3].text = 'Hello';
    script.steps[5].perform = 'Answr';
    script.steps[7].perform = 'Accept';
    script.steps[13].customer = 'hangUp';
    script.steps.splice(14, 0, { customer: 'say', session: 'caller', text: 'Hi' });
    script.steps.push({ perform: 'Dial', as: 'agent1', session: 'caller', params: { destination: { phoneNumber: '7002' } } });
    const file = path.join(tmp, 'voice-inbound.json');
    fs.writeFileSync(file, JSON.stringify(script, null, 2));
    const result = await run(['validate', file]);
    expect(result.code).toBe(1);
    for (const problem of [
      /\$\.steps\[3\]\.text \(line \d+\): a call has no text/,
      /\$\.steps\[5\]\.perform \(line \d+\): expected an operation gws-sim performs, found 'Answr'; did you mean Answer\?/,
      /\$\.steps\[7\]\.perform \(line \d+\): Accept is not an operation on a call; its operations: Answer, Reject, SingleStepTransfer, InitiateConference, Hold/,
      /\$\.steps\[13\]\.customer \(line \d+\): expected what a customer does \(.*\), found 'hangUp'; did you mean hangup\?/,
      /\$\.steps\[14\]\.customer \(line \d+\): the customer of a call does not say; in a call it may: hangup, answer, refuse/,
      /\$\.steps\[17\]\.session \(line \d+\): a session or call named 'caller' is already offered or dialed/,
    ]) {
      expect(result.stdout).toMatch(problem);
    }
  });
});
