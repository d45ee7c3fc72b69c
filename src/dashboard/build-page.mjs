// Run by `npm run build`: bundles the dashboard page (src/dashboard/page, Preact and htm) into
// dist/dashboard/page/app.js and app.css, with the license of every bundled package beside them.
// The package ships it built: `npm start` serves it, and the browser fetches nothing elsewhere.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, shipLicenses } from '../build/licenses.mjs';

const out = path.join(ROOT, 'dist', 'dashboard', 'page');

mkdirSync(out, { recursive: true });
const { metafile } = await build({
  metafile: true,
  entryPoints: [path.join(import.meta.dirname, 'page', 'main.ts')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  logLevel: 'warning',
});
const notice = shipLicenses(metafile, out);
writeFileSync(path.join(out, 'app.js'), `/* gws-sim dashboard. Bundled: ${notice}; their licenses are in this folder. */\n${readFileSync(path.join(out, 'app.js'), 'utf8')}`);
