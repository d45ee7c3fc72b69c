import fs from 'node:fs';
import { defaultStreamFile, loadOperationStream } from '../../../src/scenario/loader';
import { tempFolder } from '../../helpers/files';
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

  it('the first draw moves with the seed: seeds 1 to 50 spread it over the whole range', () => {
    const firsts = Array.from({ length: 50 }, (_, i) => jitterOffset({ distribution: 'uniform', maxMs: 100 }, seededRandom(i + 1)));
    expect(firsts.filter((o) => o < -50).length).toBeGreaterThan(5);
    expect(firsts.filter((o) => o > 50).length).toBeGreaterThan(5);
    expect(firsts.filter((o) => Math.abs(o) < 50).length).toBeGreaterThan(10);
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

describe('jitter in a stream file', () => {
  const files = tempFolder('gws-sim-jitter-');

  it('offsets each step within its bounds, the same for the same seed, never below 0', () => {
    const file = JSON.parse(fs.readFileSync(defaultStreamFile('RemoveParticipantFromConference'), 'utf8'));
    file.streams.caller[0].jitter = { distribution: 'uniform', maxMs: 30 };
    file.streams.caller[1].jitter = { distribution: 'normal', maxMs: 200, sdMs: 400 };
    const stream = loadOperationStream(files.write(JSON.stringify(file)));
    const context = () => ({});
    const delays = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => stream.stepsFor('caller', context, random).map((s) => s.afterMs)).flat();
    };
    const [first, second, third] = [0, 1, 2].map((i) => delays(5).filter((_, n) => n % 3 === i));
    expect(delays(5)).toEqual(delays(5));
    expect(first.every((d) => d >= 10 && d <= 70)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(10);
    expect(second.every((d) => d >= 0 && d <= 320)).toBe(true);
    expect(second.some((d) => d === 0)).toBe(true);
    expect(new Set(third)).toEqual(new Set([150]));
  });

  it('an unknown distribution is refused with its path', () => {
    const file = JSON.parse(fs.readFileSync(defaultStreamFile('RemoveParticipantFromConference'), 'utf8'));
    file.streams.target[2].jitter = { distribution: 'triangular', maxMs: 5 };
    expect(() => loadOperationStream(files.write(JSON.stringify(file)))).toThrow(/\$\.streams\.target\[2\]\.jitter\.distribution \(line \d+\)/);
  });
});
