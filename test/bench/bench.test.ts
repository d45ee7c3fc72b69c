import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plainEnv } from '../helpers/cli';

/**
 * The benchmark script works and writes well-formed results: `npm run bench -- --quick`. It
 * checks shapes and correctness (every notification arrived, in order), never speed.
 */
const SCRIPT = path.join(__dirname, 'bench.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SCRIPT, ...args], { env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const percentiles = { n: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) };

describe('npm run bench -- --quick', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-bench-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints both systems side by side and writes the results file', async () => {
    const out = path.join(dir, 'results.json');
    const { code, stdout, stderr } = await run(['--quick', '--out', out]);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    for (const heading of ['1. Latency', '2. Throughput', '3. Timing fidelity', '4. Server memory', '5. Official CometD client', '6. One-process ceiling', '7. Made-up clientIds', 'Targets']) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toMatch(/gws-sim .*\n.*bare faye .*\n.*ratio/);

    const results = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(results.options).toMatchObject({ quick: true, agents: 100 });
    expect(Object.keys(results.transports)).toEqual(['websocket', 'long-polling']);
    for (const r of Object.values<any>(results.transports)) {
      for (const system of ['sim', 'baseline']) {
        expect(r.latency[system]).toMatchObject({ latencyMs: percentiles, wrongKind: 0, errors: [] });
        expect(r.latency[system].latencyMs.n).toBe(r.latency[system].notifications);
        expect(r.throughput[system].notifications).toBe(r.throughput[system].expected);
        expect(r.throughput[system]).toMatchObject({ agentsWithWrongCount: 0, errors: [], perSecond: expect.any(Number) });
        expect(r.official[system]).toMatchObject({ latencyMs: percentiles, wrongKind: 0, errors: [] });
      }
      expect(r.latency.ratio.p99).toEqual(expect.any(Number));
      expect(r.throughput.ratio).toEqual(expect.any(Number));
      for (const load of ['paced', 'burst']) {
        expect(r.fidelity[load]).toMatchObject({ latenessMs: percentiles, wrongKind: 0, errors: [] });
        expect(r.fidelity[load].notifications).toBeGreaterThan(0);
      }
    }
    expect(results.ceilings.map((c: { transport: string; agents: number }) => `${c.transport} ${c.agents}`)).toEqual(['websocket 100', 'long-polling 100', 'websocket 300']);
    for (const c of results.ceilings) {
      expect(c.steps.length).toBeGreaterThan(0);
      for (const step of c.steps) expect(step).toMatchObject({ operationsPerSecond: expect.any(Number), latenessMs: percentiles, sustained: expect.any(Boolean) });
      expect(c.notificationsPerSecond).toBe(7 * c.operationsPerSecond);
    }
    expect(results.flood).toMatchObject({ requests: 2000, refused: 2000, heapGrowthBytes: expect.any(Number) });
    expect(results.memory.length).toBeGreaterThan(0);
    for (const m of results.memory) {
      for (const row of m.rows) expect(row).toMatchObject({ agents: expect.any(Number), connectedServerSide: row.agents, rssPerAgentKB: expect.any(Number) });
    }
    expect(results.targets.length).toBeGreaterThanOrEqual(10);
    for (const t of results.targets) expect(t).toMatchObject({ target: expect.any(String), value: expect.any(Number), met: expect.any(Boolean) });
  }, 90_000);

  test('--nodes 2: the simulator as two nodes on one Redis, every notification delivered, the cluster costs apart', async () => {
    const out = path.join(dir, 'nodes.json');
    const { code, stdout, stderr } = await run(['--quick', '--nodes', '2', '--out', out]);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('a cluster of 2 nodes on one Redis');
    expect(stdout).not.toContain('bare faye');

    const results = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(results.options).toMatchObject({ nodes: 2, agents: 100 });
    for (const r of Object.values<any>(results.transports)) {
      expect(r.latency.sim).toMatchObject({ latencyMs: percentiles, wrongKind: 0, errors: [] });
      expect(r.latency.sim.latencyMs.n).toBe(r.latency.sim.notifications);
      expect(r.throughput.sim.notifications).toBe(r.throughput.sim.expected);
      expect(r.throughput.sim).toMatchObject({ agentsWithWrongCount: 0, errors: [], redisCpuUsPerNotification: expect.any(Number) });
      expect(r.throughput.sim.nodeCpuUsPerNotification).toEqual([expect.any(Number), expect.any(Number)]);
      // faye-redis queues each notification for its recipient (RPUSH) and announces it (PUBLISH).
      expect(r.throughput.sim.redisCommands.rpush).toBeGreaterThanOrEqual(r.throughput.sim.notifications);
      expect(r.throughput.sim.redisCommands.publish).toBeGreaterThanOrEqual(r.throughput.sim.notifications);
    }
    expect(results.ceilings.map((c: { transport: string }) => c.transport)).toEqual(['websocket', 'long-polling']);
    expect(results.memory).toEqual([]);
    expect(results.flood).toBeUndefined();
  }, 120_000);

  test('refuses a bad option with a message', async () => {
    const { code, stderr } = await run(['--agents', 'many']);
    expect(code).toBe(1);
    expect(stderr).toContain('--agents must be a positive number');
    const nodes = await run(['--nodes', '9']);
    expect(nodes.code).toBe(1);
    expect(nodes.stderr).toContain('--nodes must be a whole number from 1 to 8, got 9');
  });
});
