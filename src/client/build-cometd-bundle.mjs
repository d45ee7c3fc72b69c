// Run by `npm run build`: bundles the official CometD client (ES modules only) into
// dist/vendor/cometd.cjs, which gws-sim's CommonJS code and any test runner can require, and
// ships the license of every package in the bundle beside it.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, shipLicenses } from '../build/licenses.mjs';

const out = path.join(ROOT, 'dist', 'vendor');

mkdirSync(out, { recursive: true });
const { metafile } = await build({
  metafile: true,
  entryPoints: [path.join(import.meta.dirname, 'cometd-bundle.mjs')],
  inject: [path.join(import.meta.dirname, 'cometd-window.mjs')],
  outfile: path.join(out, 'cometd.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['ws'],
  logLevel: 'warning',
});
const notice = shipLicenses(metafile, out);
writeFileSync(path.join(out, 'cometd.cjs'), `/* Bundled: ${notice}; their licenses are in this folder. */\n${readFileSync(path.join(out, 'cometd.cjs'), 'utf8')}`);

// The official browser build as one ES module, which `gws-sim serve` serves at /cometd.js: a desktop page imports it
// from the simulator instead of installing cometd (README "A browser desktop").
const browser = await build({
  metafile: true,
  entryPoints: [path.join(ROOT, 'node_modules', 'cometd', 'cometd.js')],
  outfile: path.join(out, 'cometd.browser.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  logLevel: 'warning',
});
const browserNotice = shipLicenses(browser.metafile, out);
writeFileSync(path.join(out, 'cometd.browser.js'), `/* Served by gws-sim at /cometd.js. Bundled: ${browserNotice}; its license is cometd.LICENSE beside this file. */\n${readFileSync(path.join(out, 'cometd.browser.js'), 'utf8')}`);
