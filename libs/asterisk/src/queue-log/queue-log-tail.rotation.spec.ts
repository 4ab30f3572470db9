import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueLogTail } from './queue-log-tail';

describe(QueueLogTail.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'qlt-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads appended lines once, a partial line when completed, through rename and truncation', async () => {
    const path = join(dir, 'queue_log');
    const tail = new QueueLogTail({ path });
    expect(await tail.read()).toEqual([]); // no file yet
    appendFileSync(path, '100|u1|q|NONE|ENTERQUEUE|L|1|1\n101|u1|q|a|CONN');
    expect((await tail.read()).map((l) => l.epoch)).toEqual([100]);
    appendFileSync(path, 'ECT|1|x|1\n');
    expect((await tail.read()).map((l) => l.verb)).toEqual(['CONNECT']);
    // logrotate (rename): the old file's last line is still read, then the new file from 0.
    appendFileSync(path, '102|u1|q|a|COMPLETEAGENT|1|1|1\n');
    renameSync(path, `${path}.1`);
    appendFileSync(path, '200|u2|q|NONE|ENTERQUEUE|L|2|1\n');
    expect((await tail.read()).map((l) => l.epoch)).toEqual([102, 200]);
    // copytruncate: same file, shorter than the offset.
    truncateSync(path, 0);
    appendFileSync(path, '300|u3|q|NONE|ENTERQUEUE|L|3|1\n');
    expect((await tail.read()).map((l) => l.epoch)).toEqual([300]);
    expect(tail.linesBetween(101_000, 250_000).map((l) => l.epoch)).toEqual([101, 102, 200]);
    await tail.close();
  });
});
