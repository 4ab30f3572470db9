import type { LedgerRange, LedgerSource } from '@hotline/call-events';
import type { KpiEngineConfig } from '@hotline/kpi';
import {
  addLocalMonths,
  type CallStore,
  CoverageRepository,
  HistoryImportRepository,
  monthKey,
  QueueCallRepository,
  rollUpMonth,
  startOfMonth,
} from '@hotline/storage';
import { CallStoreHistoryStore } from './call-store-history-store';
import { coverageAfterImport } from './coverage-policy';
import { importHistory } from './import-history';
import type { ImportProgress } from './import-progress';
import type { ImportSummary } from './import-summary';

export interface HistoryImportJob {
  readonly store: CallStore;
  readonly source: LedgerSource;
  readonly range: LedgerRange;
  readonly kpi: Partial<KpiEngineConfig>;
  /** The import runs up to the present (the monitor's first start): coverage may start at it. */
  readonly reachesNow: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/**
 * One import run with its bookkeeping: a history_import row (running, then done with its summary
 * or failed), the import itself, the monthly aggregates of the months it covers, and the stored
 * coverage moved to the import's start when the import joins what is covered (coverage-policy.ts).
 */
export async function runHistoryImport(job: HistoryImportJob): Promise<ImportSummary> {
  const now = job.now ?? Date.now;
  const runs = new HistoryImportRepository(job.store.sql);
  const coverage = new CoverageRepository(job.store.sql);
  const startedAt = now();
  const run = {
    startedAt,
    source: job.source.description,
    rangeFrom: job.range.from,
    rangeTo: job.range.to,
  };
  await runs.save({ ...run, finishedAt: null, status: 'running', calls: 0, summary: null });
  try {
    // Where the calls held before this import end: whether they and the import join up.
    const storedUntil = await new QueueCallRepository(job.store.sql).latestEndedAt();
    const summary = await importHistory({
      source: job.source,
      range: job.range,
      kpi: job.kpi,
      store: new CallStoreHistoryStore(job.store),
      now,
      ...(job.signal ? { signal: job.signal } : {}),
      ...(job.onProgress ? { onProgress: job.onProgress } : {}),
    });
    // Months before the daily roll-up's reach (an import of older months) get their monthly
    // aggregates now: they outlive the raw rows' retention and feed the scorecard.
    const { timeZone } = job.store.rules;
    if (summary.firstJoinedAt !== null && summary.lastJoinedAt !== null)
      for (
        let month = startOfMonth(summary.firstJoinedAt, timeZone);
        month <= summary.lastJoinedAt;
        month = addLocalMonths(month, 1, timeZone)
      )
        await rollUpMonth(job.store.dataSource, monthKey(month, timeZone), timeZone);
    const held = await coverage.read();
    const next = coverageAfterImport(held, job.range, job.reachesNow, storedUntil);
    if (next && (next.coveredFrom !== held?.coveredFrom || next.basis !== held.basis))
      await coverage.write({ ...next, updatedAt: now() });
    await runs.save({
      ...run,
      finishedAt: now(),
      status: 'done',
      calls: summary.calls,
      summary: JSON.stringify(summary),
    });
    return summary;
  } catch (error) {
    await runs
      .save({
        ...run,
        finishedAt: now(),
        status: 'failed',
        calls: 0,
        summary: JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
      })
      .catch(() => undefined);
    throw error;
  }
}
