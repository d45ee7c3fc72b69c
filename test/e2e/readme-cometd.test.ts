import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSimulator, type Simulator } from '../../src/simulator';
import { plainEnv, ROOT, within } from '../helpers/cli';
import { readmeExample } from '../helpers/readme';
import { AGENT2_ID, SESSION_ID } from '../helpers/default-fixture';
import { basic } from '../helpers/rest';

/**
 * The README's CometD snippet, as written but for the port, run by Node in a folder that has
 * the two CometD packages (linked from this repo): it prints agent2's notifications, and says
 * why when the handshake fails.
 */
describe("the README's CometD snippet", () => {
  let dir: string;
  let sim: Simulator;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-cometd-snippet-'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    for (const name of ['cometd', 'cometd-nodejs-client']) fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
    sim = await createSimulator({ timeScale: 0, log: () => {} });
  });
  afterAll(async () => {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function start(url: string, edit: (code: string) => string = (code) => code) {
    const { file, code } = readmeExample('cometd');
    expect(code).toContain('http://127.0.0.1:8090/api/v2/notifications');
    fs.writeFileSync(path.join(dir, file), edit(code.replace('http://127.0.0.1:8090', url)));
    const child = spawn(process.execPath, [file], { cwd: dir, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    return { child, out, exited };
  }

  test('prints the notifications of agent2', async () => {
    const { child, out, exited } = start(sim.url);
    try {
      await within(
        (async () => {
          while (sim.state().cometdClients.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        })(),
        10_000,
        () => `the snippet did not connect: ${JSON.stringify(out)}`,
      );
      await fetch(`${sim.url}/api/v2/me/facebooksessions/${SESSION_ID}`, {
        method: 'POST',
        headers: { Authorization: basic('agent1', 'agent1'), 'Content-Type': 'application/json' },
        body: JSON.stringify({ operationName: 'RemoveParticipantFromConference', targetPath: `/users/${AGENT2_ID}` }),
      });
      await within(
        (async () => {
          while ((out.stdout.match(/notificationType/g) ?? []).length < 4) await new Promise((resolve) => setTimeout(resolve, 50));
        })(),
        10_000,
        () => `agent2's four notifications did not arrive: ${JSON.stringify(out)}`,
      );
      expect(out.stdout).toContain("notificationType: 'StatusChange'");
      expect(out.stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  test('a refused handshake: the reason, exit 1', async () => {
    const { out, exited } = start(sim.url, (code) => code.replace("credentials: 'agent2'", "credentials: 'wrong'"));
    expect(await within(exited, 10_000, () => `did not exit: ${JSON.stringify(out)}`)).toBe(1);
    expect(out.stderr).toBe("handshake failed: wrong password for 'agent2'\n");
  });

  test('no server: says so, exit 1', async () => {
    const { out, exited } = start('http://127.0.0.1:9'); // the discard port: nothing listens there
    expect(await within(exited, 10_000, () => `did not exit: ${JSON.stringify(out)}`)).toBe(1);
    expect(out.stderr).toMatch(/^handshake failed: no answer \(is gws-sim running\?\)\n/);
  });
});
