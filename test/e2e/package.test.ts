import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plainEnv, ROOT } from '../helpers/cli';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The code block between the README's readme-example markers. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- readme-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- readme-example:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no ```js block between <!-- readme-example:start --> and <!-- readme-example:end -->');
  return block[1];
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

  test('ships the built files, the vendored CometD client with licenses, and the scenarios; no sources or tests', () => {
    const installed = path.join(project, 'node_modules', 'gws-sim');
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/vendor/cometd.cjs', 'dist/vendor/cometd.LICENSE', 'scenarios/agent1-removes-agent2.json']) {
      expect(fs.existsSync(path.join(installed, file))).toBe(true);
    }
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'test'))).toBe(false);
    expect(fs.existsSync(path.join(project, 'node_modules', 'cometd'))).toBe(false);
  });

  test("the README's example passes under Jest, unconfigured", () => {
    fs.writeFileSync(path.join(project, 'readme-example.test.js'), readmeExample());
    const jest = sh(process.execPath, [JEST, '--rootDir', project, '--ci', '--colors=false'], project);
    expect(jest.out).toMatch(/Tests: +3 passed, 3 total/);
    expect(jest.out).not.toMatch(/Warning/); // e.g. Jest's about a global the CometD client touched after the file ended
    expect(jest.code).toBe(0);
  }, 120_000);

  test('an ES module imports it by name, and node:test runs it', () => {
    fs.writeFileSync(
      path.join(project, 'esm.test.mjs'),
      [
        "import { test } from 'node:test';",
        "import assert from 'node:assert/strict';",
        "import { createSimulator } from 'gws-sim';",
        "test('removal under node:test', async () => {",
        '  const sim = await createSimulator({ timeScale: 0 });',
        '  try {',
        "    const agent1 = await sim.agent('agent1');",
        "    const answer = await agent1.perform('RemoveParticipantFromConference', '0002EaAY01MT0082', { targetPath: '/users/e2c90c960d3d40c79684818983ceb314' });",
        '    assert.equal(answer.statusCode, 0);',
        "    await sim.expect({ agent1: ['Notice', 'ParticipantsUpdated', 'ParticipantLeft'] });",
        '  } finally {',
        '    await sim.close();',
        '  }',
        '});',
      ].join('\n'),
    );
    const result = sh(process.execPath, ['--test', 'esm.test.mjs'], project, 60_000);
    expect(result.out).toMatch(/# pass 1/);
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
