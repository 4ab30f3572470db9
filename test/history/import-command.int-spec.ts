import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDataSource } from '@hotline/storage';

/**
 * `npm run import -- …` as an operator runs it: a real process, the monitor's config file for
 * storage, the run2 queue_log; progress and the summary on stdout, the calls in the database.
 */
const REPO = resolve(__dirname, '../..');
const RUN2 = join(REPO, 'test/fixtures/asterisk/run2/run2.queue_log');

function runImport(args: string[], config: string) {
  return spawnSync('npm', ['run', '--silent', 'import', '--', ...args], {
    cwd: REPO,
    env: { ...process.env, HOTLINE_CONFIG: config },
    encoding: 'utf8',
    timeout: 170_000,
  });
}

describe('npm run import (the command for months before deployment)', () => {
  let dir: string;
  let config: string;
  const sqlite = () => join(dir, 'data', 'hotline.sqlite');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-import-cmd-'));
    copyFileSync(RUN2, join(dir, 'queue_log'));
    config = join(dir, 'monitor.yaml');
    writeFileSync(
      config,
      `storage:\n  sqlite: { path: ${sqlite()} }\nkpi:\n  timeZone: Asia/Shanghai\n`,
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the range, prints progress and the summary with the known gaps', async () => {
    // run2 was recorded on 2026-11-29 (Shanghai).
    const result = runImport(
      ['--queue-log', join(dir, 'queue_log'), '--from', '2026-11-01', '--to', '2026-12-01'],
      config,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^importing queue_log /m);
    expect(result.stdout).toMatch(/^100\.0% files 1\/1 lines \d+ calls \d+/m);
    const done = /^done: (\d+) calls \(answered (\d+)/m.exec(result.stdout);
    expect(Number(done?.[1])).toBeGreaterThan(130);
    expect(result.stdout).toMatch(/^known gap: refusals:/m);
    const db = createDataSource({ driver: 'sqlite', path: sqlite() });
    await db.initialize();
    try {
      const [row] = await db.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM queue_call`);
      expect(row.n).toBe(Number(done?.[1]));
    } finally {
      await db.destroy();
    }
  }, 180_000);

  it('refuses a bad command line with the reason and the usage (exit 64)', () => {
    const result = runImport(
      ['--queue-log', join(dir, 'queue_log'), '--from', '2026-13-01'],
      config,
    );
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('--from 2026-13-01: 2026-13-01 is not a calendar date');
    expect(result.stderr).toContain('usage: npm run import');
  }, 180_000);
});
