'use strict';
/** Percentiles and the stdout table. */

/** Nearest-rank percentiles of a list of numbers (ms). */
function summary(values) {
  if (!values || values.length === 0) return { n: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { n: sorted.length, min: sorted[0], p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean };
}

const fmt = (v, digits = 2) => (v === undefined || v === null || Number.isNaN(v) ? '-' : Number(v).toFixed(digits));
const ratio = (v) => (v === undefined || v === null ? '-' : `${fmt(v, 2)}x`);
const verdict = (met) => (met ? 'met' : 'MISSED');

function grid(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] || '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function table(results) {
  const o = results.options;
  const out = [];
  const m = results.machine;
  out.push(`gws-sim bench ${results.date} (commit ${results.commit || '?'}), node ${m.node}, ${m.cpus} CPUs ${m.cpuModel || ''}`);
  out.push(`${o.agents} agents, ${o.workers} client processes, raw Bayeux clients unless said otherwise${o.quick ? ', QUICK run' : ''}`);
  if (o.nodes !== undefined) out.push(`gws-sim as a cluster of ${o.nodes} node${o.nodes > 1 ? 's' : ''} on one Redis (pair p: caller on node p % ${o.nodes}, target on (p + 1) % ${o.nodes}); server CPU = all nodes' CPU; no bare-faye runs`);
  if (results.loadAverage) out.push(`load average before ${results.loadAverage.before.map((v) => fmt(v)).join(' ')}, after ${(results.loadAverage.after || []).map((v) => fmt(v)).join(' ')}`);

  const transports = Object.entries(results.transports);
  const pct = (s) => [s.n, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)];

  out.push('', `1. Latency at time scale 0, HTTP answer -> arrival (ms), ${o.latencyOps} operations one at a time`);
  const latRows = [];
  for (const [t, r] of transports) {
    latRows.push([t, 'gws-sim', ...pct(r.latency.sim.latencyMs)]);
    if (!r.latency.baseline) continue;
    latRows.push([t, 'bare faye', ...pct(r.latency.baseline.latencyMs)]);
    latRows.push([t, 'ratio', '', ratio(r.latency.ratio.p50), ratio(r.latency.ratio.p95), ratio(r.latency.ratio.p99), ratio(r.latency.ratio.max)]);
  }
  out.push(grid(['transport', 'system', 'n', 'p50', 'p95', 'p99', 'max'], latRows));

  out.push('', `2. Throughput at saturation: every pair removes ${o.throughputRounds} times back to back (${o.agents / 2} requests in flight)`);
  const thRows = [];
  for (const [t, r] of transports) {
    for (const [name, s] of [['gws-sim', r.throughput.sim], ['bare faye', r.throughput.baseline]]) {
      if (s) thRows.push([t, name, s.notifications, `${s.expected}`, fmt(s.seconds, 2), fmt(s.perSecond, 0), fmt(s.serverCpuUsPerNotification, 1), fmt(s.serverCpuShare * 100, 0)]);
    }
    if (r.throughput.baseline) thRows.push([t, 'ratio', '', '', '', ratio(r.throughput.ratio), '', '']);
  }
  out.push(grid(['transport', 'system', 'received', 'expected', 's', 'notif/s', 'srv CPU us/notif', 'srv CPU %'], thRows));
  const clustered = transports.filter(([, r]) => r.throughput.sim.redisCommands);
  if (clustered.length) {
    out.push('', '   The cluster in the throughput run, per notification: each node\'s CPU, Redis\'s own CPU and commands');
    const rows = clustered.map(([t, r]) => {
      const s = r.throughput.sim;
      const top = Object.entries(s.redisCommands).sort((a, b) => b[1] - a[1]).slice(0, 8);
      return [t, s.nodeCpuUsPerNotification.map((v) => fmt(v, 1)).join(' + '), fmt(s.redisCpuUsPerNotification, 1), fmt(s.redisCommandsPerNotification, 2), top.map(([c, n]) => `${c} ${fmt(n / s.notifications, 2)}`).join(', ')];
    });
    out.push(grid(['transport', 'node CPU us', 'Redis CPU us', 'Redis cmds', 'commands per notification'], rows));
  }

  if (transports.some(([, r]) => r.fidelity)) {
    out.push('', `3. Timing fidelity at time scale 1, ${o.agents} agents connected: lateness vs schedule (ms)`);
    out.push('   scheduled = request sent + cumulative afterMs; server = arrival - ext.gwsSim.dueAt (when the simulator stamps it)');
    const fiRows = [];
    for (const [t, r] of transports.filter(([, x]) => x.fidelity)) {
      for (const [name, f] of [[`paced ${r.fidelity.paced.operationsPerSecond} ops/s`, r.fidelity.paced], [`burst ${r.fidelity.burst.operations} ops at once`, r.fidelity.burst]]) {
        const s = f.latenessMs;
        const srv = f.serverLatenessMs || {};
        fiRows.push([t, name, s.n, fmt(s.p50), fmt(s.p99), fmt(s.max), fmt(srv.p50), fmt(srv.p99), fmt(srv.max)]);
      }
    }
    out.push(grid(['transport', 'load', 'n', 'p50', 'p99', 'max', 'server p50', 'server p99', 'server max'], fiRows));
  }

  if (results.memory.length) {
    out.push('', '4. Server memory per connected agent (after full GC, minus the server with no agent)');
    const memRows = [];
    for (const m of results.memory) {
      for (const row of m.rows) {
        memRows.push([m.system === 'sim' ? 'gws-sim' : 'bare faye', m.transport, row.agents, row.connectedServerSide ?? '-', fmt(row.rssBytes / 2 ** 20, 0), fmt(row.rssPerAgentKB, 1), fmt(row.heapPerAgentKB, 1)]);
      }
    }
    out.push(grid(['system', 'transport', 'agents', 'seen by sim', 'RSS MB', 'RSS KB/agent', 'heap KB/agent'], memRows));
  }

  const official = transports.filter(([, r]) => r.official);
  if (official.length) {
    out.push('', '5. Official CometD client (cometd + cometd-nodejs-client): latency (ms) and order check');
    const rows = [];
    for (const [t, r] of official) {
      for (const [name, s] of [['gws-sim', r.official.sim], ['bare faye', r.official.baseline]]) {
        rows.push([t, name, ...pct(s.latencyMs), s.wrongKind]);
      }
      rows.push([t, 'ratio', '', '', '', ratio(r.official.ratioP99), '', '']);
    }
    out.push(grid(['transport', 'system', 'n', 'p50', 'p95', 'p99', 'max', 'wrong kind/order'], rows));
  }

  const ceilings = results.ceilings || [];
  if (ceilings.length) {
    out.push('', `6. ${o.nodes ? `Ceiling of ${o.nodes} node(s) on one Redis` : 'One-process ceiling'} at time scale 1: paced operations, doubling until lateness p99 passes ${ceilings[0].latenessLimitMs} ms`);
    const rows = [];
    for (const c of ceilings) {
      for (const s of c.steps) {
        rows.push([c.transport, c.agents, s.operationsPerSecond, s.notificationsPerSecond, fmt(s.latenessMs.p50), fmt(s.latenessMs.p99), fmt((s.serverLatenessMs || {}).p99), s.skipped, s.sustained ? 'yes' : 'no']);
      }
    }
    out.push(grid(['transport', 'agents', 'ops/s', 'notif/s', 'p50', 'p99', 'server p99', 'skipped', 'sustained'], rows));
    for (const c of ceilings) {
      out.push(`   ${c.transport}: ${c.agents} agents, ${c.notificationsPerSecond} notifications/s (${c.operationsPerSecond} operations/s)${c.agentBound ? ' or more: the agents, not the server, set the limit' : ''}`);
    }
  }

  if (results.flood) {
    const f = results.flood;
    out.push('', `7. Made-up clientIds: ${f.requests} /meta/connect without credentials, each with a new clientId`);
    out.push(grid(['refused (402)', 'heap growth MB', 'RSS growth MB'], [[`${f.refused} of ${f.requests}`, fmt(f.heapGrowthBytes / 2 ** 20, 1), fmt(f.rssGrowthBytes / 2 ** 20, 1)]]));
  }

  out.push('', 'Targets');
  out.push(grid(['target', 'transport', 'measured', 'limit', 'verdict'], results.targets.map((x) => [x.target, x.transport, fmt(x.value), x.limit, verdict(x.met)])));
  return `${out.join('\n')}\n`;
}

module.exports = { summary, table, fmt };
