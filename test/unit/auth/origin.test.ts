import { normalizeOrigin, refusedOrigin } from '../../../src/auth/origin';

describe('refusedOrigin', () => {
  const host = '127.0.0.1:8090';
  test.each([
    ['no Origin', undefined, []],
    ['the same origin', 'http://127.0.0.1:8090', []],
    ['a listed origin', 'http://localhost:3000', ['http://localhost:3000']],
    ['any origin with *', 'https://elsewhere.example', ['*']],
  ])('allows %s', (_name, origin, allow) => {
    expect(refusedOrigin({ host, ...(origin ? { origin } : {}) }, allow)).toBeUndefined();
  });

  test.each([
    ['another host', 'http://evil.example', []],
    ['another port', 'http://127.0.0.1:8091', []],
    ['"null"', 'null', ['http://localhost:3000']],
    ['garbage', '::::', []],
    ['a host that only starts like ours', 'http://127.0.0.1:8090.evil.example', []],
    ['our host:port over https', 'https://127.0.0.1:8090', []],
    ['our host:port over ftp', 'ftp://127.0.0.1:8090', []],
  ])('refuses %s, saying what to do', (_name, origin, allow) => {
    expect(refusedOrigin({ host, origin }, allow)).toMatch(/--allow-origin/);
  });
});

describe('normalizeOrigin', () => {
  test('reduces a URL to its origin; keeps *', () => {
    expect(normalizeOrigin('http://Desktop.example:3000/app/')).toBe('http://desktop.example:3000');
    expect(normalizeOrigin('*')).toBe('*');
  });

  test.each(['desktop.example', 'ftp://x', ''])('refuses %j', (value) => {
    expect(() => normalizeOrigin(value)).toThrow(/--allow-origin/);
  });
});
