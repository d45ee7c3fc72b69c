/** A plain absolute path, as nearly every request has: characters a URL parser keeps as they are, no dot segment. */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/**
 * The path as faye reads it (a WHATWG URL: "//host/path" has the pathname "/path", "/a/../b" is
 * "/b"), or undefined when a URL parser cannot read it (faye would throw on it, killing the
 * process). A plain path is taken as it is, without the parser.
 */
export function pathOf(url: string | undefined): string | undefined {
  const raw = url ?? '';
  const end = raw.search(/[?#]/);
  const path = end < 0 ? raw : raw.slice(0, end);
  if (PLAIN_PATH.test(path) && !path.includes('/.')) return path;
  try {
    return new URL(raw, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}
