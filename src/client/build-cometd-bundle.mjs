// Run by `npm run build`: bundles the official CometD client (ES modules only) into
// dist/vendor/cometd.cjs, which gws-sim's CommonJS code and any test runner can require, and
// ships the license of every package in the bundle beside it.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const out = path.join(root, 'dist', 'vendor');
const folderOf = (name) => path.join(root, 'node_modules', name);
const manifest = (name) => JSON.parse(readFileSync(path.join(folderOf(name), 'package.json'), 'utf8'));

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
const bundled = [...new Set(Object.keys(metafile.inputs).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter(Boolean))];
const notice = bundled.map((name) => `${name} ${manifest(name).version} (${manifest(name).license})`).join(', ');
writeFileSync(path.join(out, 'cometd.cjs'), `/* Bundled: ${notice}; their licenses are in this folder. */\n${readFileSync(path.join(out, 'cometd.cjs'), 'utf8')}`);
for (const name of bundled) {
  const license = readdirSync(folderOf(name)).find((file) => /^licen[cs]e(\.md|\.txt)?$/i.test(file));
  const target = path.join(out, `${name.replace('/', '__')}.LICENSE`);
  if (license) copyFileSync(path.join(folderOf(name), license), target);
  else writeFileSync(target, `${name} ${manifest(name).version}: ${manifest(name).license}, as its package.json declares (it ships no license file).\n`);
}
