import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import type { LedgerSource } from '@hotline/call-events';
import { QueueLogFileLedger } from '@hotline/asterisk';
import { FreeswitchCdrLedger } from '@hotline/freeswitch';
import { CallStoreHistoryStore, importHistory, type ImportSummary } from '@hotline/history';
import { CallStore, CoverageRepository, DEFAULT_AGGREGATION_RULES } from '@hotline/storage';
import { runHistoryImport } from '@hotline/history';
import { freshDatabase, testDialects, type Dialect } from '../storage/storage-test-databases';
import { buildQueueLogLedger, type QueueLogVisit } from '../tooling/queue-log-ledger';
import { buildFreeswitchCdrLedger, parseCsv } from '../tooling/freeswitch-cdr-ledger';

/**
 * The history import against the real recordings: Asterisk's queue_log of run1/run2 (whole,
 * split into rotated and gzip files, a sub-range) and FreeSWITCH's CDR of fs-run1 (CSV, and the
 * same rows as mod_json_cdr documents), into a real database; every stored call equals the
 * ledger oracles in test/tooling, and a second import changes nothing.
 */

const ASTERISK = join(__dirname, '..', 'fixtures', 'asterisk');
const FREESWITCH = join(__dirname, '..', 'fixtures', 'freeswitch');
const TZ = 'Asia/Shanghai';
const EVERYTHING = { from: 0, to: 4_102_444_800_000 };

interface Row {
  callId: string;
  contactId: string;
  queue: string;
  line: string | null;
  agent: string | null;
  outcome: string;
  reason: string | null;
  wait: number;
  talk: number | null;
  joinedAt: number;
}

async function storedRows(dataSource: DataSource): Promise<Row[]> {
  const rows = await dataSource.query<Record<string, unknown>[]>(
    `SELECT call_id, contact_id, queue, line, agent, outcome, reason, wait_seconds, talk_seconds, joined_at FROM queue_call`,
  );
  return rows
    .map((r) => ({
      callId: String(r.call_id),
      contactId: String(r.contact_id),
      queue: String(r.queue),
      line: r.line === null ? null : (r.line as string),
      agent: r.agent === null ? null : (r.agent as string),
      outcome: String(r.outcome),
      reason: r.reason === null ? null : (r.reason as string),
      wait: Number(r.wait_seconds),
      talk: r.talk_seconds === null ? null : Number(r.talk_seconds),
      joinedAt: Number(r.joined_at),
    }))
    .sort((a, b) => a.callId.localeCompare(b.callId));
}

async function aggregates(dataSource: DataSource): Promise<unknown[]> {
  return dataSource.query(
    `SELECT * FROM interval_aggregate ORDER BY interval_start, scope_kind, scope_key`,
  );
}

/** The queue_log oracle's finished visits as stored rows would show them. */
function expectedFromQueueLog(visits: readonly QueueLogVisit[], range = EVERYTHING): Row[] {
  return visits
    .filter(
      (v) =>
        v.outcome !== 'in-progress' &&
        v.entered * 1000 >= range.from &&
        v.entered * 1000 < range.to,
    )
    .map((v) => ({
      callId: v.callId,
      contactId: v.contactId,
      queue: v.queue,
      line: v.line ?? null,
      agent: v.outcome === 'answered' ? (v.agent ?? null) : null,
      outcome: v.outcome,
      reason:
        v.outcome === 'exited'
          ? (v.exitReason ?? null)
          : v.outcome === 'blocked'
            ? (v.blockReason ?? null)
            : null,
      wait: v.outcome === 'blocked' ? 0 : (v.waitSeconds ?? 0),
      talk: v.outcome === 'answered' ? (v.talkSeconds ?? 0) : null,
      joinedAt: v.entered * 1000,
    }))
    .sort((a, b) => a.callId.localeCompare(b.callId));
}

/** Stored rows without the answered call's end reason (queue_log's verb; the oracle keeps none). */
function comparable(rows: readonly Row[]): Row[] {
  return rows.map((r) => (r.outcome === 'answered' ? { ...r, reason: null } : r));
}

async function importInto(
  dataSource: DataSource,
  source: LedgerSource,
  range = EVERYTHING,
): Promise<ImportSummary> {
  const store = new CallStore(dataSource, DEFAULT_AGGREGATION_RULES);
  return importHistory({
    source,
    range,
    kpi: { timeZone: TZ },
    store: new CallStoreHistoryStore(store),
    batchCalls: 25,
  });
}

describe.each(testDialects())('history import into %s', (dialect: Dialect) => {
  let dir: string;
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-history-'));
    db = await freshDatabase(dialect);
  });

  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['run1', 'run2'])(
    'stores every finished call of the %s queue_log exactly as the ledger says',
    async (run) => {
      const text = readFileSync(join(ASTERISK, run, `${run}.queue_log`), 'utf8');
      const path = join(dir, 'queue_log');
      writeFileSync(path, text);
      const summary = await importInto(db.dataSource, new QueueLogFileLedger(path));
      const expected = expectedFromQueueLog(buildQueueLogLedger(text).visits);
      expect(expected.length).toBeGreaterThan(run === 'run1' ? 70 : 130);
      expect(comparable(await storedRows(db.dataSource))).toEqual(expected);
      expect(summary.calls).toBe(expected.length);
      expect(summary.written).toBe(expected.length);
      expect(summary.byOutcome.answered).toBe(
        expected.filter((r) => r.outcome === 'answered').length,
      );
      expect(summary.knownGaps.some((g) => g.startsWith('refusals:'))).toBe(true);
    },
  );

  it('reads rotated files (plain and gzip) in time order as one queue_log', async () => {
    const text = readFileSync(join(ASTERISK, 'run2', 'run2.queue_log'), 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const a = Math.floor(lines.length / 3);
    const b = Math.floor((2 * lines.length) / 3);
    const part = (from: number, to: number) => `${lines.slice(from, to).join('\n')}\n`;
    // logrotate's names: the oldest has the highest number; gzip'd ones keep their data.
    writeFileSync(join(dir, 'queue_log.2.gz'), gzipSync(part(0, a)));
    writeFileSync(join(dir, 'queue_log.1'), part(a, b));
    writeFileSync(join(dir, 'queue_log'), part(b, lines.length));
    await importInto(db.dataSource, new QueueLogFileLedger(join(dir, 'queue_log')));
    const expected = expectedFromQueueLog(buildQueueLogLedger(text).visits);
    expect(comparable(await storedRows(db.dataSource))).toEqual(expected);
  });

  it('imports only the calls that joined in the range, finished from lines after it', async () => {
    const text = readFileSync(join(ASTERISK, 'run2', 'run2.queue_log'), 'utf8');
    const path = join(dir, 'queue_log');
    writeFileSync(path, text);
    const visits = buildQueueLogLedger(text).visits;
    const entered = visits.map((v) => v.entered * 1000).sort((x, y) => x - y);
    const range = {
      from: entered[Math.floor(entered.length / 3)],
      to: entered[Math.floor((2 * entered.length) / 3)],
    };
    await importInto(db.dataSource, new QueueLogFileLedger(path), range);
    const expected = expectedFromQueueLog(visits, range);
    expect(expected.length).toBeGreaterThan(30);
    expect(comparable(await storedRows(db.dataSource))).toEqual(expected);
  });

  it('is idempotent: a second import writes nothing and leaves rows and aggregates as they were', async () => {
    const path = join(dir, 'queue_log');
    writeFileSync(path, readFileSync(join(ASTERISK, 'run2', 'run2.queue_log')));
    const store = new CallStore(db.dataSource, DEFAULT_AGGREGATION_RULES);
    const job = {
      store,
      source: new QueueLogFileLedger(path),
      range: EVERYTHING,
      kpi: { timeZone: TZ },
      reachesNow: true,
    };
    const first = await runHistoryImport(job);
    const rows = await storedRows(db.dataSource);
    const intervals = await aggregates(db.dataSource);
    const second = await runHistoryImport({ ...job, source: new QueueLogFileLedger(path) });
    expect(first.written).toBeGreaterThan(130);
    expect(second).toMatchObject({ calls: first.calls, written: 0, alreadyStored: first.calls });
    expect(await storedRows(db.dataSource)).toEqual(rows);
    expect(await aggregates(db.dataSource)).toEqual(intervals);
    // The month is rolled up (the scorecard and monthly reports read monthly_aggregate).
    const [monthly] = await db.dataSource.query<{ n: unknown }[]>(
      `SELECT SUM(offered) AS n FROM monthly_aggregate WHERE scope_kind = 'queue'`,
    );
    expect(Number(monthly.n)).toBe(first.calls);
    // Coverage: complete from the import's start.
    expect(await new CoverageRepository(store.sql).read()).toMatchObject({
      coveredFrom: EVERYTHING.from,
      basis: 'import',
    });
  });

  it('stores every finished caller leg of the fs-run1 CDR (mod_cdr_csv) as the CDR ledger says', async () => {
    const csv = readFileSync(join(FREESWITCH, 'fs-run1.cdr.csv'), 'utf8');
    const path = join(dir, 'Master.csv');
    writeFileSync(path, csv);
    await importInto(db.dataSource, new FreeswitchCdrLedger({ path, format: 'csv' }));
    const expected = expectedFromCdr(csv);
    expect(expected.length).toBeGreaterThanOrEqual(72);
    expect(await storedRows(db.dataSource)).toEqual(expected);
  });

  it('reads the same calls from mod_json_cdr documents (percent-encoded values)', async () => {
    const csv = readFileSync(join(FREESWITCH, 'fs-run1.cdr.csv'), 'utf8');
    const folder = join(dir, 'json_cdr');
    mkdirSync(folder);
    for (const row of parseCsv(csv)) {
      const variables = Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, encodeURIComponent(v)]),
      );
      writeFileSync(join(folder, `${row.uuid}.cdr.json`), JSON.stringify({ variables }));
    }
    await importInto(db.dataSource, new FreeswitchCdrLedger({ path: folder, format: 'json' }));
    expect(await storedRows(db.dataSource)).toEqual(expectedFromCdr(csv));
  });
});

/** The FreeSWITCH CDR oracle's finished calls, keyed as the live mapper keys them (member uuid). */
function expectedFromCdr(csv: string): Row[] {
  const ledger = buildFreeswitchCdrLedger(csv, { joinedFrom: 0, joinedTo: 4_102_444_800 });
  return ledger.calls
    .filter((c) => c.outcome !== 'in-progress')
    .map((c) => ({
      callId: c.memberUuid,
      contactId: c.contactId,
      queue: c.queue,
      line: c.line ?? null,
      agent: c.outcome === 'answered' ? (c.agent ?? null) : null,
      outcome: c.outcome,
      reason:
        c.outcome === 'answered' ? 'other' : c.outcome === 'exited' ? (c.exitReason ?? null) : null,
      wait: c.waitSeconds ?? 0,
      talk: c.outcome === 'answered' ? (c.talkSeconds ?? 0) : null,
      joinedAt: c.joined * 1000,
    }))
    .sort((a, b) => a.callId.localeCompare(b.callId));
}
