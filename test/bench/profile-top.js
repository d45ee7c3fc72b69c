#!/usr/bin/env node
'use strict';
/**
 * node test/bench/profile-top.js FILE.cpuprofile [N]: the functions with the most self time in a
 * V8 CPU profile (as `npm run bench -- --cpu-prof DIR` writes one per server), then the same
 * grouped by package or source folder: where the server's CPU went.
 */
const fs = require('node:fs');

const [file, count = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node test/bench/profile-top.js FILE.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map(profile.nodes.map((n) => [n.id, 0]));
profile.samples.forEach((id, i) => self.set(id, self.get(id) + (profile.timeDeltas[i] || 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (frame) => {
  const url = frame.url || '';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const d = /\/(dist|src)\/(.*)\/[^/]+$/.exec(url);
  if (d) return `gws-sim ${d[2]}`;
  if (/\/dist\/[^/]+$/.test(url)) return 'gws-sim';
  if (url.startsWith('node:')) return 'node core';
  return url ? url : `(${frame.functionName || 'native'})`;
};

const fns = new Map();
const groups = new Map();
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id);
  const key = `${f.functionName || '(anonymous)'}  ${(f.url || '').replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}`;
  fns.set(key, (fns.get(key) || 0) + us);
  const g = where(f);
  groups.set(g, (groups.get(g) || 0) + us);
}
const show = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n\nself time by function\n${show(fns, Number(count))}\n\nself time by package / folder\n${show(groups, 15)}`);
