import { KpiCounters } from './kpi-counters';
import type { Contributor } from './tracked-call';

type WindowRow =
  | { readonly at: number; readonly kind: 'call'; readonly entity: Contributor }
  | {
      readonly at: number;
      readonly kind: 'rating';
      readonly scopes: readonly string[];
      readonly satisfied: boolean;
    };

/**
 * The last 60 minutes, row by row (a call or contact by its join time, a rating by its time),
 * so the rolling 15- and 60-minute figures are exact to the ms. Rows reference the live
 * contributor, so a call answered or ended later shows its current contribution.
 */
export class RollingWindow {
  private rows: WindowRow[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  addCall(at: number, entity: Contributor): void {
    this.rows.push({ at, kind: 'call', entity });
  }

  addRating(at: number, scopes: readonly string[], satisfied: boolean): void {
    this.rows.push({ at, kind: 'rating', scopes, satisfied });
  }

  /** Forgets rows older than the window at `now` (rows arrive roughly in time order). */
  evict(now: number): void {
    const cutoff = now - this.spanMs;
    while (this.head < this.rows.length && (this.rows[this.head]?.at ?? Infinity) < cutoff)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
  }

  /** Counters per scope of the rows in [from, to]. */
  sum(from: number, to: number): Map<string, KpiCounters> {
    const out = new Map<string, KpiCounters>();
    const of = (scope: string): KpiCounters => {
      let c = out.get(scope);
      if (!c) out.set(scope, (c = new KpiCounters()));
      return c;
    };
    for (let i = this.head; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (!row || row.at < from || row.at > to) continue;
      if (row.kind === 'rating') {
        for (const scope of row.scopes) of(scope).addRating(row.satisfied);
        continue;
      }
      const applied = row.entity.applied;
      if (!applied) continue;
      for (const scope of applied.scopes) of(scope).add(applied.c, 1);
    }
    return out;
  }

  get size(): number {
    return this.rows.length - this.head;
  }
}
