/**
 * Storage and report cost for a peak month (44,632 calls, January 2021 in the evaluation
 * report) and for ten times that, on SQLite and PostgreSQL, in the same run:
 *   npx ts-node -r tsconfig-paths/register bench/storage.bench.ts [scale…]
 * Insert = CallStore.writeBatch in writer-sized batches (upsert + 15-minute recompute), in join
 * order as the live path produces them. Report = the monthly report: centre by day plus
 * queue, line and agent by month. Prints ratios 10×/1× and PostgreSQL/SQLite.
 * Target: the 1× monthly report builds in under 2 s, and 10× report time ≤ 15× the 1× time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { buildKpiReport, parseKpiReportQuery, storedReportData } from '../libs/reports/src';
import {
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  openDatabase,
  type QueueCallRecord,
  type StorageItem,
} from '../libs/storage/src';

const PEAK_MONTH_CALLS = 44_632;
const BATCH = 500;
const TZ = 'Asia/Shanghai';
const MONTH_START = Date.parse('2021-01-01T00:00:00+08:00');
const MONTH_MS = 31 * 86_400_000;
const PG_URL =
  process.env.HOTLINE_TEST_PG_URL ?? 'postgres://hotline:hotline@127.0.0.1:5432/hotline_test';

export interface StorageBenchRow {
  readonly dialect: 'sqlite' | 'postgres';
  readonly calls: number;
  readonly insertSeconds: number;
  readonly callsPerSecond: number;
  readonly reportSeconds: number;
}

export interface StorageBenchFigures {
  readonly rows: readonly StorageBenchRow[];
  readonly passed: boolean;
}

/** Deterministic synthetic month: ~3% overflow to a second queue, 5% abandons, 40 lines, 80 agents. */
function syntheticMonth(calls: number): QueueCallRecord[] {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: QueueCallRecord[] = [];
  for (let i = 0; i < calls; i++) {
    const joinedAt = MONTH_START + Math.floor((i / calls) * MONTH_MS);
    const r = rand();
    const outcome =
      r < 0.05 ? 'abandoned' : r < 0.06 ? 'exited' : r < 0.065 ? 'blocked' : 'answered';
    const wait = outcome === 'blocked' ? 0 : Math.floor(rand() * 40);
    const talk = outcome === 'answered' ? 30 + Math.floor(rand() * 400) : null;
    out.push({
      callId: `c${i}`,
      contactId: `k${i}`,
      queue: `q${i % 5}`,
      line: `l${i % 40}`,
      agent: outcome === 'answered' ? `a${Math.floor(rand() * 80)}` : null,
      joinedAt,
      answeredAt: outcome === 'answered' ? joinedAt + wait * 1000 : null,
      endedAt: joinedAt + (wait + (talk ?? 0)) * 1000,
      waitSeconds: wait,
      talkSeconds: talk,
      outcome,
      reason: null,
    });
  }
  return out;
}

async function measure(dialect: 'sqlite' | 'postgres', calls: number): Promise<StorageBenchRow> {
  const schema = `storage_bench_${process.pid}_${calls}`;
  const dataSource =
    dialect === 'sqlite'
      ? await openDatabase({
          driver: 'sqlite',
          path: join(mkdtempSync(join(tmpdir(), 'hotline-bench-')), 'bench.sqlite'),
        })
      : await openDatabase({ driver: 'postgres', url: PG_URL, schema });
  try {
    const store = new CallStore(dataSource, DEFAULT_AGGREGATION_RULES);
    const records = syntheticMonth(calls);
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += BATCH) {
      const items: StorageItem[] = records
        .slice(i, i + BATCH)
        .map((record) => ({ kind: 'queue-call', record }));
      await store.writeBatch(items);
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    const data = storedReportData(dataSource);
    const t1 = performance.now();
    await buildKpiReport(
      data,
      parseKpiReportQuery({ from: '2021-01-01', to: '2021-01-31', by: 'day', scope: 'centre' }, TZ),
    );
    for (const scope of ['queue', 'line', 'agent'] as const) {
      await buildKpiReport(
        data,
        parseKpiReportQuery({ from: '2021-01', to: '2021-01', by: 'month', scope }, TZ),
      );
    }
    const reportSeconds = (performance.now() - t1) / 1000;
    return { dialect, calls, insertSeconds, callsPerSecond: calls / insertSeconds, reportSeconds };
  } finally {
    await dataSource.destroy();
    if (dialect === 'postgres') {
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function runStorageBench(
  scales: readonly number[] = [1, 10],
): Promise<StorageBenchFigures> {
  const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (await postgresReachable()) dialects.push('postgres');
  else
    console.warn(`*** PostgreSQL at ${PG_URL} unreachable: storage bench runs on SQLite only ***`);
  const rows: StorageBenchRow[] = [];
  for (const scale of scales)
    for (const dialect of dialects) rows.push(await measure(dialect, PEAK_MONTH_CALLS * scale));
  const base = rows.filter((r) => r.calls === PEAK_MONTH_CALLS);
  const passed =
    base.every((r) => r.reportSeconds < 2) &&
    rows.every((r) => {
      const b = base.find((x) => x.dialect === r.dialect);
      // Linear at worst, with 50% slack.
      return !b || r.reportSeconds / b.reportSeconds <= 1.5 * (r.calls / PEAK_MONTH_CALLS);
    });
  return { rows, passed };
}

export function printStorageBench(figures: StorageBenchFigures): void {
  console.log('storage: insert (upsert + 15-min recompute) and monthly report build');
  console.log('dialect   calls     insert s  calls/s   report s');
  for (const r of figures.rows) {
    console.log(
      `${r.dialect.padEnd(9)} ${String(r.calls).padEnd(9)} ${r.insertSeconds.toFixed(2).padStart(8)}  ${Math.round(r.callsPerSecond).toString().padStart(7)}  ${r.reportSeconds.toFixed(3).padStart(8)}`,
    );
  }
  const find = (d: string, c: number) => figures.rows.find((r) => r.dialect === d && r.calls === c);
  const scales = [...new Set(figures.rows.map((r) => r.calls))].sort((a, b) => a - b);
  const [one, big] = [scales[0], scales[scales.length - 1]];
  for (const d of ['sqlite', 'postgres']) {
    const a = find(d, one);
    const b = find(d, big);
    if (a && b && a !== b)
      console.log(
        `${d}: ${big / one}× calls → insert ×${(b.insertSeconds / a.insertSeconds).toFixed(2)}, report ×${(b.reportSeconds / a.reportSeconds).toFixed(2)}`,
      );
  }
  for (const c of scales) {
    const s = find('sqlite', c);
    const p = find('postgres', c);
    if (s && p)
      console.log(
        `${c} calls: PostgreSQL ÷ SQLite → insert ×${(p.insertSeconds / s.insertSeconds).toFixed(2)}, report ×${(p.reportSeconds / s.reportSeconds).toFixed(2)}`,
      );
  }
  console.log(figures.passed ? 'storage bench: PASS' : 'storage bench: BELOW TARGET');
}

if (require.main === module) {
  const scales = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  void runStorageBench(scales.length > 0 ? scales : [1, 10]).then((figures) => {
    printStorageBench(figures);
    if (!figures.passed) process.exitCode = 1;
  });
}
