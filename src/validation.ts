import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

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
  throw new FileError(
    source.file,
    result.error.issues.map((issue) => problemAt(source, issue.path, issue.message)),
  );
}
