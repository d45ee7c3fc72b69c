import { repeatedLog } from '../../src/repeated-log';

describe('repeatedLog', () => {
  test('logs the first line of a kind, then one a quiet period saying how many went unlogged; kinds are apart', () => {
    const lines: string[] = [];
    let now = 0;
    const log = repeatedLog((line) => lines.push(line), () => now, 1000);
    for (let i = 0; i < 50; i++) log('refused', `refused ${i}`);
    log('idle', 'idle 0');
    expect(lines).toEqual(['refused 0', 'idle 0']);
    now = 1000;
    log('refused', 'refused 50');
    log('refused', 'refused 51');
    expect(lines).toEqual(['refused 0', 'idle 0', 'refused 50 (and 49 more like it since the last such line)']);
    now = 5000;
    log('refused', 'refused 52');
    expect(lines.at(-1)).toBe('refused 52 (and 1 more like it since the last such line)');
  });
});
