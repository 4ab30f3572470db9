import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findQueueLogFiles, queueLogFilesFor } from './queue-log-files';

const line = (epoch: number) => `${epoch}|NONE|NONE|NONE|QUEUESTART|\n`;

describe('findQueueLogFiles: the live queue_log and its rotated files, oldest first', () => {
  it('orders by first line whatever the naming scheme, reads gzip by its bytes, skips copies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-qlog-files-'));
    writeFileSync(join(dir, 'queue_log'), line(5000));
    writeFileSync(join(dir, 'queue_log.1'), line(4000)); // logrotate: .1 is the newest rotated
    writeFileSync(join(dir, 'queue_log.2.gz'), gzipSync(line(3000)));
    writeFileSync(join(dir, 'queue_log-20240101'), line(2000)); // dateext
    writeFileSync(join(dir, 'queue_log.0'), line(1000)); // Asterisk's sequential: .0 the oldest
    writeFileSync(join(dir, 'queue_log.bak'), line(4500)); // a copy: never read
    writeFileSync(join(dir, 'queue_log.swp'), line(4600));
    writeFileSync(join(dir, 'other_log.1'), line(10));
    const files = await findQueueLogFiles(join(dir, 'queue_log'));
    expect(files.map((f) => basename(f.path))).toEqual([
      'queue_log.0',
      'queue_log-20240101',
      'queue_log.2.gz',
      'queue_log.1',
      'queue_log',
    ]);
    expect(files.find((f) => f.path.endsWith('.gz'))?.compressed).toBe(true);
    // A file holds the lines from its first one to the next file's first one.
    expect(queueLogFilesFor(files, 3_500_000, 4_200_000).map((f) => basename(f.path))).toEqual([
      'queue_log.2.gz',
      'queue_log.1',
    ]);
  });

  it('finds nothing (no error) when the queue_log is not there', async () => {
    expect(await findQueueLogFiles(join(tmpdir(), 'no-such-dir-hotline', 'queue_log'))).toEqual([]);
  });
});
