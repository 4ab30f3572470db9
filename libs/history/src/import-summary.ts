import type { LedgerRange } from '@hotline/call-events';
import type { QueueCallOutcome } from '@hotline/kpi';

/** What an import found and did. */
export interface ImportSummary {
  readonly source: string;
  readonly range: LedgerRange;
  /** Calls of the range found in the ledger (finished), by outcome. */
  readonly calls: number;
  readonly byOutcome: Readonly<Record<string, number>>;
  /** Written now; already stored before (left as they were). */
  readonly written: number;
  readonly alreadyStored: number;
  /** Join times of the first and the last call found (epoch ms), when any. */
  readonly firstJoinedAt: number | null;
  readonly lastJoinedAt: number | null;
  readonly lines: number;
  readonly seconds: number;
  /** What the ledger cannot tell (the source's own) and what this read could not (counted). */
  readonly knownGaps: readonly string[];
}

export function emptyOutcomeCounts(): Record<QueueCallOutcome, number> {
  return { answered: 0, abandoned: 0, exited: 0, blocked: 0, unknown: 0 };
}

/** One log line's worth of the summary. */
export function describeSummary(summary: ImportSummary): string {
  const outcomes = Object.entries(summary.byOutcome)
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(', ');
  return `${summary.calls} calls (${outcomes}) from ${summary.source}: ${summary.written} written, ${summary.alreadyStored} already stored, ${summary.lines} lines in ${summary.seconds.toFixed(1)} s`;
}
