import { performance } from 'node:perf_hooks';

export interface PaceOptions {
  /**
   * Wall time one database call should take, ms. better-sqlite3 answers synchronously, so this
   * is also how long a report may hold the event loop at a time (HTTP, WebSockets, the PBX
   * link wait meanwhile). Default 20.
   */
  readonly sliceMs?: number;
  /** Most local days one call may cover. Default 366. */
  readonly maxDays?: number;
  /** Stops the report between two calls (a client that went away). */
  readonly signal?: AbortSignal;
  /** Share of the range done, 0–1, after each call. */
  readonly onProgress?: (fraction: number) => void;
  readonly clock?: () => number;
  /** Lets everything else waiting on the event loop run. Default: setImmediate. */
  readonly yieldTurn?: () => Promise<void>;
}

/** Thrown between two calls when the report's signal was aborted. */
export class ReportAbortedError extends Error {
  readonly code = 'REPORTS_ERR_ABORTED';
  constructor() {
    super('report aborted');
    this.name = 'ReportAbortedError';
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Walks a report's range a few days at a time, sizing each database call from how long the
 * last one took (time per day × days ≈ `sliceMs`, growing at most 4× a step), and giving the
 * event loop a turn after each call and whenever the rows of a call have kept it for `sliceMs`
 * (`breathe`). A day is the smallest call: the range caps (report-limits.ts) keep one day of
 * one scope bounded.
 */
export class ReportPacer {
  private days = 1;
  private done = 0;
  private lastTurn: number;
  private readonly sliceMs: number;
  private readonly maxDays: number;
  private readonly clock: () => number;
  private readonly yieldTurn: () => Promise<void>;

  constructor(
    private readonly totalDays: number,
    private readonly options: PaceOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 20;
    this.maxDays = options.maxDays ?? 366;
    this.clock = options.clock ?? (() => performance.now());
    this.yieldTurn = options.yieldTurn ?? nextTurn;
    this.lastTurn = this.clock();
  }

  /** Days the next call should cover. */
  nextDays(): number {
    return this.days;
  }

  /** Runs one call covering `days` days, learns from its time, then yields the event loop. */
  async step<T>(days: number, work: () => Promise<T>): Promise<T> {
    if (this.options.signal?.aborted) throw new ReportAbortedError();
    const started = this.clock();
    const result = await work();
    this.learn(days, this.clock() - started);
    this.done += days;
    this.options.onProgress?.(this.totalDays > 0 ? Math.min(1, this.done / this.totalDays) : 1);
    await this.turn();
    return result;
  }

  /**
   * Called between rows: gives the event loop a turn once the rows have kept it `sliceMs`
   * (formatting thousands of rows of one call is work too).
   */
  async breathe(): Promise<void> {
    if (this.clock() - this.lastTurn >= this.sliceMs) await this.turn();
  }

  private async turn(): Promise<void> {
    await this.yieldTurn();
    this.lastTurn = this.clock();
    if (this.options.signal?.aborted) throw new ReportAbortedError();
  }

  private learn(days: number, elapsedMs: number): void {
    const perDay = Math.max(elapsedMs, 0.05) / days;
    const fits = Math.floor(this.sliceMs / perDay);
    this.days = Math.max(1, Math.min(fits, days * 4, this.maxDays));
  }
}
