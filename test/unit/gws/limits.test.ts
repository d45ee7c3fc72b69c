import { DEFAULT_LIMITS, LIMIT_BOUNDS, modelLimitsOf } from '../../../src/gws/limits';

describe('modelLimitsOf', () => {
  it('gives the defaults for what is not given, frozen', () => {
    const limits = modelLimitsOf({ maxInteractions: 5, maxMessageBytes: undefined });
    expect(limits).toEqual({ ...DEFAULT_LIMITS, maxInteractions: 5 });
    expect(Object.isFrozen(limits)).toBe(true);
  });

  it.each(Object.entries(LIMIT_BOUNDS))('%s takes its bounds and refuses past them, by the name asked for', (name, { min, max, flag }) => {
    expect(modelLimitsOf({ [name]: min })).toMatchObject({ [name]: min });
    expect(modelLimitsOf({ [name]: max })).toMatchObject({ [name]: max });
    for (const bad of [min - 1, max + 1, 2.5 + min, Number.NaN, Infinity, '10']) {
      expect(() => modelLimitsOf({ [name]: bad })).toThrow(new RegExp(`^${name} must be an integer from ${min} to ${max}, got `));
      expect(() => modelLimitsOf({ [name]: bad }, { nameOf: (n) => LIMIT_BOUNDS[n].flag })).toThrow(new RegExp(`^${flag} must be`));
    }
  });
});
