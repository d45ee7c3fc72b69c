import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** The built CLI: `npm test` builds it first (pretest). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');
export const SHIPPED_STREAM = path.join(ROOT, 'scenarios', 'remove-participant-from-conference.json');
export const DOCUMENTED_STREAM = 'scenarios/remove-participant-from-conference.as-documented.json';
export const LISTENING = /^gws-sim listening on http:\/\/127\.0\.0\.1:(\d+)$/;

/** How long a child may take to print its listening line, or to exit. */
export const STARTUP_MS = 10_000;
export const EXIT_MS = 5_000;

/**
 * The environment a spawned CLI gets: no colours, whatever the caller's terminal or CI says (picocolors turns
 * them on when `CI` or `FORCE_COLOR` is set), so tests read plain text.
 */
export function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned `node dist/cli/main.js ...` with its output collected as it comes. */
export class Cli {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    running.add(this);
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolves with the exit once the child has exited; fails after `ms` (afterEach kills it). */
  async waitForExit(ms = EXIT_MS): Promise<Exit> {
    return within(this.exited, ms, () => `gws-sim ${this.describe()} did not exit within ${ms} ms`);
  }

  /** Resolves with the base URL once the listening line is printed; fails if the child exits or stalls. */
  async listening(ms = STARTUP_MS): Promise<string> {
    const line = new Promise<string>((resolve, reject) => {
      const check = () => {
        const first = this.stdout.split('\n')[0];
        if (this.stdout.includes('\n')) {
          this.child.stdout.off('data', check);
          if (LISTENING.test(first)) resolve(first.replace(/^gws-sim listening on /, ''));
          else reject(new Error(`unexpected first stdout line ${JSON.stringify(first)}; stderr: ${this.stderr}`));
        }
      };
      this.child.stdout.on('data', check);
      check();
      void this.exited.then((exit) => reject(new Error(`gws-sim exited (${JSON.stringify(exit)}) before listening; stderr: ${this.stderr}`)));
    });
    return within(line, ms, () => `gws-sim printed no listening line within ${ms} ms; ${this.describe()}`);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async kill(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    running.delete(this);
  }

  private describe(): string {
    return `stdout: ${JSON.stringify(this.stdout)}, stderr: ${JSON.stringify(this.stderr)}`;
  }
}

const running = new Set<Cli>();

/** Kills every CLI still running: call it in afterEach. */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((cli) => cli.kill()));
}

export function within<T>(promise: Promise<T>, ms: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the CLI to completion. */
export async function run(args: string[], ms = EXIT_MS): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = new Cli(args);
  const exit = await cli.waitForExit(ms);
  return { ...exit, stdout: cli.stdout, stderr: cli.stderr };
}


/** Polls until `done()`; fails after `ms` with `what()`, what there is so far. */
export async function waitUntil(done: () => boolean, what: () => string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; so far: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
