import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plainEnv, ROOT, within } from '../helpers/cli';
import { readmeExample } from '../helpers/readme';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** Writes the README's example for `runner` into its own folder of `project`; returns the folder. */
function writeExample(project: string, runner: string): string {
  const { file, code } = readmeExample(runner);
  const dir = path.join(project, runner);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), code);
  return dir;
}

function sh(command: string, args: string[], cwd: string, timeout = 180_000) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: plainEnv() });
  return { code: result.status, out: `${result.stdout}\n${result.stderr}` };
}

/**
 * npm pack, installed into a new project with nothing but the tarball: the README example runs
 * there under Jest with no configuration, the types resolve, and the bin works. This proves that
 * nothing needed at run time is a devDependency.
 */
describe('the packed package, installed into another project', () => {
  let project: string;
  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-sim-consumer-'));
    const pack = sh(NPM, ['pack', '--ignore-scripts', '--pack-destination', project, '--json'], ROOT);
    expect(pack.code).toBe(0);
    const tarball = (JSON.parse(pack.out.slice(pack.out.indexOf('['), pack.out.lastIndexOf(']') + 1)) as { filename: string }[])[0].filename;
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const install = sh(NPM, ['install', path.join(project, tarball), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], project);
    if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.out}`);
  }, 240_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test('ships the built files, the vendored CometD client and the dashboard page with licenses, and the scenarios; no sources or tests', () => {
    const installed = path.join(project, 'node_modules', 'gws-sim');
    const shipped = ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/vendor/cometd.cjs', 'dist/vendor/cometd.browser.js', 'dist/vendor/cometd.LICENSE', 'scenarios/agent1-removes-agent2.json'];
    for (const file of [...shipped, 'dist/dashboard/page/app.js', 'dist/dashboard/page/app.css', 'dist/dashboard/page/preact.LICENSE', 'dist/dashboard/page/htm.LICENSE']) {
      expect({ file, shipped: fs.existsSync(path.join(installed, file)) }).toEqual({ file, shipped: true });
    }
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'test'))).toBe(false);
    for (const bundled of ['cometd', 'preact', 'htm']) expect(fs.existsSync(path.join(project, 'node_modules', bundled))).toBe(false);
  });

  test('its gws-sim serve serves the dashboard page and its script', async () => {
    const bin = path.join(project, 'node_modules', '.bin', 'gws-sim');
    const server = spawn(bin, ['serve', '--port', '0', '--quiet'], { cwd: project, env: plainEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    const closed = new Promise((resolve) => server.once('close', resolve));
    try {
      let stdout = '';
      const url = await within(
        new Promise<string>((resolve) => server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const dashboard = /^dashboard: (\S+)\/$/m.exec(stdout);
          if (dashboard) resolve(dashboard[1]);
        })),
        10_000,
        () => `no dashboard line: ${stdout}`,
      );
      const page = await fetch(`${url}/`, { headers: { Accept: 'text/html' } });
      expect(await page.text()).toContain('/sim/dashboard/app.js');
      const script = await fetch(`${url}/sim/dashboard/app.js`);
      expect(script.status).toBe(200);
    } finally {
      server.kill('SIGKILL');
      await closed;
    }
  });

  test("the README's Jest example passes, unconfigured", () => {
    const dir = writeExample(project, 'jest');
    const jest = sh(process.execPath, [JEST, '--rootDir', dir, '--ci', '--colors=false'], dir);
    expect(jest.out).toMatch(/Tests: +3 passed, 3 total/);
    expect(jest.out).not.toMatch(/Warning/); // e.g. Jest's about a global the CometD client touched after the file ended
    expect(jest.code).toBe(0);
  }, 120_000);

  test("the README's Vitest example passes (vitest is the repo's: the project links it)", () => {
    const dir = writeExample(project, 'vitest');
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'vitest'), path.join(project, 'node_modules', 'vitest'), 'dir');
    try {
      const vitest = sh(process.execPath, [VITEST, 'run', '--root', dir], dir, 120_000);
      expect(vitest.out).toMatch(/Tests +1 passed \(1\)/);
      expect(vitest.code).toBe(0);
    } finally {
      fs.unlinkSync(path.join(project, 'node_modules', 'vitest'));
    }
  }, 150_000);

  test("the README's node:test example passes: an ES module imports it by name", () => {
    const dir = writeExample(project, 'node-test');
    const result = sh(process.execPath, ['--test', readmeExample('node-test').file], dir, 60_000);
    expect(result.out).toMatch(/# pass 1/);
    expect(result.out).toMatch(/# fail 0/);
    expect(result.code).toBe(0);
  });

  test('the types resolve from the package root, strictly', () => {
    fs.writeFileSync(
      path.join(project, 'typed.ts'),
      [
        "import { createSimulator, type Agent, type RunResult, type Simulator } from 'gws-sim';",
        'export async function typed(): Promise<RunResult> {',
        "  const sim: Simulator = await createSimulator({ timeScale: 0, clock: 'manual' });",
        "  const agent: Agent = await sim.agent('agent1', { transport: 'long-polling' });",
        "  await agent.next({ kind: 'Notice', match: { 'messages[0].type': 'Notice' } }, { timeoutMs: 100 });",
        "  return sim.run('x.json');",
        '}',
      ].join('\n'),
    );
    const types = path.join(ROOT, 'node_modules', '@types');
    const tsc = sh(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'node20', '--target', 'es2022', '--typeRoots', types, '--types', 'node', 'typed.ts'], project);
    expect(tsc.out.trim()).toBe('');
    expect(tsc.code).toBe(0);
  });

  test('the gws-sim bin runs', () => {
    const bin = path.join(project, 'node_modules', '.bin', 'gws-sim');
    const result = sh(bin, ['validate', path.join(project, 'node_modules', 'gws-sim', 'scenarios', 'agent1-removes-agent2.json')], project);
    expect(result.out).toContain('✓');
    expect(result.code).toBe(0);
  });
});
