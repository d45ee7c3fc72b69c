/** The bounds of a number option, and the `serve` flag that sets it. */
export interface Bound {
  min: number;
  max: number;
  flag: string;
}

/** How a refusal names an option and shows its value: createSimulator's option names by default; the CLI's flags. */
export interface Naming<K extends string> {
  nameOf?: (name: K) => string;
  shownOf?: (value: unknown, name: K) => string;
}

const shownAsGiven = (value: unknown) => (typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value)));

/**
 * The integer options given (the others at their defaults), each checked against its bounds: a
 * RangeError names the first one out of them. The one check of the model limits and the
 * websocket caps, for createSimulator and for `serve`'s flags alike.
 */
export function boundedIntegers<K extends string>(
  bounds: Readonly<Record<K, Bound>>,
  defaults: Readonly<Record<K, number>>,
  given: Partial<Record<K, unknown>>,
  { nameOf = String, shownOf = shownAsGiven }: Naming<K> = {},
): Record<K, number> {
  const resolved: Record<K, number> = { ...defaults };
  for (const name of Object.keys(bounds) as K[]) {
    const value = given[name];
    if (value === undefined) continue;
    const { min, max } = bounds[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${nameOf(name)} must be an integer from ${min} to ${max}, got ${shownOf(value, name)}`);
    }
    resolved[name] = value;
  }
  return resolved;
}
