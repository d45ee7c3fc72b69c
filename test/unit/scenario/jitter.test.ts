import { jitterOffset, seededRandom } from '../../../src/scenario/jitter';

describe('jitter', () => {
  it('the same seed draws the same offsets; another seed, others', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => jitterOffset({ distribution: 'uniform', maxMs: 50 }, random));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it.each([
    { distribution: 'uniform', maxMs: 20 },
    { distribution: 'normal', maxMs: 20 },
    { distribution: 'normal', maxMs: 20, sdMs: 100 },
  ] as const)('%j stays within ±maxMs and uses both sides', (jitter) => {
    const random = seededRandom(1);
    const offsets = Array.from({ length: 2000 }, () => jitterOffset(jitter, random));
    expect(Math.max(...offsets.map(Math.abs))).toBeLessThanOrEqual(20);
    expect(offsets.some((o) => o < -5)).toBe(true);
    expect(offsets.some((o) => o > 5)).toBe(true);
  });

  it('normal offsets cluster around 0 more than uniform ones', () => {
    const near = (distribution: 'uniform' | 'normal') => {
      const random = seededRandom(3);
      return Array.from({ length: 4000 }, () => jitterOffset({ distribution, maxMs: 30 }, random)).filter((o) => Math.abs(o) < 10).length;
    };
    expect(near('normal')).toBeGreaterThan(near('uniform') * 1.3);
  });
});
