'use strict';
/**
 * The server process of one bench phase: the simulator (from dist/, as users run it) or the
 * bare-faye baseline; with `redis` in its config, a node of a cluster on that Redis. Run with
 * --expose-gc; driven over IPC:
 *   {cmd: 'stats'} -> memory after a full GC, CPU time and event-loop utilisation so far
 *   {cmd: 'profile', args: {file}} -> starts a V8 CPU profile; {cmd: 'profile', args: {}} stops it
 *     and writes it to the file given at start (one phase of a run, not the server's start-up)
 *   {cmd: 'reset'} -> back to the fixture (the simulator's reset, the whole cluster's on a node of
 *     one; the baseline has nothing to reset)
 *   {cmd: 'close'} -> closes the server and exits 0.
 */
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { ROOT, makeFixture } = require('./fixture');
const { startBaseline } = require('./baseline');

const config = JSON.parse(process.argv[2]);
const CLUSTER_LINE = /cluster|redis/i;

async function start() {
  if (config.system === 'baseline') return startBaseline();
  const { createSimulator } = require(path.join(ROOT, 'dist', 'index.js'));
  const sim = await createSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: config.timeScale,
    fixture: makeFixture(config.agents, config.sessionsPerPair),
    // Every agent's websocket comes from this machine: room for all of them (the caps' defaults are 10,000 and 1,000 per address).
    maxWebsockets: Math.max(10_000, config.agents + 100),
    maxWebsocketsPerAddress: Math.max(10_000, config.agents + 100),
    // A node of a bench cluster (`--nodes N`): what goes wrong with Redis is worth seeing (not every operation).
    ...(config.redis ? { redis: config.redis, log: (line) => CLUSTER_LINE.test(line) && console.error(`[node ${config.node}] ${line}`) } : {}),
  });
  return { url: sim.url, close: () => sim.close(), connected: () => sim.state().cometdClients.length, reset: () => sim.reset() };
}

let profiling;

/** Starts (args.file) or stops and writes a CPU profile of this process. */
async function profile({ file }) {
  const post = (session, method) => new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  if (file) {
    const session = new inspector.Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    profiling = { session, file };
    return {};
  }
  if (!profiling) return {};
  const { session, file: out } = profiling;
  profiling = undefined;
  const { profile: data } = await post(session, 'Profiler.stop');
  session.disconnect();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(data));
  return { file: out };
}

function stats() {
  global.gc();
  global.gc();
  const memory = process.memoryUsage();
  return {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    cpuUs: process.cpuUsage(),
    elu: performance.eventLoopUtilization(),
  };
}

start().then(
  (server) => {
    process.on('message', async (message) => {
      if (message.cmd === 'stats') {
        const result = stats();
        if (message.args && message.args.connected && server.connected) result.connected = server.connected();
        process.send({ id: message.id, result });
      } else if (message.cmd === 'profile') {
        process.send({ id: message.id, result: await profile(message.args || {}) });
      } else if (message.cmd === 'reset') {
        if (server.reset) await server.reset();
        process.send({ id: message.id, result: {} });
      } else if (message.cmd === 'close') {
        await server.close();
        process.send({ id: message.id, result: {} }, () => process.exit(0));
      }
    });
    process.on('disconnect', () => process.exit(0));
    process.send({ type: 'ready', url: server.url });
  },
  (error) => {
    console.error(`bench server (${config.system}) failed to start: ${error.stack || error}`);
    process.exit(1);
  },
);
