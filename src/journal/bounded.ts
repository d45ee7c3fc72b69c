/** The most of one body (or ext, or query) the journal keeps, as JSON bytes: GWS operation bodies are a few hundred. */
export const MAX_BODY_BYTES = 4096;
/** The most of a path, or an error message, the journal keeps (characters). */
export const MAX_TEXT = 1024;
export const MASK = '***';

/** Keys whose values are secrets: never journaled, in a body, a query or an ext, at any depth. */
const SECRET = /pass(word)?|credential|secret|token|authori[sz]ation|cookie/i;

/** How deep the journal copies a body: the body parser reads any depth (a refusal of a deep body comes after it). */
export const MAX_DEPTH = 32;
export const DEEPER = '…';

/** A copy of `value` with every secret's value masked, cut at `MAX_DEPTH` levels (`…`); its size is `bounded`'s. */
export function masked(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return DEEPER;
  if (Array.isArray(value)) return value.map((v) => masked(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, SECRET.test(key) ? MASK : masked(v, depth + 1)]));
}

/**
 * `value` masked, as the journal keeps it: itself when its JSON fits in `maxBytes`, else the
 * first `maxBytes` of its JSON as a string, with the whole size (`bytes`).
 */
export function bounded(value: unknown, maxBytes = MAX_BODY_BYTES): { value: unknown; bytes?: number } {
  const safe = masked(value);
  const json = JSON.stringify(safe) ?? '';
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxBytes) return { value: safe };
  return { value: `${Buffer.from(json).subarray(0, maxBytes).toString('utf8')}…`, bytes };
}

export function clipped(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
