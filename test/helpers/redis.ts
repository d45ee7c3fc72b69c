import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';

/** A real redis-server of a test's own, on 127.0.0.1, keeping nothing on disk. */
export interface RedisServer {
  url: string;
  port: number;
  /** Kills it and waits until it has exited; harmless when it is already stopped. */
  stop(): Promise<void>;
  /** Stops it and starts a new, empty one on the same port: a restarted Redis. */
  restart(): Promise<void>;
}

const READY = /Ready to accept connections/;
const STARTUP_MS = 10_000;
/** Attempts on a fresh port each: another process may take the free port before redis-server binds it. */
const START_ATTEMPTS = 5;

/** Starts redis-server on a free port and resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  let failure: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await freePort();
    try {
      return new RunningRedis(port, await spawnRedis(port));
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

class RunningRedis implements RedisServer {
  readonly url: string;

  constructor(
    readonly port: number,
    private child: ChildProcess | undefined,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.child = await spawnRedis(this.port);
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the process once its log says it is ready; rejects with its output if it exits first or takes too long. */
function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    cwd: os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} ${why}; its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${STARTUP_MS} ms`), STARTUP_MS);
    const read = (chunk: string): void => {
      output += chunk;
      if (!READY.test(output)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(child);
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    child.once('error', (error) => fail(`could not be started (${error.message}; is redis-server installed?)`));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
  });
}
