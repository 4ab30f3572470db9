/**
 * History import from queue_log into SQLite, for a peak month (~45 k queue calls, the simulator's
 * January-2021 month) and for ten such months in one queue_log (≥ 446,320 calls, 10× the peak
 * month), generated with the simulator's QueueLogWriter:
 *   npx ts-node -r tsconfig-paths/register bench/history-import.bench.ts
 * Each measurement runs in a child process of its own so its peak RSS is its own: the baseline
 * only reads and parses the file's lines with the same streaming reader; the import reads them,
 * counts the calls with the KPI engine and writes them through CallStore (upserts + 15-minute
 * aggregates). Reported: seconds, calls/s, peak RSS, and the ratios import ÷ baseline and 10× ÷ 1×.
 * Target: the 10× import in under 60 s of CPU time (the wall time is printed too: on a shared
 * machine it grows with the load), and memory bounded — the 10× import's peak RSS at most
 * 1.5× the 1× import's (it does not grow with the ledger).
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseQueueLogLine, QueueLogFileLedger, readQueueLogFileLines } from '../libs/asterisk/src';
import { CallStoreHistoryStore, importHistory } from '../libs/history/src';
import { CallStore, DEFAULT_AGGREGATION_RULES, openDatabase } from '../libs/storage/src';
import { QueueLogWriter, runModel } from '@hotline/simulator';

const MONTHS = 10;
const MONTH_MS = 31 * 86_400_000;
const FIRST_MONTH = Date.parse('2021-01-01T00:00:00+08:00');
const TARGET_SECONDS = 60;
const MAX_RSS_GROWTH = 1.5;
const TZ = 'Asia/Shanghai';

interface ChildFigures {
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds (user + system) of the measured part: what an idle core would take. */
  readonly cpuSeconds: number;
  readonly lines: number;
  readonly calls: number;
  readonly maxRssMiB: number;
}

export interface HistoryImportBenchRow {
  readonly label: string;
  readonly calls: number;
  readonly fileMiB: number;
  readonly baseline: ChildFigures;
  readonly imported: ChildFigures;
}

export interface HistoryImportBenchFigures {
  readonly rows: readonly HistoryImportBenchRow[];
  readonly passed: boolean;
}

/** The ledgers, made once and kept in the temp folder (generation takes about a minute). */
function ledgerFiles(): { one: string; ten: string } {
  const dir = join(tmpdir(), 'hotline-bench-history-v1');
  const one = join(dir, 'month', 'queue_log');
  const ten = join(dir, 'ten-months', 'queue_log');
  if (existsSync(one) && existsSync(ten)) return { one, ten };
  rmSync(dir, { recursive: true, force: true });
  for (const path of [one, ten]) mkdirSync(join(path, '..'), { recursive: true });
  const partial = `${ten}.partial`;
  writeFileSync(partial, '');
  for (let month = 0; month < MONTHS; month++) {
    const writer = new QueueLogWriter({ logRefusals: true });
    writer.start(FIRST_MONTH + month * MONTH_MS);
    runModel({
      scenario: 'month-2021-01',
      seed: month + 1,
      startAt: FIRST_MONTH + month * MONTH_MS,
      durationMs: MONTH_MS,
      onEvent: (event) => writer.record(event),
    });
    if (month === 0) writeFileSync(one, writer.text());
    appendFileSync(partial, writer.text());
    process.stdout.write(`  generated month ${month + 1}/${MONTHS} (${writer.lineCount} lines)\n`);
  }
  renameSync(partial, ten);
  return { one, ten };
}

/** Runs one measurement in a child process (its own peak RSS). */
function measureInChild(mode: 'baseline' | 'import', file: string): ChildFigures {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      __filename,
      '--child',
      mode,
      file,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, cwd: join(__dirname, '..') },
  );
  const last = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as ChildFigures;
}

async function child(mode: string, file: string): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let lines = 0;
  let calls = 0;
  if (mode === 'baseline') {
    for await (const raw of readQueueLogFileLines({ path: file, compressed: false })) {
      if (parseQueueLogLine(raw)) lines++;
      if (raw.includes('|ENTERQUEUE|')) calls++;
    }
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-import-'));
    const dataSource = await openDatabase({ driver: 'sqlite', path: join(dir, 'bench.sqlite') });
    try {
      const summary = await importHistory({
        source: new QueueLogFileLedger(file),
        range: { from: 0, to: 4_102_444_800_000 },
        kpi: { timeZone: TZ },
        store: new CallStoreHistoryStore(new CallStore(dataSource, DEFAULT_AGGREGATION_RULES)),
      });
      lines = summary.lines;
      calls = summary.calls;
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, lines, calls, maxRssMiB })}\n`);
}

export function runHistoryImportBench(): HistoryImportBenchFigures {
  const files = ledgerFiles();
  const rows: HistoryImportBenchRow[] = [];
  for (const [label, file] of [
    ['1× month', files.one],
    ['10× month', files.ten],
  ] as const) {
    const baseline = measureInChild('baseline', file);
    const imported = measureInChild('import', file);
    rows.push({
      label,
      calls: imported.calls,
      fileMiB: statSync(file).size / 2 ** 20,
      baseline,
      imported,
    });
  }
  const [one, ten] = rows;
  // CPU time: on a machine shared with other work (as this one is) the wall time is inflated by
  // the load; both are printed.
  const passed =
    ten.imported.cpuSeconds < TARGET_SECONDS &&
    ten.imported.maxRssMiB <= MAX_RSS_GROWTH * one.imported.maxRssMiB &&
    ten.imported.calls >= 446_320;
  return { rows, passed };
}

export function printHistoryImportBench(figures: HistoryImportBenchFigures): void {
  console.log('history import: queue_log → KPI engine → SQLite (each run in its own process)');
  const header = [
    'ledger    ',
    '  calls',
    'file MiB',
    'read CPU s',
    'import CPU s',
    'import wall s',
    'calls/CPU s',
    'read RSS MiB',
    'import RSS MiB',
    'import÷read CPU',
    'RSS ratio',
  ];
  console.log(header.join('  '));
  for (const r of figures.rows) {
    const cells = [
      r.label.padEnd(header[0].length),
      String(r.calls).padStart(header[1].length),
      r.fileMiB.toFixed(1),
      r.baseline.cpuSeconds.toFixed(2),
      r.imported.cpuSeconds.toFixed(2),
      r.imported.seconds.toFixed(2),
      String(Math.round(r.calls / r.imported.cpuSeconds)),
      r.baseline.maxRssMiB.toFixed(0),
      r.imported.maxRssMiB.toFixed(0),
      (r.imported.cpuSeconds / r.baseline.cpuSeconds).toFixed(1),
      (r.imported.maxRssMiB / r.baseline.maxRssMiB).toFixed(2),
    ];
    console.log(cells.map((c, i) => (i < 2 ? c : c.padStart(header[i].length))).join('  '));
  }
  const [one, ten] = figures.rows;
  if (one && ten)
    console.log(
      `10× ÷ 1×: calls ×${(ten.calls / one.calls).toFixed(2)}, import CPU ×${(ten.imported.cpuSeconds / one.imported.cpuSeconds).toFixed(2)}, import peak RSS ×${(ten.imported.maxRssMiB / one.imported.maxRssMiB).toFixed(2)} (target: 10× under ${TARGET_SECONDS} CPU s, RSS ×≤${MAX_RSS_GROWTH})`,
    );
  console.log(
    `load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores (wall time grows with it; CPU time does not)`,
  );
  console.log(figures.passed ? 'history import bench: PASS' : 'history import bench: BELOW TARGET');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    void child(args[1] ?? '', args[2] ?? '');
  } else {
    const figures = runHistoryImportBench();
    printHistoryImportBench(figures);
    if (!figures.passed) process.exitCode = 1;
  }
}
