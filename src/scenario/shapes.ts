import { loadFixture } from '../gws/fixture';
import { closest } from '../suggest';
import { problemAt, type JsonSource, type Problem } from '../validation';
import type { OperationContext } from './context';
import { kindOf, parsePath, type Expected } from './expect';
import { roleContext, sampleOutcome, type OperationStreams } from './loader';
import type { ScriptStep } from './script-schema';

/**
 * The fields notifications of one kind have, level by level. `open` marks a value that a
 * placeholder fills in from the simulator (`{{session.participants}}`, `{{messages.notice}}`):
 * what is below it depends on the fixture, so any path below it is accepted.
 */
interface Shape {
  open: boolean;
  fields: Map<string | number, Shape>;
  type: string;
}

type Segment = string | number;

/**
 * The notification kinds the loaded operation streams send, and the fields of each, found by
 * rendering every step of every stream on a sample outcome (as the loader's dry run does).
 * Nothing here lists kinds or fields: a new stream file brings its own.
 */
export class NotificationShapes {
  private readonly shapes = new Map<string, Shape>();

  constructor(streams: OperationStreams) {
    const fixture = loadFixture();
    for (const stream of streams.values()) {
      const outcome = sampleOutcome(stream, fixture);
      if (!outcome) continue;
      const filled = new Set<object>();
      for (const role of stream.roles) {
        const base = roleContext(outcome, role);
        const context: OperationContext = (at) => {
          const values = base(at);
          for (const value of Object.values(values)) collect(value, filled);
          return values;
        };
        for (const step of stream.stepsFor(role, context)) {
          const notification = step.render(0);
          const kind = kindOf(notification);
          this.shapes.set(kind, merge(this.shapes.get(kind), shapeOf(notification, filled)));
        }
      }
    }
  }

  /** The kinds sent, one message type each for NewMessages (a log's several messages are joined by +). */
  get kinds(): string[] {
    return [...new Set([...this.shapes.keys()].flatMap((k) => k.split('+')))].sort();
  }

  /**
   * Why `kind` is not one the streams send; undefined when it is. A NewMessages of several
   * messages (`ParticipantJoined+Text`, as Accept sends the log) is known when each message type is.
   */
  kindProblem(kind: string): string | undefined {
    if (this.shapes.has(kind) || kind.split('+').every((part) => this.kinds.includes(part))) return undefined;
    const guess = closest(kind, this.kinds);
    return `no operation sends a notification of kind '${kind}'${guess ? `; did you mean ${guess}?` : ''} (kinds: ${this.kinds.join(', ')})`;
  }

  /** Why no notification of `kind` (any kind when undefined) has the field `path`; undefined when one may. */
  pathProblem(kind: string | undefined, path: string): string | undefined {
    const candidates = kind === undefined ? [...this.shapes.entries()] : [[kind, this.shapes.get(kind)] as const];
    let nearest: Missing | undefined;
    for (const [name, shape] of candidates) {
      if (!shape) return undefined; // an unknown kind is said by kindProblem
      const problem = missing(shape, parsePath(path), name);
      if (problem === undefined) return undefined;
      if (!nearest || problem.depth > nearest.depth) nearest = problem;
    }
    return `${path}: ${kind === undefined ? 'no notification has this field; ' : ''}${nearest!.text}`;
  }
}

/** The problems of the expect steps of `steps` (undefined: a step that is not right) against `shapes`. */
export function expectationProblems(source: JsonSource, steps: readonly (ScriptStep | undefined)[], shapes: NotificationShapes): Problem[] {
  const problems: Problem[] = [];
  steps.forEach((step, i) => {
    if (step?.kind !== 'expect') return;
    for (const [agent, list] of Object.entries(step.expect)) {
      list.forEach((expected: Expected, j) => {
        const at = ['steps', i, 'expect', agent, j];
        const { kind, match = {} } = typeof expected === 'string' ? { kind: expected } : expected;
        const kindProblem = kind === undefined ? undefined : shapes.kindProblem(kind);
        if (kindProblem) problems.push(problemAt(source, typeof expected === 'string' ? at : [...at, 'kind'], kindProblem));
        if (kindProblem) return;
        for (const path of Object.keys(match)) {
          const problem = shapes.pathProblem(kind, path);
          if (problem) problems.push(problemAt(source, [...at, 'match', path], problem));
        }
      });
    }
  });
  return problems;
}

interface Missing {
  /** How many segments of the path exist. */
  depth: number;
  text: string;
}

function missing(shape: Shape, path: Segment[], kind: string): Missing | undefined {
  let node = shape;
  for (const [depth, segment] of path.entries()) {
    if (node.open) return undefined;
    if (node.type === 'array' && segment === 'length') return depth === path.length - 1 ? undefined : { depth, text: `${joinPath(path)}: length is a number` };
    const child = node.fields.get(segment);
    if (child) {
      node = child;
      continue;
    }
    const where = depth === 0 ? `${kind} notifications have` : `in ${kind} notifications, ${joinPath(path.slice(0, depth))} has`;
    const wanted = typeof segment === 'number' ? `item [${segment}]` : `'${segment}'`;
    if (node.fields.size === 0) return { depth, text: `in ${kind} notifications, ${joinPath(path.slice(0, depth))} is a ${node.type}: it has no ${wanted}` };
    const fields = [...node.fields.keys()].map(String);
    const guess = typeof segment === 'string' ? closest(segment, fields) : undefined;
    const has = node.type === 'array' ? `${node.fields.size === 1 ? 'item [0]' : `items [0] to [${node.fields.size - 1}]`}` : fields.join(', ');
    return { depth, text: `${where} no ${wanted}${guess ? `; did you mean ${guess}?` : ''} (${depth === 0 ? 'they have' : 'it has'}: ${has})` };
  }
  return undefined;
}

function joinPath(path: Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function collect(value: unknown, into: Set<object>): void {
  if (value === null || typeof value !== 'object' || into.has(value)) return;
  into.add(value);
  for (const child of Object.values(value)) collect(child, into);
}

function shapeOf(value: unknown, filled: Set<object>): Shape {
  // null is open too: a sample's null may be an object in another fixture
  if (value === null || (typeof value === 'object' && filled.has(value))) return { open: true, fields: new Map(), type: 'value' };
  if (typeof value !== 'object') return { open: false, fields: new Map(), type: typeof value };
  const entries: [Segment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return { open: false, fields: new Map(entries.map(([key, v]) => [key, shapeOf(v, filled)])), type: Array.isArray(value) ? 'array' : 'object' };
}

function merge(a: Shape | undefined, b: Shape): Shape {
  if (!a) return b;
  const fields = new Map(a.fields);
  for (const [key, shape] of b.fields) fields.set(key, merge(fields.get(key), shape));
  return { open: a.open || b.open, fields, type: a.type === b.type ? a.type : 'value' };
}
