import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A temporary folder for the enclosing describe block, removed after it. `write(text)` adds a
 * file and returns its path.
 */
export function tempFolder(prefix: string): { write(text: string, name?: string): string } {
  let dir = '';
  let count = 0;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    write(text, name = `file-${++count}.json`) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
  };
}

/** The error `call` throws, which must be an `ErrorClass`; fails the test when nothing is thrown. */
export function thrown<E extends Error>(ErrorClass: new (...args: never[]) => E, call: () => unknown): E {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ErrorClass);
    return error as E;
  }
  throw new Error(`expected a ${ErrorClass.name}, nothing was thrown`);
}
