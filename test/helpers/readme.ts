import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli';

/**
 * The README's executable examples: each ```js block right after a `<!-- example: RUNNER FILE -->`
 * marker, by RUNNER (jest, vitest, node-test, cometd). Tests write them to FILE and run them, so
 * the README and what is executed cannot drift apart.
 */
export function readmeExample(runner: string): { file: string; code: string } {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const block of readme.matchAll(/<!-- example: (\S+) (\S+) -->\n```js\n([\s\S]*?)```/g)) {
    if (block[1] === runner) return { file: block[2], code: block[3] };
  }
  throw new Error(`README.md has no \`\`\`js block after <!-- example: ${runner} FILE -->`);
}
