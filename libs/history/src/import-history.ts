import type { LedgerProgress, LedgerRange, LedgerSource } from '@hotline/call-events';
import { KpiEngine, type KpiEngineConfig, type QueueCallRecord } from '@hotline/kpi';
import { importProgress, type ImportProgress } from './import-progress';
import { emptyOutcomeCounts, type ImportSummary } from './import-summary';

/** Where imported calls go: the store, which keeps what it already has. */
export interface HistoryStore {
  /** Those of the call ids already stored with an outcome the ledger must not replace. */
  storedCallIds(callIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Writes the records (idempotent upserts). */
  writeCalls(records: readonly QueueCallRecord[]): Promise<void>;
}

export interface ImportHistoryOptions {
  readonly source: LedgerSource;
  readonly range: LedgerRange;
  /** The live engine's KPI config: the imported calls are counted by the same rules. */
  readonly kpi: Partial<KpiEngineConfig>;
  readonly store: HistoryStore;
  /** Calls written per batch. Default 5,000. */
  readonly batchCalls?: number;
  /** Told how the import goes, at most every `progressEveryMs` (and at the end). */
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly progressEveryMs?: number;
  /** Wall clock for the rate and the ETA. */
  readonly now?: () => number;
  /** Stops the import between two batches (what was written stays; a new run completes it). */
  readonly signal?: AbortSignal;
}

/** An engine never takes a call for lost while importing: a ledger tells every end it has. */
const NEVER_STALE_MS = 100 * 365 * 24 * 60 * 60 * 1000;
/**
 * The engine is ticked (evicting finished calls and idle contacts: bounded memory) when the
 * ledger moved this far; well inside its contact retention (2 h by default).
 */
const TICK_EVERY_MS = 15 * 60_000;

/**
 * Imports the finished calls of a range of the PBX's own ledger into the store: the ledger's
 * call events go through a KpiEngine (the live engine's rules and records — `onCallFinished`),
 * and the records of the calls that joined in the range are written through the store, except
 * those it already has. Running it twice writes nothing the second time. Calls the ledger
 * leaves open (in progress, or never ended in it) are not written and are reported.
 */
export async function importHistory(options: ImportHistoryOptions): Promise<ImportSummary> {
  const { source, range, store } = options;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const batchCalls = options.batchCalls ?? 5_000;
  const progressEveryMs = options.progressEveryMs ?? 1_000;
  const engine = new KpiEngine({ ...options.kpi, staleCallMs: NEVER_STALE_MS });
  let pending: QueueCallRecord[] = [];
  engine.onCallFinished((record) => {
    if (record.joinedAt >= range.from && record.joinedAt < range.to) pending.push(record);
  });
  const byOutcome: Record<string, number> = emptyOutcomeCounts();
  const calls = { counted: 0, written: 0, alreadyStored: 0 };
  let firstJoinedAt: number | null = null;
  let lastJoinedAt: number | null = null;
  let read: LedgerProgress = { units: 0, unitsDone: 0, done: 0, total: 0, lines: 0, unreadable: 0 };
  let lastProgressAt = -Infinity;
  let newest = -Infinity;
  let tickedAt = -Infinity;

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    // The last record of a call wins (an engine correction re-emits it).
    const latest = new Map(pending.map((r) => [r.callId, r]));
    pending = [];
    const records = [...latest.values()];
    const stored = await store.storedCallIds(records.map((r) => r.callId));
    const fresh = records.filter((r) => !stored.has(r.callId));
    if (fresh.length > 0) await store.writeCalls(fresh);
    for (const record of records) {
      byOutcome[record.outcome] = (byOutcome[record.outcome] ?? 0) + 1;
      if (firstJoinedAt === null || record.joinedAt < firstJoinedAt)
        firstJoinedAt = record.joinedAt;
      if (lastJoinedAt === null || record.joinedAt > lastJoinedAt) lastJoinedAt = record.joinedAt;
    }
    calls.counted += records.length;
    calls.written += fresh.length;
    calls.alreadyStored += records.length - fresh.length;
  };
  const report = (force: boolean): void => {
    const at = now();
    if (!options.onProgress || (!force && at - lastProgressAt < progressEveryMs)) return;
    lastProgressAt = at;
    options.onProgress(
      importProgress(read, { ...calls }, startedAt, at, { source: source.description, range }),
    );
  };

  for await (const batch of source.read(range)) {
    options.signal?.throwIfAborted();
    for (const event of batch.events) {
      engine.apply(event);
      if (event.at > newest) newest = event.at;
    }
    // Ticking behind the newest event by the ledger's disorder keeps a late-written call
    // (a CDR row comes at hang-up) from being taken for a replay of a forgotten one.
    const clock = newest - source.maxDisorderMs;
    if (clock - tickedAt >= TICK_EVERY_MS) {
      engine.tick(clock);
      tickedAt = clock;
    }
    read = batch.progress;
    if (pending.length >= batchCalls) await flush();
    report(false);
  }
  await flush();
  report(true);

  const open = engine.stats().inFlightCalls;
  const knownGaps = [...source.knownGaps];
  if (open > 0)
    knownGaps.push(
      `${open} calls open at the end of what was read (still in progress, or their end is not in the ledger): not imported`,
    );
  if (read.unreadable > 0) knownGaps.push(`${read.unreadable} lines could not be read`);
  if ((read.unplaced ?? 0) > 0)
    knownGaps.push(
      `${read.unplaced ?? 0} lines of calls whose start was not read (began before the ledger read)`,
    );
  for (const anomaly of engine.anomalies())
    knownGaps.push(`${anomaly.count} ledger events the KPI engine flagged (${anomaly.kind})`);
  return {
    source: source.description,
    range,
    calls: calls.counted,
    byOutcome,
    written: calls.written,
    alreadyStored: calls.alreadyStored,
    firstJoinedAt,
    lastJoinedAt,
    lines: read.lines,
    seconds: (now() - startedAt) / 1000,
    knownGaps,
  };
}
