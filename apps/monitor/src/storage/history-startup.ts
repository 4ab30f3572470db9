import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Subscription } from 'rxjs';
import {
  coverageAtAttach,
  describeSummary,
  IDLE_PROGRESS,
  type ImportProgress,
  type ImportSummary,
  ledgerSource,
  planStartupImport,
  runHistoryImport,
} from '@hotline/history';
import {
  type CallStore,
  CoverageRepository,
  loadRecoverySeed,
  QueueCallRepository,
  Sql,
  type StoredCoverage,
} from '@hotline/storage';
import type { LiveKpiService } from '../live/live-kpi.service';
import type { HistoryOptions } from './history-options';

const PROGRESS_LOG_EVERY_MS = 5_000;

/** What /health and /api/v1/storage/status show of the history and the coverage. */
export interface HistoryStatus extends ImportProgress {
  readonly summary?: ImportSummary;
  /** From when the stored calls are complete (epoch ms), as restored into the engine. */
  readonly coverage?: StoredCoverage;
}

/**
 * Wiring of the start: decides (libs/history planStartupImport) whether the PBX's ledger is
 * imported before going live, runs that import in the background while the app already serves
 * /health, then restores the engine from storage (with the stored coverage) and releases the
 * PBX link (LiveKpiService.noteRestored). Without an import the restore happens at once. On the
 * first live attach it stores the coverage (libs/history coverageAtAttach).
 */
export class HistoryStartup {
  private readonly logger = new Logger('HistoryImport');
  private progress: ImportProgress = IDLE_PROGRESS;
  private summary: ImportSummary | undefined;
  private coverage: StoredCoverage | undefined;
  private imported = false;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private attach: Subscription | undefined;

  constructor(
    private readonly options: HistoryOptions,
    private readonly dataSource: DataSource,
    private readonly store: CallStore,
    private readonly live: LiveKpiService,
    private readonly timeZone: string,
  ) {}

  status(): HistoryStatus {
    return {
      ...this.progress,
      ...(this.summary ? { summary: this.summary } : {}),
      ...(this.coverage ? { coverage: this.coverage } : {}),
    };
  }

  /** Restores at once, or starts the import (restore after it). Resolves when that is decided. */
  async begin(): Promise<void> {
    const sql = Sql.of(this.dataSource);
    const now = Date.now();
    const plan = planStartupImport({
      importFrom: this.options.importFrom,
      ledgerConfigured: this.options.ledger !== undefined,
      latestStoredEnd: await new QueueCallRepository(sql).latestEndedAt(),
      now,
      timeZone: this.timeZone,
    });
    const ledger = this.options.ledger;
    if (!plan.import || !ledger) {
      this.progress = {
        ...IDLE_PROGRESS,
        phase: 'skipped',
        reason: plan.import ? '' : plan.reason,
      };
      this.logger.log(`no history import: ${this.progress.reason ?? ''}`);
      await this.restore();
      return;
    }
    const source = ledgerSource(ledger);
    this.progress = {
      ...IDLE_PROGRESS,
      phase: 'reading',
      source: source.description,
      range: plan.range,
      startedAt: now,
    };
    this.logger.log({
      msg: 'importing the PBX ledger before going live',
      source: source.description,
      from: new Date(plan.range.from).toISOString(),
      to: new Date(plan.range.to).toISOString(),
    });
    let lastLog = 0;
    this.running = runHistoryImport({
      store: this.store,
      source,
      range: plan.range,
      kpi: this.live.kpiConfig,
      reachesNow: true,
      signal: this.abort.signal,
      onProgress: (progress) => {
        this.progress = progress;
        if (Date.now() - lastLog < PROGRESS_LOG_EVERY_MS) return;
        lastLog = Date.now();
        this.logger.log({ msg: 'history import progress', ...progressLog(progress) });
      },
    })
      .then((summary) => {
        this.summary = summary;
        this.imported = true;
        this.progress = { ...this.progress, phase: 'done', fraction: 1, etaSeconds: 0 };
        this.logger.log({ msg: `history import done: ${describeSummary(summary)}`, summary });
        for (const gap of summary.knownGaps) this.logger.warn(`history import known gap: ${gap}`);
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.progress = { ...this.progress, phase: 'failed', reason };
        this.logger.error({
          msg: 'history import failed; going live with what was stored',
          err: reason,
        });
      })
      .then(() => (this.abort.signal.aborted ? undefined : this.restore()));
  }

  /** Stops an import still running (shutdown); what it wrote stays, the next start completes it. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.attach?.unsubscribe();
    await this.running?.catch(() => undefined);
  }

  private async restore(): Promise<void> {
    const coverage = new CoverageRepository(Sql.of(this.dataSource));
    let calls: { callId: string; contactId: string; joinedAt: number; endedAt: number }[] = [];
    try {
      this.coverage = await coverage.read();
      // Restore before live events are applied: the seed goes through the engine's own counting.
      const seed = await loadRecoverySeed(this.dataSource, Date.now(), this.timeZone);
      this.live.restore({
        ...seed,
        ...(this.coverage ? { coveredFrom: this.coverage.coveredFrom } : {}),
      });
      // The PBX link resumes after the latest stored end: a call that ended later (while no
      // monitor ran, or whose record died with the last one) is read from queue_log.
      calls = seed.calls.map((call) => ({
        callId: call.callId,
        contactId: call.contactId,
        joinedAt: call.joinedAt,
        endedAt: call.endedAt ?? call.answeredAt ?? call.joinedAt,
      }));
      this.logger.log(
        `engine restored from ${seed.calls.length} stored calls and ${seed.ratings.length} ratings`,
      );
    } finally {
      this.live.noteRestored({
        until: calls.reduce((latest, call) => Math.max(latest, call.endedAt), -Infinity),
        calls,
      });
    }
    this.attach = this.live.link$.subscribe((link) => {
      if (!link.ready) return;
      this.attach?.unsubscribe();
      void this.noteAttach(coverage);
    });
  }

  /** The first live attach of this run: the coverage it leaves (coverage-policy.ts). */
  private async noteAttach(coverage: CoverageRepository): Promise<void> {
    const held = this.coverage;
    const next = coverageAtAttach(
      held,
      this.live.clock.now(),
      this.imported || this.options.linkFillsGaps,
    );
    if (held && next.coveredFrom === held.coveredFrom && next.basis === held.basis) return;
    this.coverage = { ...next, updatedAt: Date.now() };
    await coverage
      .write(this.coverage)
      .catch((error: unknown) =>
        this.logger.error({ msg: 'coverage could not be stored', err: String(error) }),
      );
  }
}

function progressLog(progress: ImportProgress) {
  return {
    files: `${progress.files.done}/${progress.files.total}`,
    current: progress.files.current,
    lines: progress.lines,
    calls: progress.calls.counted,
    written: progress.calls.written,
    percent: Math.round(progress.fraction * 100),
    callsPerSecond: Math.round(progress.callsPerSecond),
    etaSeconds: progress.etaSeconds,
  };
}
