import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Storage and report folders of a throw-away directory, so that a test's monitor neither
 * restores another run's calls nor leaves files in the working tree.
 */
export function isolatedDataConfig(dir = mkdtempSync(join(tmpdir(), 'hotline-data-'))) {
  return {
    storage: {
      sqlite: { path: join(dir, 'hotline.sqlite') },
      writer: { spillPath: join(dir, 'spill', 'storage-backlog.jsonl') },
    },
    reports: { folder: join(dir, 'reports') },
  };
}
