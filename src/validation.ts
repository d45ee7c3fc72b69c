import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** One problem in a file: where (a JSON path such as `$.streams.caller[0].afterMs`) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** A file that cannot be used: names the file and every problem found in it. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'FileError';
  }
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, '$');
}

/** Reads and parses a JSON file; a syntax error names the line and column. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FileError(file, [{ path: '$', message: `cannot read the file (${(error as Error).message})` }]);
  }
  return parseJson(text, file);
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileError(file, [{ path: '$', message: `not valid JSON: ${describeSyntaxError(error as Error, text)}` }]);
  }
}

function describeSyntaxError(error: Error, text: string): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** Checks a parsed file against its schema; every problem is reported, not just the first. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new FileError(
    file,
    result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
  );
}
