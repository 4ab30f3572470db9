/**
 * Turns a "so far this period" figure into a Prometheus counter value. Within one period
 * (keyed by its start) the exported value never goes down — a later correction of an
 * estimated outcome would otherwise look like a counter reset and make `increase()` count
 * the whole period again. A new period starts from its own figure: Prometheus sees that as
 * a reset, which `increase()` and `rate()` handle.
 */
export class MonotonicPeriodCounter {
  private readonly last = new Map<string, { periodStart: number; value: number }>();

  value(series: string, periodStart: number, figure: number): number {
    const seen = this.last.get(series);
    const value = seen && seen.periodStart === periodStart ? Math.max(seen.value, figure) : figure;
    this.last.set(series, { periodStart, value });
    return value;
  }
}
