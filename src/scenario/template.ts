/**
 * The template language of scenario files. A template is any JSON value; inside its strings,
 * `{{path}}` stands for a value of the context (`session.participants[0].nickname`):
 * - a string that is exactly one placeholder becomes that value, of whatever JSON type;
 * - a placeholder inside longer text is replaced by the value's text.
 * Templates are compiled once, when the file is loaded, and rendered at each emission.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

type Segment = string | number;
type Node =
  | { kind: 'literal'; value: Json }
  | { kind: 'value'; path: Segment[]; source: string }
  | { kind: 'text'; parts: (string | { path: Segment[]; source: string })[] }
  | { kind: 'array'; items: Node[] }
  | { kind: 'object'; entries: [string, Node][] };

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*$/;

export interface Template {
  render(context: object): Json;
  /** Every placeholder path in the template, e.g. `session.state`. */
  readonly placeholders: readonly string[];
}

export function compileTemplate(value: unknown): Template {
  const placeholders: string[] = [];
  const root = compile(value, placeholders);
  return { render: (context) => render(root, context), placeholders };
}

function compile(value: unknown, placeholders: string[]): Node {
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => compile(v, placeholders)) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.entries(value).map(([k, v]) => [k, compile(v, placeholders)]) };
  }
  if (typeof value !== 'string' || !value.includes('{{')) return { kind: 'literal', value: value as Json };

  const parts: (string | { path: Segment[]; source: string })[] = [];
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(value.slice(last, match.index));
    parts.push({ path: parsePath(match[1]), source: match[1] });
    placeholders.push(match[1]);
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push(value.slice(last));
  const unclosed = parts.find((part) => typeof part === 'string' && part.includes('{{'));
  if (typeof unclosed === 'string') {
    throw new TemplateError(`'${value}' opens a placeholder with '{{' that is not closed by '}}'`);
  }
  const [only] = parts;
  if (parts.length === 1 && typeof only !== 'string') return { kind: 'value', ...only };
  return { kind: 'text', parts };
}

function parsePath(source: string): Segment[] {
  if (!PATH.test(source)) {
    throw new TemplateError(`'{{${source}}}' is not a path: expected names joined by '.' with optional [index], e.g. {{session.participants[0].nickname}}`);
  }
  return [...source.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

function render(node: Node, context: object): Json {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'value':
      return lookup(context, node.path, node.source);
    case 'text':
      return node.parts.map((part) => (typeof part === 'string' ? part : asText(lookup(context, part.path, part.source), part.source))).join('');
    case 'array':
      return node.items.map((item) => render(item, context));
    case 'object': {
      const out: { [key: string]: Json } = {};
      for (const [key, child] of node.entries) out[key] = render(child, context);
      return out;
    }
    default: {
      const unknown: never = node;
      throw new TemplateError(`unknown template node ${JSON.stringify(unknown)}`);
    }
  }
}

function lookup(context: object, path: Segment[], source: string): Json {
  let value: unknown = context;
  for (const [i, segment] of path.entries()) {
    const known = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment);
    if (!known) {
      const where = i === 0 ? 'the context' : `'${path.slice(0, i).join('.')}'`;
      const keys = value !== null && typeof value === 'object' ? Object.keys(value).join(', ') : `a ${typeof value}`;
      throw new TemplateError(`{{${source}}}: ${where} has no '${segment}' (it has: ${keys})`);
    }
    value = (value as Record<Segment, unknown>)[segment];
  }
  return value as Json;
}

function asText(value: Json, source: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`{{${source}}} is inside text but is ${value === null ? 'null' : typeof value}; only strings, numbers and booleans can be spliced into text`);
}
