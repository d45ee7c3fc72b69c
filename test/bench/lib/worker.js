'use strict';
/**
 * A client process: logs in a share of the agents (raw Bayeux or the official CometD client),
 * performs their operations and times every notification on this process's clock, so that the
 * HTTP answer and the arrivals are compared on one clock. Driven over IPC by bench.js; every
 * command answers {id, result} or {id, error}.
 */
const { performance } = require('node:perf_hooks');
const { RawBayeuxClient, postJson } = require('./raw-client');
const { OfficialCometdClient } = require('./cometd-client');
const { dueOffsets, kindOf, EXPECTED_KINDS } = require('./fixture');

const now = () => performance.timeOrigin + performance.now();
const OFFSETS = { caller: dueOffsets('caller'), target: dueOffsets('target') };
const COUNT = { caller: OFFSETS.caller.length, target: OFFSETS.target.length };

let setup; // {system, transport, client}
const pairs = [];
const clients = [];
const errors = [];
let received = 0;
let lastArrival = 0;
let totalWaiter;

function noteError(error) {
  if (errors.length < 20) errors.push(String(error && error.message ? error.message : error));
}

class BenchAgent {
  constructor(user, role, url) {
    this.user = user;
    this.url = url;
    this.role = role;
    this.queue = [];
    this.count = 0;
    this.keep = true;
    this.waiter = undefined;
  }

  arrive(message) {
    const at = now();
    this.count++;
    received++;
    lastArrival = at;
    if (this.keep) this.queue.push({ at, kind: kindOf(message.data), gws: message.ext && message.ext.gwsSim });
    if (this.waiter && this.queue.length >= this.waiter.n) this.waiter.wake();
    if (totalWaiter && received >= totalWaiter.n) totalWaiter.wake();
  }

  /** The next `n` arrivals, in order; rejects after `timeoutMs`. */
  take(n, timeoutMs) {
    if (this.queue.length >= n) return Promise.resolve(this.queue.splice(0, n));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`${this.user.userName} (${this.role}): ${this.queue.length} of ${n} notifications after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        n,
        wake: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve(this.queue.splice(0, n));
        },
      };
    });
  }
}

async function pool(items, concurrency, task) {
  let next = 0;
  const run = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}

/**
 * Connects a share of the agents. With `urls` (the nodes of a cluster of N), pair p's caller
 * connects to node p % N and its target to node (p + 1) % N, and the pair's operations go to the
 * caller's node: every node performs as many operations as the others, and with N > 1 every
 * operation notifies an agent of another node.
 */
async function connect({ url, urls = [url], system, transport, client, pairs: newPairs, concurrency = 50 }) {
  setup = { system, transport, client };
  const nodeOf = (pair, role) => urls[(pair.index + (role === 'target' ? 1 : 0)) % urls.length];
  const Client = client === 'cometd' ? OfficialCometdClient : RawBayeuxClient;
  const started = now();
  let failed = 0;
  const agents = [];
  for (const pair of newPairs) {
    const entry = {
      ...pair,
      url: nodeOf(pair, 'caller'),
      auth: `Basic ${Buffer.from(`${pair.caller.userName}:${pair.caller.password}`).toString('base64')}`,
      agents: { caller: new BenchAgent(pair.caller, 'caller', nodeOf(pair, 'caller')), target: new BenchAgent(pair.target, 'target', nodeOf(pair, 'target')) },
      nextSession: 0,
      busy: false,
    };
    pairs.push(entry);
    agents.push(entry.agents.caller, entry.agents.target);
  }
  await pool(agents, concurrency, async (agent) => {
    const bayeux = new Client({
      endpoint: `${agent.url}/api/v2/notifications`,
      transport,
      ext: system === 'sim' ? { authentication: { user: agent.user.userName, credentials: agent.user.password } } : undefined,
      channel: system === 'sim' ? '/v2/notifications' : `/u/${agent.user.id}`,
      onMessage: (message) => agent.arrive(message),
    });
    bayeux.onError = noteError;
    clients.push(bayeux);
    try {
      await bayeux.connect();
    } catch (error) {
      failed++;
      noteError(error);
    }
  });
  return { connected: agents.length - failed, failed, ms: now() - started, errors: errors.splice(0) };
}

/** One operation: the simulator's removal, or the baseline's trigger. */
async function operate(pair, session) {
  const t0 = now();
  const { status, body } =
    setup.system === 'sim'
      ? await postJson(
          `${pair.url}/api/v2/me/facebooksessions/${pair.sessions[session]}`,
          { operationName: 'RemoveParticipantFromConference', targetPath: `/users/${pair.target.id}` },
          { Authorization: pair.auth },
        )
      : await postJson(`${pair.url}/trigger`, { caller: pair.caller.id, target: pair.target.id });
  const t1 = now();
  if (status !== 200 || body.statusCode !== 0) throw new Error(`operation answered HTTP ${status} ${JSON.stringify(body)}`);
  return { t0, t1 };
}

/** Performs one operation and waits for all its notifications; returns one record per notification. */
async function timedOperation(pair, session, timeScale) {
  const { t0, t1 } = await operate(pair, session);
  const timeout = 5000 + OFFSETS.target[OFFSETS.target.length - 1] * timeScale;
  const got = await Promise.all(['caller', 'target'].map((role) => pair.agents[role].take(COUNT[role], timeout)));
  const records = [];
  ['caller', 'target'].forEach((role, r) =>
    got[r].forEach((arrival, i) => {
      const due = OFFSETS[role][i] * timeScale;
      records.push({
        http: records.length === 0 && r === 0 ? t1 - t0 : undefined,
        fromAnswer: arrival.at - (t1 + due),
        fromRequest: arrival.at - (t0 + due),
        server: arrival.gws && typeof arrival.gws.dueAt === 'number' ? arrival.at - arrival.gws.dueAt : undefined,
        timer: arrival.gws && typeof arrival.gws.sentAt === 'number' ? arrival.gws.sentAt - arrival.gws.dueAt : undefined,
        wrongKind: arrival.kind !== EXPECTED_KINDS[role][i],
      });
    }),
  );
  return records;
}

function summarise(records) {
  const pick = (key) => records.map((r) => r[key]).filter((v) => v !== undefined);
  return {
    notifications: records.length,
    fromAnswer: pick('fromAnswer'),
    fromRequest: pick('fromRequest'),
    server: pick('server'),
    timer: pick('timer'),
    http: pick('http'),
    wrongKind: records.filter((r) => r.wrongKind).length,
  };
}

const keepAll = (keep) => pairs.forEach((p) => (p.agents.caller.keep = p.agents.target.keep = keep));

const commands = {
  connect,

  /** JIT and connection warm-up: `count` pairs operate at once on `session`; nothing is recorded. */
  async warmup({ count, session, timeScale }) {
    keepAll(true);
    await Promise.all(pairs.slice(0, count).map((pair) => timedOperation(pair, session, timeScale).catch(noteError)));
    return { errors: errors.splice(0) };
  },

  /** `count` operations one after another, each waiting for all of its notifications. */
  async latency({ count, session }) {
    keepAll(true);
    const records = [];
    for (let i = 0; i < count; i++) {
      try {
        records.push(...(await timedOperation(pairs[i % pairs.length], session + Math.floor(i / pairs.length), 0)));
      } catch (error) {
        noteError(error);
      }
    }
    return { ...summarise(records), errors: errors.splice(0) };
  },

  /** Every pair runs its sessions [from, to) back to back (next request on the HTTP answer): saturation. */
  async throughput({ from, to }) {
    keepAll(false);
    const before = new Map(pairs.map((p) => [p, [p.agents.caller.count, p.agents.target.count]]));
    const expected = received + pairs.length * (to - from) * (COUNT.caller + COUNT.target);
    const start = now();
    let ops = 0;
    await Promise.all(
      pairs.map(async (pair) => {
        for (let k = from; k < to; k++) {
          try {
            await operate(pair, k);
            ops++;
          } catch (error) {
            noteError(error);
          }
        }
      }),
    );
    const requestsDone = now();
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 30000);
      totalWaiter = { n: expected, wake: () => (clearTimeout(timer), resolve()) };
      if (received >= expected) totalWaiter.wake();
    });
    totalWaiter = undefined;
    let wrongCount = 0;
    for (const pair of pairs) {
      const [c, t] = before.get(pair);
      if (pair.agents.caller.count - c !== (to - from) * COUNT.caller || pair.agents.target.count - t !== (to - from) * COUNT.target) wrongCount++;
    }
    const notifications = received - (expected - pairs.length * (to - from) * (COUNT.caller + COUNT.target));
    return { start, requestsDone, end: lastArrival, ops, notifications, expected: pairs.length * (to - from) * 7, agentsWithWrongCount: wrongCount, errors: errors.splice(0) };
  },

  /** Operations at a steady `rate` per second for `durationMs`, a pair never overlapping itself. */
  async fidelity({ rate, durationMs, session, timeScale }) {
    keepAll(true);
    const total = Math.max(1, Math.round((rate * durationMs) / 1000));
    const interval = 1000 / rate;
    const records = [];
    const running = [];
    const start = now() + 20;
    let cursor = 0;
    let skipped = 0;
    for (let i = 0; i < total; i++) {
      const wait = start + i * interval - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      let pair;
      for (let tries = 0; tries < pairs.length && !pair; tries++) {
        const candidate = pairs[cursor++ % pairs.length];
        if (!candidate.busy) pair = candidate;
      }
      if (!pair) {
        skipped++;
        continue;
      }
      pair.busy = true;
      const k = session + pair.nextSession++;
      running.push(
        timedOperation(pair, k, timeScale)
          .then((r) => records.push(...r), noteError)
          .finally(() => (pair.busy = false)),
      );
    }
    await Promise.all(running);
    return { ...summarise(records), skipped, errors: errors.splice(0) };
  },

  /** Every pair removes at the same moment. */
  async burst({ session, timeScale }) {
    keepAll(true);
    const records = [];
    await Promise.all(
      pairs.map((pair) =>
        timedOperation(pair, session + pair.nextSession++, timeScale).then((r) => records.push(...r), noteError),
      ),
    );
    return { ...summarise(records), errors: errors.splice(0) };
  },

  /** Back to each pair's first session (the server was reset to the fixture). */
  async rewind() {
    for (const pair of pairs) pair.nextSession = 0;
    return {};
  },

  async close() {
    for (const client of clients) client.close();
    return {};
  },
};

process.on('message', async (message) => {
  try {
    const result = await commands[message.cmd](message.args || {});
    process.send({ id: message.id, result });
    if (message.cmd === 'close') setTimeout(() => process.exit(0), 50);
  } catch (error) {
    process.send({ id: message.id, error: String(error && error.stack ? error.stack : error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
