import fc from 'fast-check';
import { pathOf } from '../../../src/http/request-path';

/** What faye reads a request's path as: a WHATWG URL's pathname, or a throw. */
function whatwg(url: string): string | undefined {
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

describe('pathOf: the path of a request URL, as faye reads it', () => {
  test.each(['/api/v2/notifications', '/api/v2/notifications?x=1#y', '//', '//evil/api/v2/notifications', '/api/v2/../v2/notifications', '/api/v2/%2e%2e/x', '/a\\b', '/api/v2/./notifications', '/', ''])(
    '%j as a URL parser reads it',
    (url) => expect(pathOf(url)).toBe(whatwg(url)),
  );

  test('any URL, odd characters and dot segments included, as a URL parser reads it', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9.%\\?#;:@ !$&'()*+,=~_-]{0,6}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, leadingSlashes) => {
        const url = `${leadingSlashes ? '//' : '/'}${segments.join('/')}`;
        expect(pathOf(url)).toBe(whatwg(url));
      }),
      { numRuns: 2000 },
    );
  });
});
