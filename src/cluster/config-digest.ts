import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Fixture } from '../gws/fixture';
import { modelLimitsOf, pickLimits, type ModelLimits } from '../gws/limits';

/**
 * What the nodes of a cluster must share, as one digest: the fixture, the scenario files and the
 * model's limits. Every node applies every change to its own model: with another fixture or
 * limit, the same change would give another state.
 */
export function configDigest(fixture: Fixture, options: Partial<ModelLimits> & { scenarios?: readonly string[] }): string {
  const scenarios = (options.scenarios ?? []).map((file) => readFileSync(file, 'utf8'));
  return createHash('sha256').update(JSON.stringify({ fixture, limits: modelLimitsOf(pickLimits(options)), scenarios })).digest('hex');
}
