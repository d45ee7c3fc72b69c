'use strict';
/**
 * The Redis of a bench cluster (`--nodes N`): Debian's redis-server on a free port of 127.0.0.1,
 * no persistence, stopped at the end. Its CPU is read from /proc (it is single-threaded: its own
 * ceiling is one core), and `INFO commandstats` counts what the nodes asked of it.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const Redis = require('ioredis');

const REDIS_SERVER = process.env.REDIS_SERVER || 'redis-server';
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** user + system CPU of a process, us, from /proc/<pid>/stat (fields 14 and 15, in clock ticks). */
function processCpuUs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
}

/** `INFO commandstats` as {command: calls}. */
function parseCommandStats(info) {
  const calls = {};
  for (const line of info.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) calls[match[1]] = Number(match[2]);
  }
  return calls;
}

const START_TIMEOUT_MS = 10_000;

const waitReady = (client) => (client.status === 'ready' ? client.ping() : new Promise((resolve) => client.once('ready', resolve)).then(() => client.ping()));

/** Starts redis-server; resolves once it answers PING. `stop()` ends it (and it ends with this process). */
async function startRedis() {
  const port = await freePort();
  const proc = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const killOnExit = () => proc.kill('SIGKILL');
  process.on('exit', killOnExit);
  let exited = false;
  const gone = new Promise((resolve) => proc.once('exit', () => ((exited = true), resolve())));
  const failed = new Promise((_, reject) => {
    proc.once('error', (error) => reject(new Error(`cannot start ${REDIS_SERVER} (${error.message}): install Debian's redis-server, or set REDIS_SERVER`)));
    gone.then(() => reject(new Error(`${REDIS_SERVER} exited at start (port ${port})`)));
  });
  failed.catch(() => {});
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  client.on('error', () => {}); // refused until it listens: ioredis tries again
  const stop = async () => {
    client.disconnect();
    if (!exited) {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  };
  try {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`${REDIS_SERVER} did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS).unref());
    await Promise.race([client.connect().catch(() => {}).then(() => waitReady(client)), failed, timeout]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: proc.pid,
    cpuUs: () => processCpuUs(proc.pid),
    commandStats: async () => parseCommandStats(await client.info('commandstats')),
    stop,
  };
}

module.exports = { startRedis, processCpuUs };
