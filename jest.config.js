const fs = require('node:fs');
const path = require('node:path');

/**
 * The official CometD client (cometd, cometd-nodejs-client) and the proxy agents it loads ship as
 * ES modules only, while this project is CommonJS: ts-jest (allowJs) compiles every installed
 * package whose package.json says "type": "module", and Jest leaves the rest alone.
 */
function esmPackages(dir = path.join(__dirname, 'node_modules')) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((name) => {
    if (name.startsWith('@')) return esmPackages(path.join(dir, name)).map((sub) => `${name}/${sub}`);
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8'));
      return manifest.type === 'module' ? [name] : [];
    } catch {
      return [];
    }
  });
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // cometd-nodejs-client's adapt() installs a global `window` whose timers the client still uses
  // while a test file's clients wind down; Jest's cleanup of globals between files would break them.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/test/tsconfig.json',
        // TS151001: ts-jest's note about esModuleInterop, which tsconfig.json already sets.
        // TS151002: its note on module node20; every file here is CommonJS, and the suite proves it runs.
        diagnostics: { ignoreCodes: [151001, 151002] },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`],
  testTimeout: 20000,
  // Jest's default on two cores is one worker: the files then run one after another, though most
  // wait on servers and timers. Two at once took the suite from about 535 s to 337 s on CI's kind
  // of machine, every test passing.
  maxWorkers: 2,
};
