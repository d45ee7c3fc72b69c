#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --quick] [--agents 1000] [--workers 2] [--transports websocket,long-polling]
 *               [--fidelity-rate 100] [--memory-agents 1000,10000] [--no-memory] [--no-official]
 *               [--no-ceiling] [--ceiling-start 100] [--ceiling-seconds 3] [--ceiling-lateness 50 (ms, at most 1000)]
 *               [--flood 50000] [--no-flood]
 *               [--nodes N] [--cpu-prof DIR] [--server-node-args "--trace-gc ..."] [--out FILE]
 *
 * Starts the simulator (dist/, as users run it) and a bare-faye baseline, each in its own
 * process, drives them from client processes, prints a table and writes results JSON. See
 * test/bench/README.md for the method.
 *
 * --nodes N (1 to 8): the simulator as a cluster of N nodes (`serve --redis`) on one redis-server
 * the bench starts and stops, pair p's caller on node p % N and its target on node (p + 1) % N (the
 * caller's node performs the pair's operations); only the latency, throughput and
 * ceiling runs of the simulator (no baseline, fidelity, official client, memory or flood run).
 */
const { fork, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, pairs: makePairs } = require('./lib/fixture');
const { postJson } = require('./lib/raw-client');
const { summary, table, fmt } = require('./lib/report');
const { startRedis } = require('./lib/redis');

const TRANSPORTS = ['websocket', 'long-polling'];
/** The most nodes --nodes starts (each a process on the same machine). */
const MAX_NODES = 8;

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const value = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
  };
  const number = (name, fallback) => {
    const v = Number(value(name, fallback));
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, got ${value(name)}`);
    return v;
  };
  const agents = 2 * Math.floor(number('--agents', quick ? 100 : 1000) / 2);
  const options = {
    quick,
    agents,
    workers: number('--workers', 2),
    transports: value('--transports', TRANSPORTS.join(',')).split(','),
    latencyOps: number('--latency-ops', quick ? 40 : 300),
    throughputRounds: number('--throughput-rounds', quick ? 2 : 8),
    fidelityRate: number('--fidelity-rate', quick ? 20 : 100),
    fidelitySeconds: number('--fidelity-seconds', quick ? 2 : 10),
    memoryAgents: value('--memory-agents', quick ? '100,300' : '1000,10000').split(',').map(Number),
    ceiling: !argv.includes('--no-ceiling'),
    ceilingStart: number('--ceiling-start', quick ? 20 : 100),
    ceilingSeconds: number('--ceiling-seconds', quick ? 1 : 3),
    ceilingLateness: Math.min(number('--ceiling-lateness', CEILING_LATENESS_MS), 1000),
    flood: argv.includes('--no-flood') ? 0 : number('--flood', quick ? 2000 : 50000),
    memory: !argv.includes('--no-memory'),
    official: !argv.includes('--no-official'),
    officialPairs: number('--official-pairs', quick ? 10 : 50),
    cpuProf: value('--cpu-prof', undefined),
    serverNodeArgs: value('--server-node-args', '').split(' ').filter(Boolean),
    nodes: argv.includes('--nodes') ? number('--nodes') : undefined,
    out: value('--out', undefined),
  };
  if (options.nodes !== undefined && (!Number.isInteger(options.nodes) || options.nodes > MAX_NODES)) {
    throw new Error(`--nodes must be a whole number from 1 to ${MAX_NODES}, got ${value('--nodes')}`);
  }
  for (const t of options.transports) if (!TRANSPORTS.includes(t)) throw new Error(`unknown transport '${t}' (expected ${TRANSPORTS.join(' or ')})`);
  if (options.agents < 2 * options.workers) throw new Error(`--agents must be at least ${2 * options.workers} (two per worker)`);
  return options;
}

/** A child process answering {id, result|error} to {id, cmd, args}. */
function child(script, args, execArgv) {
  const proc = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const calls = new Map();
  let nextId = 0;
  let exited = false;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path.basename(script)} did not start within 120 s`)), 120000);
    proc.on('message', (message) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
        return;
      }
      const call = calls.get(message.id);
      if (!call) return;
      calls.delete(message.id);
      message.error ? call.reject(new Error(message.error)) : call.resolve(message.result);
    });
    proc.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      const error = new Error(`${path.basename(script)} exited with code ${code}`);
      reject(error);
      for (const call of calls.values()) call.reject(error);
      calls.clear();
    });
  });
  return {
    ready,
    call(cmd, args) {
      if (exited) return Promise.reject(new Error(`${path.basename(script)} has exited`));
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        calls.set(id, { resolve, reject });
        proc.send({ id, cmd, args });
      });
    },
    /** Asks it to close; kills it (this process's own child, by its pid) if it has not exited in 10 s. */
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => proc.once('exit', resolve));
      this.call('close').catch(() => {});
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
      await gone;
      clearTimeout(timer);
    },
  };
}

const children = new Set();

/** With --cpu-prof DIR, a V8 CPU profile of each server during `phase()` only: DIR/<label>.cpuprofile. */
async function profiled(options, servers, phase) {
  if (!options.cpuProf) return phase();
  await Promise.all(servers.map(({ server, label }) => server.call('profile', { file: path.join(path.resolve(options.cpuProf), `${label}.cpuprofile`) })));
  try {
    return await phase();
  } finally {
    await Promise.all(servers.map(({ server }) => server.call('profile', {})));
  }
}

/** The system under test: one server process, or with --nodes a cluster of them on one Redis. */
async function startServer(options, config, label) {
  if (options.nodes !== undefined && config.system === 'sim') return startCluster(options, config, label);
  const execArgv = ['--expose-gc', ...options.serverNodeArgs];
  const server = child(path.join(__dirname, 'lib', 'server.js'), [JSON.stringify(config)], execArgv);
  children.add(server);
  const { url } = await server.ready;
  return {
    ...server,
    url,
    urls: [url],
    profiled: (phase) => profiled(options, [{ server, label }], phase),
  };
}

/**
 * `--nodes` server processes on one redis-server, started and stopped together. `stats` sums the
 * nodes' CPU (each node applies every change of the cluster's log) and adds Redis's own CPU and
 * command counts; `reset` goes to one node (it resets the cluster).
 */
async function startCluster(options, config, label) {
  const redis = await startRedis();
  children.add(redis);
  const nodes = [];
  const stop = async () => {
    await stopAll(nodes);
    await redis.stop();
    children.delete(redis);
  };
  try {
    const started = await Promise.allSettled(
      Array.from({ length: options.nodes }, (_, i) => startServer({ ...options, nodes: undefined }, { ...config, redis: redis.url, node: i }, `${label}-node${i}`)),
    );
    nodes.push(...started.filter((s) => s.status === 'fulfilled').map((s) => s.value));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const urls = nodes.map((n) => n.url);
  return {
    url: urls[0],
    urls,
    redisUrl: redis.url,
    stop,
    profiled: (phase) => profiled(options, nodes.map((server, i) => ({ server, label: `${label}-node${i}` })), phase),
    async call(cmd, args) {
      if (cmd === 'reset') return nodes[0].call('reset', args);
      if (cmd !== 'stats') throw new Error(`a bench cluster does not take '${cmd}'`);
      const all = await Promise.all(nodes.map((n) => n.call('stats', args)));
      const sum = (key) => all.reduce((n, s) => n + s.cpuUs[key], 0);
      return {
        cpuUs: { user: sum('user'), system: sum('system') },
        nodeCpuUs: all.map((s) => s.cpuUs.user + s.cpuUs.system),
        rss: all.reduce((n, s) => n + s.rss, 0),
        heapUsed: all.reduce((n, s) => n + s.heapUsed, 0),
        redisCpuUs: redis.cpuUs(),
        redisCommands: await redis.commandStats(),
      };
    },
  };
}

async function startWorkers(count) {
  const workers = Array.from({ length: count }, () => child(path.join(__dirname, 'lib', 'worker.js'), [], []));
  workers.forEach((w) => children.add(w));
  await Promise.all(workers.map((w) => w.ready));
  return workers;
}

async function stopAll(list) {
  await Promise.all(list.map((c) => c.stop()));
  list.forEach((c) => children.delete(c));
}

/** Deals pairs out to workers round-robin and connects them; throws unless all connected. */
async function connectPairs(workers, pairList, setup) {
  const shares = workers.map(() => []);
  pairList.forEach((pair, i) => shares[i % workers.length].push(pair));
  const results = await Promise.all(workers.map((w, i) => w.call('connect', { ...setup, pairs: shares[i] })));
  const connected = results.reduce((n, r) => n + r.connected, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} of ${connected + failed} agents failed to connect: ${results.flatMap((r) => r.errors).slice(0, 3).join('; ')}`);
  return { connected, ms: Math.max(...results.map((r) => r.ms)) };
}

/** Up to 20 pairs per worker operate once, unrecorded: JIT, sockets and faye's queues warm up. */
async function warmUp(workers, session, timeScale) {
  const results = await Promise.all(workers.map((w) => w.call('warmup', { count: 20, session, timeScale })));
  const errors = results.flatMap((r) => r.errors);
  if (errors.length) throw new Error(`warm-up failed: ${errors.slice(0, 3).join('; ')}`);
}

const merge = (parts) => {
  const keys = ['fromAnswer', 'fromRequest', 'server', 'timer', 'http'];
  const out = { notifications: 0, wrongKind: 0, skipped: 0, errors: [] };
  for (const key of keys) out[key] = parts.flatMap((p) => p[key] || []);
  for (const p of parts) {
    out.notifications += p.notifications;
    out.wrongKind += p.wrongKind || 0;
    out.skipped += p.skipped || 0;
    out.errors.push(...(p.errors || []));
  }
  return out;
};

function latencyResult(raw) {
  return {
    notifications: raw.notifications,
    wrongKind: raw.wrongKind,
    latencyMs: summary(raw.fromAnswer),
    fromRequestMs: summary(raw.fromRequest),
    httpMs: summary(raw.http),
    errors: raw.errors.slice(0, 5),
  };
}

/** What a cluster's run cost besides the nodes' summed CPU: each node's part, and Redis's CPU and commands. */
function clusterCosts(before, after, notifications, ops) {
  const commands = {};
  for (const [name, calls] of Object.entries(after.redisCommands)) {
    const count = calls - (before.redisCommands[name] || 0);
    if (count > 0 && name !== 'info') commands[name] = count; // INFO: the bench's own reading
  }
  const total = Object.values(commands).reduce((a, b) => a + b, 0);
  return {
    nodeCpuUsPerNotification: after.nodeCpuUs.map((us, i) => (us - before.nodeCpuUs[i]) / notifications),
    redisCpuUsPerNotification: (after.redisCpuUs - before.redisCpuUs) / notifications,
    redisCommandsPerNotification: total / notifications,
    redisCommandsPerOperation: total / ops,
    redisCommands: commands,
  };
}

/** Time scale 0: latency one operation at a time, then throughput with every pair busy. */
async function speedRun(options, system, transport, log) {
  // Sessions per pair: 0 warm-up, 1 latency, 2.. throughput rounds.
  const throughputSessions = options.throughputRounds;
  const pairList = makePairs(options.agents, 2 + throughputSessions);
  const server = await startServer(options, { system, timeScale: 0, agents: options.agents, sessionsPerPair: 2 + throughputSessions }, `${system}-${transport}-speed`);
  const workers = await startWorkers(options.workers);
  try {
    const { ms } = await connectPairs(workers, pairList, { url: server.url, urls: server.urls, system, transport, client: 'raw' });
    log(`  ${system} over ${transport}: ${options.agents} agents connected in ${fmt(ms / 1000, 1)} s`);

    await warmUp(workers, 0, 0);
    const parts = [];
    const perWorker = Math.min(Math.ceil(options.latencyOps / workers.length), Math.floor(pairList.length / workers.length));
    for (const w of workers) parts.push(await w.call('latency', { count: perWorker, session: 1 }));
    const latency = latencyResult(merge(parts));

    const before = await server.call('stats');
    const runs = await server.profiled(() => Promise.all(workers.map((w) => w.call('throughput', { from: 2, to: 2 + throughputSessions }))));
    const after = await server.call('stats');
    const start = Math.min(...runs.map((r) => r.start));
    const end = Math.max(...runs.map((r) => r.end));
    const notifications = runs.reduce((n, r) => n + r.notifications, 0);
    const cpuUs = after.cpuUs.user + after.cpuUs.system - before.cpuUs.user - before.cpuUs.system;
    const throughput = {
      ops: runs.reduce((n, r) => n + r.ops, 0),
      notifications,
      expected: runs.reduce((n, r) => n + r.expected, 0),
      agentsWithWrongCount: runs.reduce((n, r) => n + r.agentsWithWrongCount, 0),
      seconds: (end - start) / 1000,
      perSecond: notifications / ((end - start) / 1000),
      opsPerSecond: runs.reduce((n, r) => n + r.ops, 0) / ((end - start) / 1000),
      serverCpuUsPerNotification: cpuUs / notifications,
      serverCpuShare: cpuUs / 1000 / (end - start),
      ...(after.redisCpuUs === undefined ? {} : clusterCosts(before, after, notifications, runs.reduce((n, r) => n + r.ops, 0))),
      errors: runs.flatMap((r) => r.errors).slice(0, 5),
    };
    return { latency, throughput };
  } finally {
    await stopAll(workers);
    await stopAll([server]);
  }
}

/** Time scale 1: steady operations at a rate well below saturation, then all pairs at once. */
async function fidelityRun(options, transport, log) {
  const pacedOps = Math.round(options.fidelityRate * options.fidelitySeconds);
  // Sessions per pair: 0 warm-up, then the paced operations, then the burst, and one spare.
  const perPair = Math.ceil(pacedOps / (options.agents / 2)) + 3;
  const pairList = makePairs(options.agents, perPair);
  const server = await startServer(options, { system: 'sim', timeScale: 1, agents: options.agents, sessionsPerPair: perPair }, `sim-${transport}-fidelity`);
  const workers = await startWorkers(options.workers);
  try {
    await connectPairs(workers, pairList, { url: server.url, system: 'sim', transport, client: 'raw' });
    await warmUp(workers, 0, 1);
    const rate = options.fidelityRate / workers.length;
    const paced = merge(await server.profiled(() => Promise.all(workers.map((w) => w.call('fidelity', { rate, durationMs: options.fidelitySeconds * 1000, session: 1, timeScale: 1 })))));
    const burst = merge(await Promise.all(workers.map((w) => w.call('burst', { session: 1, timeScale: 1 }))));
    const describe = (raw) => ({
      notifications: raw.notifications,
      wrongKind: raw.wrongKind,
      latenessMs: summary(raw.fromRequest),
      latenessFromAnswerMs: summary(raw.fromAnswer),
      serverLatenessMs: raw.server.length ? summary(raw.server) : undefined,
      timerLatenessMs: raw.timer.length ? summary(raw.timer) : undefined,
      errors: raw.errors.slice(0, 5),
    });
    log(`  fidelity over ${transport}: ${paced.notifications} paced + ${burst.notifications} burst notifications`);
    return {
      paced: { operationsPerSecond: options.fidelityRate, seconds: options.fidelitySeconds, ...describe(paced) },
      burst: { operations: options.agents / 2, ...describe(burst) },
    };
  } finally {
    await stopAll(workers);
    await stopAll([server]);
  }
}

/** The official CometD client: every notification's kind and order checked, and its latency. */
async function officialRun(options, system, transport) {
  const count = Math.min(options.officialPairs, options.agents / 2);
  const pairList = makePairs(2 * count, 2);
  const server = await startServer(options, { system, timeScale: 0, agents: 2 * count, sessionsPerPair: 2 }, `${system}-${transport}-official`);
  const workers = await startWorkers(1);
  try {
    await connectPairs(workers, pairList, { url: server.url, system, transport, client: 'cometd', concurrency: 10 });
    await warmUp(workers, 0, 0);
    return latencyResult(merge([await workers[0].call('latency', { count, session: 1 })]));
  } finally {
    await stopAll(workers);
    await stopAll([server]);
  }
}

/** Server memory after a full GC with 0, then each count of agents connected and subscribed. */
async function memoryRun(options, system, transport, log) {
  const max = Math.max(...options.memoryAgents);
  const allPairs = makePairs(max, 1);
  const server = await startServer(options, { system, timeScale: 1, agents: max, sessionsPerPair: 1 }, `${system}-${transport}-memory`);
  const workers = await startWorkers(options.workers);
  const rows = [];
  try {
    const empty = await server.call('stats');
    let done = 0;
    for (const agents of [...options.memoryAgents].sort((a, b) => a - b)) {
      const { ms } = await connectPairs(workers, allPairs.slice(done / 2, agents / 2), { url: server.url, system, transport, client: 'raw', concurrency: 100 });
      done = agents;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const s = await server.call('stats', { connected: true });
      rows.push({
        system,
        transport,
        agents,
        connectedServerSide: s.connected,
        rssBytes: s.rss,
        heapUsedBytes: s.heapUsed,
        rssPerAgentKB: (s.rss - empty.rss) / agents / 1024,
        heapPerAgentKB: (s.heapUsed - empty.heapUsed) / agents / 1024,
        connectSeconds: ms / 1000,
      });
      log(`  memory ${system} ${transport}: ${agents} agents, ${fmt(rows.at(-1).rssPerAgentKB, 1)} KB RSS each`);
    }
    return { emptyRssBytes: empty.rss, emptyHeapUsedBytes: empty.heapUsed, rows };
  } finally {
    await stopAll(workers);
    await stopAll([server]);
  }
}

/** Lateness above this is no longer "sustained" in the ceiling run (default of --ceiling-lateness). */
const CEILING_LATENESS_MS = 50;
/** The ceiling run climbs no higher (28,000 notifications/s, far above what one process sustains here). */
const CEILING_MAX_RATE = 4000;

/**
 * The one-process ceiling at time scale 1: paced operations (7 notifications each) at a rate that
 * doubles from --ceiling-start until lateness p99 (from the request, the conservative figure)
 * passes --ceiling-lateness (50 ms), then one step halfway back; the simulator is reset between steps. A pair never
 * overlaps itself, so the agents bound the rate too (about 2 operations per pair per second):
 * `agentBound` says when that, not the server, stopped the climb. A step that is not sustained is
 * run once more before the climb stops: one GC pause in a step of a few seconds is not a ceiling.
 */
async function ceilingRun(options, transport, agents, log) {
  const pairCount = agents / 2;
  // Sessions per pair for the busiest step (each removal takes a fresh one; a reset between steps).
  const perPair = Math.ceil((Math.min(2 * pairCount, CEILING_MAX_RATE) * options.ceilingSeconds) / pairCount) + 2;
  const pairList = makePairs(agents, 1 + perPair);
  const server = await startServer(options, { system: 'sim', timeScale: 1, agents, sessionsPerPair: 1 + perPair }, `sim-${transport}-${agents}-ceiling`);
  const workers = await startWorkers(options.workers);
  const steps = [];
  const step = async (rate) => {
    await server.call('reset');
    await Promise.all(workers.map((w) => w.call('rewind')));
    const raw = merge(await Promise.all(workers.map((w) => w.call('fidelity', { rate: rate / workers.length, durationMs: options.ceilingSeconds * 1000, session: 1, timeScale: 1 }))));
    const skipped = raw.skipped;
    const lateness = summary(raw.fromRequest);
    const result = {
      operationsPerSecond: rate,
      notificationsPerSecond: rate * 7,
      notifications: raw.notifications,
      latenessMs: lateness,
      serverLatenessMs: raw.server.length ? summary(raw.server) : undefined,
      skipped,
      errors: raw.errors.slice(0, 3),
    };
    result.sustained = skipped === 0 && raw.errors.length === 0 && raw.wrongKind === 0 && lateness.p99 < options.ceilingLateness;
    steps.push(result);
    log(`  ceiling over ${transport}, ${agents} agents: ${rate} ops/s (${rate * 7} notif/s): lateness p99 ${fmt(lateness.p99, 1)} ms${skipped ? `, ${skipped} skipped (every pair busy)` : ''}${result.sustained ? '' : ' -> not sustained'}`);
    return result;
  };
  try {
    await connectPairs(workers, pairList, { url: server.url, urls: server.urls, system: 'sim', transport, client: 'raw', concurrency: 100 });
    await warmUp(workers, 0, 1);
    let good = 0;
    let bad;
    for (let rate = options.ceilingStart; ; rate *= 2) {
      const result = (await step(rate)).sustained ? steps.at(-1) : await step(rate);
      if (!result.sustained) {
        bad = rate;
        break;
      }
      good = rate;
      if (rate * 2 > Math.min(2 * pairCount, CEILING_MAX_RATE)) break; // the agents (or the climb's bound) go no faster
    }
    if (good > 0 && bad !== undefined && bad - good > 1) await step(Math.round((good + bad) / 2));
    const best = steps.filter((r) => r.sustained).sort((a, b) => b.operationsPerSecond - a.operationsPerSecond)[0];
    return {
      transport,
      agents,
      latenessLimitMs: options.ceilingLateness,
      operationsPerSecond: best ? best.operationsPerSecond : 0,
      notificationsPerSecond: best ? best.notificationsPerSecond : 0,
      agentBound: bad === undefined,
      steps,
    };
  } finally {
    await stopAll(workers);
    await stopAll([server]);
  }
}

/**
 * Made-up clientIds cost nothing: `--flood` /meta/connect requests, each with a new clientId no
 * agent handshook as, and no credentials; the server's memory after a full GC, before and after.
 */
async function floodRun(options, log) {
  const server = await startServer(options, { system: 'sim', timeScale: 1, agents: 2, sessionsPerPair: 1 }, 'sim-flood');
  try {
    const endpoint = `${server.url}/api/v2/notifications`;
    let refused = 0;
    let next = 0;
    const flood = (count) => {
      const end = next + count;
      const sender = async () => {
        while (next < end) {
          const i = next++;
          const { body } = await postJson(endpoint, [{ channel: '/meta/connect', clientId: `made-up-${i}`, connectionType: 'long-polling', id: String(i) }]);
          if (Array.isArray(body) && body[0] && body[0].error === '402::Unknown client') refused++;
        }
      };
      return Promise.all(Array.from({ length: 50 }, sender));
    };
    await flood(500); // warm-up (JIT, sockets), not counted
    refused = 0;
    const before = await server.call('stats');
    await flood(options.flood);
    const after = await server.call('stats');
    const result = {
      requests: options.flood,
      refused,
      heapGrowthBytes: after.heapUsed - before.heapUsed,
      rssGrowthBytes: after.rss - before.rss,
    };
    log(`  made-up clientIds: ${refused} of ${options.flood} connects refused; heap ${fmt(result.heapGrowthBytes / 2 ** 20, 1)} MB, RSS ${fmt(result.rssGrowthBytes / 2 ** 20, 1)} MB more`);
    return result;
  } finally {
    await stopAll([server]);
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Made-up clientIds may not grow the heap by more than this (after a full GC). */
const FLOOD_HEAP_LIMIT_MB = 5;

function targetsOf(results, options) {
  const targets = [];
  const add = (target, transport, value, limit, met, extra = {}) => targets.push({ target, transport, value, limit, met, ...extra });
  for (const [transport, r] of Object.entries(results.transports)) {
    if (r.throughput && r.throughput.baseline) {
      const cpu = r.throughput.sim.serverCpuUsPerNotification / r.throughput.baseline.serverCpuUsPerNotification;
      add('server CPU per notification at most 1.3x bare faye', transport, cpu, 1.3, cpu <= 1.3);
      add('throughput at least 0.85x bare faye', transport, r.throughput.ratio, 0.85, r.throughput.ratio >= 0.85);
    }
    if (r.latency && r.latency.baseline) add('latency p99 at most 1.3x bare faye', transport, r.latency.ratio.p99, 1.3, r.latency.ratio.p99 <= 1.3);
    if (r.fidelity) {
      const p99 = r.fidelity.paced.latenessMs.p99;
      add(`paced timing lateness p99 under 5 ms, ${options.agents} agents`, transport, p99, 5, p99 < 5);
    }
  }
  const ws = (results.memory || []).find((m) => m.system === 'sim' && m.transport === 'websocket');
  const row = ws && ws.rows.find((x) => x.agents === Math.max(...options.memoryAgents));
  if (row) {
    const ok = row.connectedServerSide === row.agents && row.rssPerAgentKB < 20;
    add(`${row.agents} websocket agents connected, under 20 KB RSS each`, 'websocket', row.rssPerAgentKB, 20, ok, { connected: row.connectedServerSide });
  }
  if (results.flood) {
    const mb = results.flood.heapGrowthBytes / 2 ** 20;
    add(`${results.flood.requests} made-up clientIds: heap growth under ${FLOOD_HEAP_LIMIT_MB} MB`, 'long-polling', mb, FLOOD_HEAP_LIMIT_MB, mb < FLOOD_HEAP_LIMIT_MB && results.flood.refused === results.flood.requests);
  }
  return targets;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const log = (line) => process.stderr.write(`${line}\n`);
  const started = Date.now();
  const limit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  // The server process holds a socket per agent (the client processes share them out).
  const needed = Math.max(options.agents, ...options.memoryAgents) + 200;
  if (Number.isFinite(limit) && limit < needed) {
    log(`warning: ulimit -n is ${limit}; ${Math.max(...options.memoryAgents)} agents need about ${needed} descriptors per process (run 'ulimit -n ${needed}' first)`);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build (npm ci does it) first');

  const results = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0] && os.cpus()[0].model, totalMemGB: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.platform()} ${os.release()}` },
    options,
    // The machine is shared: how busy it was, as `uptime` says (1, 5, 15 minutes).
    loadAverage: { before: os.loadavg() },
    transports: {},
    ceilings: [],
    memory: [],
  };

  if (options.nodes !== undefined) {
    await clusterRuns(options, results, log);
  } else {
    await allRuns(options, results, log);
  }
  results.loadAverage.after = os.loadavg();
  results.targets = targetsOf(results, options);
  results.durationSeconds = (Date.now() - started) / 1000;

  const suffix = options.nodes !== undefined ? `-nodes${options.nodes}` : '';
  const out = options.out || path.join(__dirname, 'results', `${results.date.slice(0, 10)}${suffix}${options.quick ? '-quick' : ''}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(table(results));
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), out) || out} (${fmt(results.durationSeconds, 0)} s)\n`);
}

/** --nodes N: the simulator's latency, throughput and ceiling runs against a cluster of N nodes. */
async function clusterRuns(options, results, log) {
  results.cluster = { nodes: options.nodes, redis: 'one redis-server on 127.0.0.1, no persistence' };
  for (const transport of options.transports) {
    log(`${transport}, ${options.nodes} node${options.nodes > 1 ? 's' : ''} on one Redis:`);
    const sim = await speedRun(options, 'sim', transport, log);
    results.transports[transport] = { latency: { sim: sim.latency }, throughput: { sim: sim.throughput } };
    if (options.ceiling) results.ceilings.push(await ceilingRun(options, transport, options.agents, log));
  }
}

/** Every run, the simulator (one process) side by side with bare faye. */
async function allRuns(options, results, log) {
  for (const transport of options.transports) {
    log(`${transport}:`);
    const sim = await speedRun(options, 'sim', transport, log);
    const base = await speedRun(options, 'baseline', transport, log);
    const ratio = (a, b) => (b === 0 ? null : a / b);
    const entry = {
      latency: {
        sim: sim.latency,
        baseline: base.latency,
        ratio: Object.fromEntries(['p50', 'p95', 'p99', 'max'].map((k) => [k, ratio(sim.latency.latencyMs[k], base.latency.latencyMs[k])])),
      },
      throughput: { sim: sim.throughput, baseline: base.throughput, ratio: ratio(sim.throughput.perSecond, base.throughput.perSecond) },
      fidelity: await fidelityRun(options, transport, log),
    };
    if (options.official) {
      const simOfficial = await officialRun(options, 'sim', transport);
      const baseOfficial = await officialRun(options, 'baseline', transport);
      entry.official = { sim: simOfficial, baseline: baseOfficial, ratioP99: ratio(simOfficial.latencyMs.p99, baseOfficial.latencyMs.p99) };
      log(`  official CometD client over ${transport}: ${simOfficial.notifications} notifications, ${simOfficial.wrongKind} out of order`);
    }
    if (options.ceiling) results.ceilings.push(await ceilingRun(options, transport, options.agents, log));
    results.transports[transport] = entry;
  }
  // The most agents the memory run connects, for the cheaper transport: how the ceiling moves with agents.
  const most = Math.max(...options.memoryAgents);
  if (options.ceiling && options.memory && most > options.agents && options.transports.includes('websocket')) {
    results.ceilings.push(await ceilingRun(options, 'websocket', most, log));
  }
  if (options.memory) {
    for (const transport of options.transports) {
      // The baseline's memory is context, not a target: a quick run skips it.
      for (const system of options.quick ? ['sim'] : ['sim', 'baseline']) results.memory.push(await memoryRun(options, system, transport, log).then((m) => ({ system, transport, ...m })));
    }
  }
  if (options.flood > 0) results.flood = await floodRun(options, log);
}

main().then(
  () => process.exit(0),
  async (error) => {
    process.stderr.write(`bench failed: ${error.stack || error}\n`);
    await Promise.all([...children].map((c) => c.stop().catch(() => {})));
    process.exit(1);
  },
);
