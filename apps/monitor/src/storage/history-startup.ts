import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Subscription } from 'rxjs';
import type { CallHistory, FirstView } from '@hotline/call-events';
import {
  coverageAtAttach,
  describeSummary,
  IDLE_PROGRESS,
  type ImportProgress,
  type ImportSummary,
  ledgerHints,
  type LedgerHints,
  type LedgerOptions,
  ledgerSource,
  planStartupImport,
  runHistoryImport,
  storyReachesAttach,
} from '@hotline/history';
import {
  type CallStore,
  CoverageRepository,
  QueueCallRepository,
  Sql,
  type StoredCoverage,
} from '@hotline/storage';
import type { SiteLive } from '../live/site-live';
import type { HistoryOptions } from './history-options';
import { restoreFromStore } from './restore-from-store';

const PROGRESS_LOG_EVERY_MS = 5_000;

/** What /health and /api/v1/storage/status show of the history and the coverage. */
export interface HistoryStatus extends ImportProgress {
  readonly summary?: ImportSummary;
  /** From when the stored calls are complete (epoch ms), as restored into the engine. */
  readonly coverage?: StoredCoverage;
}

/**
 * Wiring of a site's start (the own site's, and each further PBX's of `pbxes:`), on the PBX's
 * clock: when the PBX link has read its first view (the
 * instant `at`, PBX time — SiteLive.prepare), decides (libs/history planStartupImport)
 * whether the PBX's ledger is imported up to `at`, runs that import while the app already
 * serves /health and the link holds its view, restores the engine from storage on the same
 * clock, and hands the link what is stored (its queue_log backfill starts there). At that first
 * view it stores the coverage (libs/history coverageAtAttach) and gives it to the engine.
 */
export class HistoryStartup {
  private readonly logger = new Logger('HistoryImport');
  private progress: ImportProgress = IDLE_PROGRESS;
  private summary: ImportSummary | undefined;
  private coverage: StoredCoverage | undefined;
  private readonly abort = new AbortController();
  private running: Promise<CallHistory> | undefined;
  private attach: Subscription | undefined;

  constructor(
    private readonly options: HistoryOptions,
    private readonly dataSource: DataSource,
    private readonly store: CallStore,
    private readonly live: SiteLive,
    private readonly timeZone: string,
  ) {}

  status(): HistoryStatus {
    return {
      ...this.progress,
      ...(this.summary ? { summary: this.summary } : {}),
      ...(this.coverage ? { coverage: this.coverage } : {}),
    };
  }

  /** Reads what is held and waits for the PBX link's first view (prepare runs then). */
  async begin(): Promise<void> {
    this.coverage = await new CoverageRepository(Sql.of(this.dataSource)).read();
    this.progress = {
      ...IDLE_PROGRESS,
      reason: "waiting for the PBX link's first view (the PBX's clock)",
    };
    this.live.setPreparer((view) => (this.running ??= this.prepare(view)));
  }

  /** Stops an import still running (shutdown); what it wrote stays, the next start completes it. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.attach?.unsubscribe();
    await this.running?.catch(() => undefined);
  }

  /** Before the first view, read at `view.at` (PBX clock): import, restore; never fails. */
  private async prepare(view: FirstView): Promise<CallHistory> {
    const importedUpTo = await this.importLedger(view);
    if (this.abort.signal.aborted) return NOTHING_STORED;
    const history = await this.restore(view.at);
    // Normally the view follows; a source that does not prepare (a test double) is attached.
    if (this.live.link.ready) this.noteAttach(importedUpTo, history);
    else
      this.attach = this.live.link$.subscribe((link) => {
        if (!link.ready) return;
        this.attach?.unsubscribe();
        this.noteAttach(importedUpTo, history);
      });
    // The import read the ledger up to the view's own instant: there is no gap behind the view
    // for the link to read again (its follow-up of the calls open at the view would hand their
    // events in a second order beside the live ones).
    return importedUpTo !== undefined && importedUpTo >= view.at ? NOTHING_STORED : history;
  }

  /** Imports the ledger up to the view when the plan says so; how far it reached, if it did. */
  private async importLedger(view: FirstView): Promise<number | undefined> {
    const ledger = this.options.ledger;
    let plan: ReturnType<typeof planStartupImport>;
    try {
      plan = planStartupImport({
        importFrom: this.options.importFrom,
        ledgerConfigured: ledger !== undefined,
        latestStoredEnd: await new QueueCallRepository(Sql.of(this.dataSource)).latestEndedAt(),
        now: view.at,
        timeZone: this.timeZone,
      });
    } catch (error) {
      this.fail(error);
      return undefined;
    }
    if (!plan.import || !ledger) {
      this.progress = {
        ...IDLE_PROGRESS,
        phase: 'skipped',
        reason: plan.import ? '' : plan.reason,
      };
      this.logger.log(`no history import: ${this.progress.reason ?? ''}`);
      return undefined;
    }
    const source = ledgerSource(ledger, await this.hintsFor(ledger, view));
    this.progress = {
      ...IDLE_PROGRESS,
      phase: 'reading',
      source: source.description,
      range: plan.range,
      startedAt: Date.now(),
    };
    this.logger.log({
      msg: 'importing the PBX ledger before going live (up to the PBX clock of its first view)',
      source: source.description,
      from: new Date(plan.range.from).toISOString(),
      to: new Date(plan.range.to).toISOString(),
    });
    let lastLog = 0;
    try {
      this.summary = await runHistoryImport({
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
      });
    } catch (error) {
      this.fail(error);
      return undefined;
    }
    this.progress = { ...this.progress, phase: 'done', fraction: 1, etaSeconds: 0 };
    this.logger.log({
      msg: `history import done: ${describeSummary(this.summary)}`,
      summary: this.summary,
    });
    for (const gap of this.summary.knownGaps) this.logger.warn(`history import known gap: ${gap}`);
    return plan.range.to;
  }

  /** The view's contacts and the CDR's; a CDR that cannot be read leaves the view's alone. */
  private async hintsFor(ledger: LedgerOptions, view: FirstView): Promise<LedgerHints> {
    try {
      return await ledgerHints(ledger, view.contactOfChannel);
    } catch (error) {
      this.logger.error({
        msg: 'the Asterisk CDR could not be read: contacts of calls before the attach are per channel',
        err: error instanceof Error ? error.message : String(error),
      });
      return view.contactOfChannel ? { contactOfChannel: view.contactOfChannel } : {};
    }
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.progress = { ...this.progress, phase: 'failed', reason };
    this.logger.error({
      msg: 'history import failed; going live with what was stored',
      err: reason,
    });
  }

  /**
   * Restores the engine from storage on the PBX's clock (today, this week and this month of
   * `at`), before the view or any live event is applied; what is stored goes to the link.
   */
  private async restore(at: number): Promise<CallHistory> {
    try {
      this.coverage = await new CoverageRepository(Sql.of(this.dataSource)).read();
      const restored = await restoreFromStore(this.dataSource, this.live, at, this.timeZone);
      this.logger.log({
        msg: 'engine restored from its store',
        site: this.live.site,
        calls: restored.calls,
        ratings: restored.ratings,
      });
      return restored.history;
    } catch (error) {
      this.logger.error({
        msg: 'the engine could not be restored from storage; going live without it',
        err: error instanceof Error ? error.message : String(error),
      });
      return NOTHING_STORED;
    }
  }

  /**
   * The first live view of this run: the coverage it leaves (coverage-policy.ts), given to the
   * engine at once and stored.
   */
  private noteAttach(importedUpTo: number | undefined, history: CallHistory): void {
    const held = this.coverage;
    const attachAt = this.live.firstViewAt ?? this.live.clock.now();
    const reached = storyReachesAttach({
      attachAt,
      ...(importedUpTo !== undefined ? { importedUpTo } : {}),
      linkBackfills: this.options.linkFillsGaps,
      storedUntil: history.until,
    });
    const next = coverageAtAttach(held, attachAt, reached);
    this.live.restore({ calls: [], coveredFrom: next.coveredFrom });
    if (held && next.coveredFrom === held.coveredFrom && next.basis === held.basis) return;
    this.coverage = { ...next, updatedAt: Date.now() };
    void new CoverageRepository(Sql.of(this.dataSource))
      .write(this.coverage)
      .catch((error: unknown) =>
        this.logger.error({ msg: 'coverage could not be stored', err: String(error) }),
      );
  }
}

const NOTHING_STORED: CallHistory = { until: -Infinity, calls: [] };

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
