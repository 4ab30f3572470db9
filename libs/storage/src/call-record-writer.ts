import type { StorageSink } from './call-store';
import {
  type DatabaseFault,
  type DatabaseFaultKind,
  type DatabaseGuard,
  isDatabaseUnusable,
} from './database-guard';
import { SpillFile } from './spill-file';
import type { WriterOptions } from './storage-options';
import type {
  AgentStateIntervalRecord,
  QueueCallRecord,
  StorageItem,
  SurveyRatingRecord,
} from './stored-records';

/** Logging port (pino-compatible: object first, message second). */
export interface WriterLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type WriterHealth = 'ok' | 'retrying' | 'degraded';

export interface WriterStatus {
  readonly health: WriterHealth;
  /** Items waiting in memory. */
  readonly backlog: number;
  /** Age of the oldest item waiting in memory, ms (0 when empty). */
  readonly oldestAgeMs: number;
  /** Bytes waiting in the spill file. */
  readonly spillBytes: number;
  readonly accepted: number;
  readonly written: number;
  /** Failed batch writes, ever; and in the current streak. */
  readonly failures: number;
  readonly consecutiveFailures: number;
  /** Items sent to the spill file because the backlog was full (or spill replay was pending). */
  readonly spilled: number;
  /** Items refused outright (backlog full and spill file unwritable): the caller kept them. */
  readonly refused: number;
  /** Times the writer entered overflow (degraded) mode. */
  readonly overflowEpisodes: number;
  readonly lastError?: string;
  readonly lastWriteAt?: number;
  /** Times the database was found gone, replaced or unwritable (see DatabaseGuard). */
  readonly databaseFaults: number;
  /** The current one: records go to the spill file until the database is back. */
  readonly databaseFault?: {
    readonly kind: DatabaseFaultKind;
    readonly detail: string;
    readonly since: number;
  };
}

export interface WriterDeps {
  readonly logger: WriterLogger;
  /** Wall clock for ages; injectable for tests. */
  readonly now?: () => number;
  /** Watches that the database is still the one opened (SQLite); none for PostgreSQL. */
  readonly guard?: DatabaseGuard;
}

interface Pending {
  readonly item: StorageItem;
  readonly at: number;
}

/**
 * Takes finished records from the live path without ever blocking it, and writes them in
 * batches (by size or every flushIntervalMs) through idempotent upserts. Database down or
 * slow: the batch stays, retried with exponential backoff. Backlog full: the writer degrades
 * loudly — one error log per episode, counters, health 'degraded' — and appends new items to
 * an append-only spill file, replayed in order once the backlog has drained. Only when even
 * the spill file cannot be written does `offer` return false: then the caller still holds the
 * item and must keep it. Nothing is dropped silently.
 */
export class CallRecordWriter {
  private readonly backlog: Pending[] = [];
  private readonly spill: SpillFile;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private running = false;
  private overflowing = false;
  private retryAt = 0;
  private counters = {
    accepted: 0,
    written: 0,
    failures: 0,
    consecutiveFailures: 0,
    spilled: 0,
    refused: 0,
    overflowEpisodes: 0,
  };
  private lastError: string | undefined;
  private lastWriteAt: number | undefined;
  private fault: (DatabaseFault & { since: number }) | undefined;
  private databaseFaults = 0;
  private recoverAt = 0;
  private recoverAttempts = 0;

  constructor(
    private readonly sink: StorageSink,
    private readonly options: WriterOptions,
    private readonly deps: WriterDeps,
  ) {
    this.spill = new SpillFile(options.spillPath);
    this.now = deps.now ?? Date.now;
    if (this.spill.hasPending()) {
      this.overflowing = true;
      deps.logger.warn(
        { spillPath: options.spillPath, spillBytes: this.spill.sizeBytes() },
        'storage spill file from an earlier run found; replaying it',
      );
    }
  }

  /** Starts the flush timer. */
  start(): void {
    this.running = true;
    this.schedule(this.options.flushIntervalMs);
  }

  offerCall(record: QueueCallRecord): boolean {
    return this.offer({ kind: 'queue-call', record });
  }

  offerRating(record: SurveyRatingRecord): boolean {
    return this.offer({ kind: 'rating', record });
  }

  offerAgentState(record: AgentStateIntervalRecord): boolean {
    return this.offer({ kind: 'agent-state', record });
  }

  /**
   * Hands one item over. true: it will be written (memory or spill file). false: refused —
   * the caller still owns it (only when the backlog is full and the spill file unwritable).
   */
  offer(item: StorageItem): boolean {
    // While spilled items wait, newer ones queue behind them so a correction is never
    // overwritten by the older version it corrects. A database fault spills everything: the
    // records are on disk at once, whatever happens to the process meanwhile.
    if (!this.overflowing && this.backlog.length < this.options.maxBacklog) {
      this.backlog.push({ item, at: this.now() });
      this.counters.accepted++;
      if (this.backlog.length >= this.options.batchSize) this.kick();
      return true;
    }
    if (!this.overflowing) this.enterOverflow();
    try {
      this.spill.append([item]);
      this.counters.accepted++;
      this.counters.spilled++;
      return true;
    } catch (error) {
      this.counters.refused++;
      if (this.counters.refused === 1 || this.counters.refused % 1000 === 0) {
        this.deps.logger.error(
          {
            err: describe(error),
            refused: this.counters.refused,
            spillPath: this.options.spillPath,
          },
          'storage backlog full and spill file unwritable: refusing records (the caller keeps them)',
        );
      }
      return false;
    }
  }

  status(): WriterStatus {
    const oldest = this.backlog[0];
    const health: WriterHealth =
      this.overflowing || this.counters.refused > 0 || this.fault !== undefined
        ? 'degraded'
        : this.counters.consecutiveFailures > 0
          ? 'retrying'
          : 'ok';
    return {
      health,
      backlog: this.backlog.length,
      oldestAgeMs: oldest ? Math.max(0, this.now() - oldest.at) : 0,
      spillBytes: this.spill.sizeBytes(),
      ...this.counters,
      lastError: this.lastError,
      lastWriteAt: this.lastWriteAt,
      databaseFaults: this.databaseFaults,
      ...(this.fault
        ? {
            databaseFault: {
              kind: this.fault.kind,
              detail: this.fault.detail,
              since: this.fault.since,
            },
          }
        : {}),
    };
  }

  /** One flush cycle now (ignores the retry backoff). Resolves when it is done. */
  async flush(): Promise<void> {
    this.retryAt = 0;
    await this.runFlush();
  }

  /** Flushes until memory and spill are empty or the deadline passes; true when empty. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.backlog.length > 0 || this.spill.hasPending()) {
      if (Date.now() > deadline) return false;
      const before = this.counters.written;
      await this.flush();
      if (this.counters.written === before)
        await delay(Math.min(50, this.options.retryInitialDelayMs));
    }
    return true;
  }

  /** Stops the timer, writes what it can, and spills the rest so a restart replays it. */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    const drained = await this.drain(timeoutMs);
    if (!drained && this.backlog.length > 0) {
      const items = this.backlog.splice(0).map((p) => p.item);
      this.spill.prepend(items);
      this.deps.logger.warn(
        { items: items.length, spillPath: this.options.spillPath },
        'storage unavailable at shutdown: backlog saved to the spill file',
      );
    }
  }

  private enterOverflow(): void {
    this.overflowing = true;
    this.counters.overflowEpisodes++;
    this.deps.logger.error(
      {
        backlog: this.backlog.length,
        maxBacklog: this.options.maxBacklog,
        spillPath: this.options.spillPath,
        lastError: this.lastError,
      },
      'storage backlog full: degraded — new records go to the spill file until the database catches up',
    );
  }

  private kick(): void {
    if (this.flushing || this.now() < this.retryAt) return;
    void this.runFlush();
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runFlush().finally(() => this.schedule(this.nextDelay()));
    }, delayMs);
    this.timer.unref();
  }

  private nextDelay(): number {
    const wait = this.retryAt - this.now();
    return wait > 0 ? wait : this.options.flushIntervalMs;
  }

  private runFlush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.flushLoop().finally(() => {
        this.flushing = undefined;
      });
    }
    return this.flushing;
  }

  private async flushLoop(): Promise<void> {
    if (this.now() < this.retryAt) return;
    for (;;) {
      // Before every batch, and on every idle tick: writes must not go into a lost file.
      if (!(await this.databaseUsable())) return;
      let batch: StorageItem[];
      let spillOffset: number | undefined;
      if (this.backlog.length > 0) {
        batch = this.backlog.slice(0, this.options.batchSize).map((p) => p.item);
      } else if (this.spill.hasPending()) {
        const next = this.spill.peek(this.options.batchSize);
        batch = next.items;
        spillOffset = next.nextOffset;
      } else {
        this.leaveOverflowIfDone();
        return;
      }
      try {
        await this.sink.writeBatch(batch);
      } catch (error) {
        this.onFailure(error);
        if (this.deps.guard && isDatabaseUnusable(error))
          this.enterFault({ kind: 'unwritable', detail: describe(error) });
        return;
      }
      if (spillOffset === undefined) this.backlog.splice(0, batch.length);
      else this.spill.commit(spillOffset);
      this.counters.written += batch.length;
      this.lastWriteAt = this.now();
      if (this.counters.consecutiveFailures > 0) {
        this.deps.logger.info(
          { failures: this.counters.consecutiveFailures },
          'storage writes succeed again',
        );
        this.counters.consecutiveFailures = 0;
        this.lastError = undefined;
      }
    }
  }

  /**
   * false while the database is gone, replaced or unwritable and could not be brought back
   * (attempts with the retry backoff). The first sight of a fault is logged once, with context.
   */
  private async databaseUsable(): Promise<boolean> {
    const guard = this.deps.guard;
    if (!guard) return true;
    if (!this.fault) {
      const fault = guard.check();
      if (!fault) return true;
      this.enterFault(fault);
    }
    if (this.now() < this.recoverAt) return false;
    const fault = this.fault as DatabaseFault & { since: number };
    const remaining = await guard.recover(fault);
    if (remaining) {
      this.recoverAttempts++;
      this.recoverAt =
        this.now() +
        Math.min(
          this.options.retryMaxDelayMs,
          this.options.retryInitialDelayMs * 2 ** Math.min(this.recoverAttempts - 1, 30),
        );
      this.fault = { ...remaining, since: fault.since };
      return false;
    }
    this.deps.logger.info(
      {
        database: guard.description,
        fault: fault.kind,
        downForMs: this.now() - fault.since,
        spillBytes: this.spill.sizeBytes(),
      },
      'database back: writing again, spilled records are replayed in order',
    );
    this.fault = undefined;
    this.recoverAt = 0;
    this.recoverAttempts = 0;
    this.retryAt = 0;
    return true;
  }

  private enterFault(fault: DatabaseFault): void {
    if (this.fault) return;
    this.databaseFaults++;
    this.fault = { ...fault, since: this.now() };
    // From now on every record goes to the spill file, and so does what waits in memory:
    // on disk at once, replayed in order (memory first, it is older) once the database is back.
    this.overflowing = true;
    let moved = 0;
    if (this.backlog.length > 0) {
      const items = this.backlog.map((p) => p.item);
      try {
        this.spill.prepend(items);
        this.backlog.splice(0);
        moved = items.length;
      } catch {
        // The spill file cannot be written either: the items stay in memory, written later.
      }
    }
    this.deps.logger.error(
      {
        database: this.deps.guard?.description,
        fault: fault.kind,
        detail: fault.detail,
        movedToSpill: moved,
        spillPath: this.options.spillPath,
      },
      'database lost: records go to the spill file until it is back (logged once per outage)',
    );
  }

  private leaveOverflowIfDone(): void {
    if (this.overflowing && this.backlog.length === 0 && !this.spill.hasPending()) {
      this.overflowing = false;
      this.deps.logger.info(
        { spilled: this.counters.spilled },
        'storage backlog and spill file drained: writer back to normal',
      );
    }
  }

  private onFailure(error: unknown): void {
    this.counters.failures++;
    this.counters.consecutiveFailures++;
    this.lastError = describe(error);
    const n = this.counters.consecutiveFailures;
    const backoff = Math.min(
      this.options.retryMaxDelayMs,
      this.options.retryInitialDelayMs * 2 ** Math.min(n - 1, 30),
    );
    this.retryAt = this.now() + backoff;
    if (n === 1 || n % 10 === 0) {
      this.deps.logger.error(
        {
          err: this.lastError,
          consecutiveFailures: n,
          backlog: this.backlog.length,
          retryInMs: backoff,
        },
        'storage write failed; will retry',
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
