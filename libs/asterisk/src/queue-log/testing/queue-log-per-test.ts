import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A queue_log file a spec writes lines to, as Asterisk appends them. */
export interface TestQueueLog {
  readonly path: string;
  append(...lines: string[]): void;
}

/**
 * A queue_log file in a temporary folder of its own for each test of the describe block that
 * calls this: holding `lines` before the test, removed with its folder after it.
 */
export function queueLogPerTest(prefix: string, lines: readonly string[] = []): TestQueueLog {
  let dir = '';
  const file: TestQueueLog = {
    get path() {
      return join(dir, 'queue_log');
    },
    append: (...more) => appendFileSync(file.path, more.map((line) => `${line}\n`).join('')),
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    writeFileSync(file.path, '');
    file.append(...lines);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}
