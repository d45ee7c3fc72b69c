import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { createSimulator, type Simulator } from '../../src/simulator';
import { MAIN, plainEnv, waitUntil, within } from '../helpers/cli';

/**
 * `kill <pid of npx gws-sim serve>` (issue 24): npm runs a bin as `sh -c "'gws-sim' args"` and forwards SIGTERM to
 * that shell only (@npmcli/run-script's signal manager); Debian's sh (dash) dies without passing it on. The tests
 * build that same shape offline: this test is npm, `sh -c` runs the built CLI, and the signal goes to the shell.
 */

interface Wrapped {
  shell: ChildProcessByStdio<null, Readable, Readable>;
  /** The gws-sim process the shell started. */
  pid: number;
  stdout: () => string;
  stderr: () => string;
}

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts `sh -c "'node' MAIN args"` as npm does, with npm's environment (or not), and waits for `ready` on stdout or stderr. */
async function startAsNpmDoes(args: string[], ready: RegExp, byNpm = true): Promise<Wrapped> {
  const env = plainEnv(byNpm ? { npm_lifecycle_event: 'npx', npm_command: 'exec' } : {});
  if (!byNpm) delete env.npm_lifecycle_event; // `npm test` sets it for Jest too
  const script = [process.execPath, MAIN, ...args].map((word) => `'${word}'`).join(' ');
  const shell = spawn('sh', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  shell.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await waitUntil(() => ready.test(stdout + stderr), () => stdout + stderr);
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(shell.pid)], { encoding: 'utf8' }).stdout.trim();
  // dash runs the command as a child (bash would exec it: then the shell's pid is gws-sim's and the signal reaches it).
  const pid = children === '' ? shell.pid! : Number(children);
  started.push(pid);
  return { shell, pid, stdout: () => stdout, stderr: () => stderr };
}

/** A zombie no one reaps counts as gone: it holds no port and no connection. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function killShell(wrapped: Wrapped): Promise<void> {
  // 'exit', not 'close': an orphaned gws-sim still holds the shell's stdout and stderr.
  const closed = new Promise((resolve) => wrapped.shell.on('exit', resolve));
  wrapped.shell.kill('SIGTERM');
  await within(closed, 5_000, () => 'the shell did not exit on SIGTERM');
}

describe('SIGTERM to the shell npm wraps gws-sim in', () => {
  test('serve stops and frees its port, saying why', async () => {
    const wrapped = await startAsNpmDoes(['serve', '--port', '0'], /gws-sim listening on http:\/\/\S+\n/);
    const url = /gws-sim listening on (http:\/\/\S+)/.exec(wrapped.stdout())![1];
    expect((await fetch(`${url}/`)).status).toBe(200);
    await killShell(wrapped);
    await waitUntil(() => !alive(wrapped.pid), () => `gws-sim (pid ${wrapped.pid}) still runs after its npm shell was killed`);
    await expect(fetch(`${url}/`)).rejects.toThrow(); // the port is free for the next serve
    await waitUntil(() => /the process that started it is gone .*: shutting down/.test(wrapped.stderr()), wrapped.stderr);
  }, 30_000);

  test('listen stops too', async () => {
    const sim: Simulator = await createSimulator({ timeScale: 0, log: () => {} });
    try {
      const wrapped = await startAsNpmDoes(['listen', '--agent', 'agent1', '--server', sim.url], /listening on/);
      await killShell(wrapped);
      await waitUntil(() => !alive(wrapped.pid), () => `gws-sim listen (pid ${wrapped.pid}) still runs after its npm shell was killed`);
    } finally {
      await sim.close();
    }
  }, 30_000);

  test('a gws-sim not started by npm keeps running when the shell that started it goes (nohup, a script that ends)', async () => {
    const wrapped = await startAsNpmDoes(['serve', '--port', '0', '--quiet'], /gws-sim listening on http:\/\/\S+\n/, false);
    const url = /gws-sim listening on (http:\/\/\S+)/.exec(wrapped.stdout())![1];
    await killShell(wrapped);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // four checks of the parent
    expect((await fetch(`${url}/`)).status).toBe(200);
  }, 30_000);
});
