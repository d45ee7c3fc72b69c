import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';

/**
 * A step's random offset, in ms, bounded to [-maxMs, +maxMs]: uniform over that range, or
 * normal around 0 with `sdMs` (default maxMs / 2), clamped to it.
 */
export interface Jitter {
  distribution: 'uniform' | 'normal';
  maxMs: number;
  sdMs?: number;
}

/** Numbers in [0, 1): the same seed gives the same sequence, so a jittered run repeats. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  // Mersenne Twister scrambles its seed: xoroshiro128+'s first draws barely move with small seeds.
  const generator = mersenne(seed);
  return () => uniformFloat64(generator);
}

export function jitterOffset(jitter: Jitter, random: Random): number {
  const { maxMs } = jitter;
  switch (jitter.distribution) {
    case 'uniform':
      return (random() * 2 - 1) * maxMs;
    case 'normal': {
      // Box-Muller; 1 - random() is in (0, 1], so the log is finite.
      const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return Math.max(-maxMs, Math.min(maxMs, gaussian * (jitter.sdMs ?? maxMs / 2)));
    }
    default: {
      const unknown: never = jitter.distribution;
      throw new Error(`unknown jitter distribution ${String(unknown)}`);
    }
  }
}
