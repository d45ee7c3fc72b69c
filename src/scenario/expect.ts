import { isDeepStrictEqual } from 'node:util';

/**
 * What one notification must be: a kind (`"Notice"`), or a kind and partial field matches
 * (`{"kind": "StatusChange", "match": {"facebooksession.state": "LeftChat"}}`). Scenario files
 * and the test harness share this language and this implementation.
 */
export type Expected = string | { kind?: string; match?: Record<string, unknown> };

/**
 * A notification's kind: the type of the messages of a NewMessages notification (`Notice`,
 * `ParticipantLeft`, joined by `+` if several), else its notificationType (`StatusChange`,
 * `ParticipantsUpdated`), else its messageType.
 */
export function kindOf(notification: unknown): string {
  const n = (notification ?? {}) as { notificationType?: unknown; messageType?: unknown; messages?: unknown };
  if (n.notificationType === 'NewMessages' && Array.isArray(n.messages) && n.messages.length > 0) {
    return n.messages.map((m: { type?: unknown }) => String(m?.type)).join('+');
  }
  return String(n.notificationType ?? n.messageType ?? '(no notificationType)');
}

/** `a.b[0].c` -> ['a', 'b', 0, 'c']; keys may not contain `.` or `[`. */
export function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (match[1] === '' && match[2] === '')) throw new Error(`'${path}' is not a field path (write it like messages[0].type)`);
    if (match[1] !== '') segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

const MISSING = Symbol('missing');

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return MISSING;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Whether `actual` fits `expected`: objects match when every expected key matches (extra keys
 * are fine), arrays element by element with the same length, anything else by equality.
 */
function fits(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => fits(e, actual[i]));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, e]) => Object.hasOwn(actual, key) && fits(e, (actual as Record<string, unknown>)[key]));
  }
  return isDeepStrictEqual(expected, actual);
}

/** Why `notification` does not meet `expected`: one line per mismatch; empty when it does. */
export function mismatches(expected: Expected, notification: unknown): string[] {
  const { kind, match = {} } = typeof expected === 'string' ? { kind: expected } : expected;
  const problems: string[] = [];
  if (kind !== undefined && kindOf(notification) !== kind) problems.push(`kind: expected ${kind}, received ${kindOf(notification)}${severalMessages(kind, notification)}`);
  for (const [path, want] of Object.entries(match)) {
    const got = valueAt(notification, parsePath(path));
    if (got === MISSING) problems.push(`${path}: expected ${show(want)}, received nothing (no such field)`);
    else if (!fits(want, got)) problems.push(`${path}: expected ${show(want)}, received ${show(got)}`);
  }
  return problems;
}

/** Why an expected kind missed a notification that carries it among several messages. */
function severalMessages(kind: string, notification: unknown): string {
  const parts = kindOf(notification).split('+');
  if (parts.length < 2 || !kind.split('+').every((part) => parts.includes(part))) return '';
  return ` (one NewMessages notification with ${parts.length} messages: its kind names them all, joined with +)`;
}

export function describeExpected(expected: Expected): string {
  if (typeof expected === 'string') return expected;
  const fields = Object.entries(expected.match ?? {}).map(([path, value]) => `${path}=${show(value)}`);
  return [expected.kind ?? '(any kind)', ...fields].join(' ');
}

/** One agent's notifications against what it should have received, in order. */
export interface AgentVerdict {
  agent: string;
  ok: boolean;
  /** The kinds expected and received, in order. */
  expected: string[];
  received: string[];
  /** One line per problem: `#2: kind: expected ParticipantLeft, received StatusChange`. */
  problems: string[];
}

export function compare(agent: string, expected: readonly Expected[], received: readonly unknown[]): AgentVerdict {
  const problems: string[] = [];
  for (let i = 0; i < Math.max(expected.length, received.length); i++) {
    if (i >= received.length) problems.push(`#${i + 1}: expected ${describeExpected(expected[i])}, received nothing`);
    else if (i >= expected.length) problems.push(`#${i + 1}: expected nothing more, received ${kindOf(received[i])}`);
    else for (const problem of mismatches(expected[i], received[i])) problems.push(`#${i + 1}: ${problem}`);
  }
  const kinds = expected.map((e) => (typeof e === 'string' ? e : (e.kind ?? '(any kind)')));
  return { agent, ok: problems.length === 0, expected: kinds, received: received.map(kindOf), problems };
}

/** A failed verdict as people read it: the problems, then both lists side by side. */
export function formatVerdict(verdict: AgentVerdict): string {
  return [
    `${verdict.agent}:`,
    ...verdict.problems.map((p) => `  ${p}`),
    `  expected: ${verdict.expected.join(', ') || '(nothing)'}`,
    `  received: ${verdict.received.join(', ') || '(nothing)'}`,
  ].join('\n');
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
