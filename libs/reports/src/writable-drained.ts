import type { Writable } from 'node:stream';

/**
 * Resolves when `output` wants more (its 'drain') or can take no more (closed, destroyed), so a
 * writer waiting on a slow reader never waits on a stream that has gone.
 */
export function drained(output: Writable): Promise<void> {
  if (!output.writableNeedDrain || output.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
  });
}
