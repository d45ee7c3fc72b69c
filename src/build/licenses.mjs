// Shared by the build scripts that bundle packages into dist/: which packages a bundle holds,
// and their licenses beside it.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const folderOf = (name) => path.join(ROOT, 'node_modules', name);
const manifest = (name) => JSON.parse(readFileSync(path.join(folderOf(name), 'package.json'), 'utf8'));

/**
 * Writes the license of every package in esbuild's `metafile` inputs to `out` (NAME.LICENSE) and
 * returns one line naming them with their versions and licenses, for the bundle's header.
 */
export function shipLicenses(metafile, out) {
  const bundled = [...new Set(Object.keys(metafile.inputs).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter(Boolean))];
  for (const name of bundled) {
    const license = readdirSync(folderOf(name)).find((file) => /^licen[cs]e(\.md|\.txt)?$/i.test(file));
    const target = path.join(out, `${name.replace('/', '__')}.LICENSE`);
    if (license) copyFileSync(path.join(folderOf(name), license), target);
    else writeFileSync(target, `${name} ${manifest(name).version}: ${manifest(name).license}, as its package.json declares (it ships no license file).\n`);
  }
  return bundled.map((name) => `${name} ${manifest(name).version} (${manifest(name).license})`).join(', ');
}
