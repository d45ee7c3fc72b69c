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
