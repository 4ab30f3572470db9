import type { CallEvent } from '@hotline/call-events';

export type AnomalyKind =
  | 'unknown-call'
  | 'out-of-order'
  /** An agent-state event older than the agent's current state (e.g. buffered during a resync): ignored. */
  | 'stale-agent-state'
  | 'answer-inferred'
  /** A call waiting when the PBX's story broke off and gone when it resumed: outcome unknown. */
  | 'closed-unknown'
  /** An answered call whose end was not seen: answered, its talk unknown. */
  | 'talk-unknown'
  | 'conflicting-join'
  | 'conflicting-answer'
  | 'left-after-answer'
  | 'call-id-reused'
  | 'malformed-event'
  | 'stale-call'
  | 'listener-error'
  | 'late-event';

export interface AnomalyCount {
  readonly kind: AnomalyKind;
  readonly count: number;
  /** The first occurrence, for the log and /health. */
  readonly first: { readonly at: number; readonly detail: string; readonly event?: CallEvent };
}

/** Counts event anomalies by kind and keeps the first example of each (bounded by the kinds). */
export class AnomalyLog {
  private readonly byKind = new Map<AnomalyKind, AnomalyCount>();

  record(kind: AnomalyKind, at: number, detail: string, event?: CallEvent): void {
    const existing = this.byKind.get(kind);
    if (existing) {
      this.byKind.set(kind, { ...existing, count: existing.count + 1 });
      return;
    }
    this.byKind.set(kind, {
      kind,
      count: 1,
      first: event ? { at, detail, event } : { at, detail },
    });
  }

  list(): readonly AnomalyCount[] {
    return [...this.byKind.values()];
  }

  count(kind: AnomalyKind): number {
    return this.byKind.get(kind)?.count ?? 0;
  }
}
