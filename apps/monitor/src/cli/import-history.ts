/**
 * `npm run import -- --queue-log FILE --from 2021-01-01 [--to 2021-07-01]`: imports the PBX's
 * own ledger for a stretch of time (e.g. the months before the monitor was deployed) into the
 * monitor's store, with the same code the monitor runs on a first start, so reports and the
 * yearly scorecard cover them. Wiring only: libs/history parses, reads, counts and writes.
 * Progress on stdout; the summary (calls per outcome, time range, known gaps) at the end.
 */
import 'reflect-metadata';
import { KpiEngine } from '@hotline/kpi';
import {
  describeSummary,
  IMPORT_USAGE,
  type ImportProgress,
  ledgerHints,
  ledgerSource,
  parseImportCommand,
  runHistoryImport,
} from '@hotline/history';
import { CallStore, openDatabase } from '@hotline/storage';
import { ConfigError } from '../config/config-error';
import { loadMonitorConfig } from '../config/load-monitor-config';
import type { MonitorConfig } from '../config/monitor-config.schema';

const EX_USAGE = 64;
const EX_CONFIG = 78;

async function main(argv: readonly string[]): Promise<number> {
  const configFlag = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  const configFile =
    configFlag < 0
      ? undefined
      : argv[configFlag].includes('=')
        ? argv[configFlag].slice('--config='.length)
        : argv[configFlag + 1];
  let config: MonitorConfig;
  try {
    config = loadMonitorConfig(configFile ? { file: configFile } : {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EX_CONFIG;
  }
  const command = parseImportCommand(argv, Date.now(), config.kpi.timeZone);
  if ('problems' in command) {
    process.stderr.write(`${command.problems.join('\n')}\n\n${IMPORT_USAGE}\n`);
    return EX_USAGE;
  }
  const { storage, kpi } = config;
  const dataSource = await openDatabase(
    storage.driver === 'postgres' && storage.postgres
      ? {
          driver: 'postgres',
          url: storage.postgres.url,
          schema: storage.postgres.schema,
          poolSize: storage.postgres.poolSize,
        }
      : { driver: 'sqlite', path: storage.sqlite.path },
  );
  try {
    const { tickMs: _tickMs, ...engineConfig } = kpi;
    const rules = new KpiEngine(engineConfig).config;
    const source = ledgerSource(command.ledger, await ledgerHints(command.ledger));
    const iso = (ms: number) => new Date(ms).toISOString();
    process.stdout.write(
      `importing ${source.description}: calls that joined ${iso(command.from)} … ${iso(command.to)} into ${storage.driver}\n`,
    );
    const summary = await runHistoryImport({
      store: new CallStore(dataSource, {
        timeZone: kpi.timeZone,
        answerThresholdSeconds: kpi.answerThresholdSeconds,
        longTalkSeconds: kpi.longTalkSeconds,
        shortAbandonSeconds: kpi.shortAbandonSeconds,
        satisfiedMinScore: kpi.satisfiedMinScore,
      }),
      source,
      range: { from: command.from, to: command.to },
      kpi: rules,
      reachesNow: false,
      onProgress: (progress) => process.stdout.write(`${progressLine(progress)}\n`),
    });
    process.stdout.write(`done: ${describeSummary(summary)}\n`);
    if (summary.firstJoinedAt !== null && summary.lastJoinedAt !== null)
      process.stdout.write(
        `calls joined ${iso(summary.firstJoinedAt)} … ${iso(summary.lastJoinedAt)}\n`,
      );
    for (const gap of summary.knownGaps) process.stdout.write(`known gap: ${gap}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

function progressLine(p: ImportProgress): string {
  const eta = p.etaSeconds === null ? '?' : `${p.etaSeconds} s`;
  return `${(p.fraction * 100).toFixed(1)}% files ${p.files.done}/${p.files.total} lines ${p.lines} calls ${p.calls.counted} (written ${p.calls.written}) ${Math.round(p.callsPerSecond)} calls/s ETA ${eta}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `import failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
