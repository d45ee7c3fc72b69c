import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { didYouMean } from './suggest';

/** One problem in a file: where (a JSON path such as `$.streams.caller[0].afterMs`, and the line) and what. */
export interface Problem {
  path: string;
  line?: number;
  message: string;
}

/** A file that cannot be used: names the file and every problem found in it. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${file}:\n${problems.map((p) => `  ${p.path}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`).join('\n')}`);
    this.name = 'FileError';
  }
}

/** A parsed JSON document and where it came from; `text` is kept to give problems a line. */
export interface JsonSource {
  file: string;
  value: unknown;
  text?: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, '$');
}

/** Reads and parses a JSON file; a syntax error names the line and column. */
export function readJsonFile(file: string): JsonSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FileError(file, [{ path: '$', message: `cannot read the file (${(error as Error).message})` }]);
  }
  try {
    return { file, text, value: JSON.parse(text) };
  } catch (error) {
    throw new FileError(file, [{ path: '$', message: `not valid JSON: ${locateSyntaxError(text) ?? (error as Error).message}` }]);
  }
}

/** JSON.parse says what is wrong but, on Node 20, often not where: jsonc-parser tells where. */
function locateSyntaxError(text: string): string | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (!first) return undefined;
  const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const { line, column } = position(text, first.offset);
  return `${what} at line ${line}, column ${column}`;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** The line of the value at `path`, or of its nearest parent that exists. */
export function lineOf(source: JsonSource, path: readonly PropertyKey[]): number | undefined {
  if (source.text === undefined) return undefined;
  const tree = parseTree(source.text);
  if (!tree) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n).map((k) => (typeof k === 'number' ? k : String(k))));
    if (node) return position(source.text, node.offset).line;
  }
  return undefined;
}

export function problemAt(source: JsonSource, path: readonly PropertyKey[], message: string): Problem {
  const line = lineOf(source, path);
  return line === undefined ? { path: jsonPath(path), message } : { path: jsonPath(path), line, message };
}

/** Checks a parsed file against its schema; every problem is reported, not just the first. */
export function validate<S extends z.ZodType>(schema: S, source: JsonSource): z.infer<S> {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  throw new FileError(source.file, problemsOf(source, schema, result.error.issues));
}

/** Zod's issues as problems of `source`, each with its line and, for an unknown key, the key meant. */
export function problemsOf(source: JsonSource, schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => problemAt(source, issue.path, issueMessage(issue, schema)));
}

/** The issue's message; an unknown key also says which key of the object at its path it is closest to. */
export function issueMessage(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const known = keysAt(schema, issue.path);
  if (known.length === 0) return issue.message;
  const guesses = issue.keys.map((key) => didYouMean(key, known)).filter((guess) => guess !== '');
  return `${issue.message}${guesses.length === 1 && issue.keys.length === 1 ? guesses[0] : ''} (it takes: ${known.join(', ')})`;
}

/** The keys the object schema at `path` inside `schema` takes (none when the path leads to no object). */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.core.$ZodType;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return keysAt(inner('innerType'), path);
    case 'pipe':
      return keysAt(inner('in'), path);
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((option) => keysAt(option, path));
    case 'array':
      return path.length === 0 ? [] : keysAt(inner('element'), path.slice(1));
    case 'record':
      return path.length === 0 ? [] : keysAt(inner('valueType'), path.slice(1));
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (path.length === 0) return Object.keys(shape);
      const field = shape[String(path[0])];
      return field === undefined ? [] : keysAt(field, path.slice(1));
    }
    default:
      return [];
  }
}
