import { kpiRates } from '@hotline/kpi';
import { rateInputsOf, type StoredCounters } from '@hotline/storage';
import type { KpiColumnId } from './report-columns';

export type ReportValue = number | string | null;

/** One line of a KPI report: a period × scope key, with every column's value. */
export interface KpiReportRow {
  /** Local label: "2026-11-02 08:15", "2026-11-02", "2026-11-02 ~ 2026-11-08", "2026-11". */
  readonly period: string;
  /** Epoch ms of the period start; null for summary rows. */
  readonly periodStart: number | null;
  readonly scopeKind: string;
  readonly scopeKey: string;
  readonly counters: StoredCounters;
  /**
   * True when the row comes from imported monthly figures that carry only the appendix-3
   * columns and a satisfaction rate: the loss split, times and staffing are unknown (null).
   */
  readonly partial: boolean;
  readonly values: Readonly<Record<KpiColumnId, ReportValue>>;
}

const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/** Derives the report columns from additive counters (rates are ratios 0–1). */
export function reportValues(
  labels: { period: string; scope: string; name: string },
  c: StoredCounters,
  satisfactionRate: number | null,
  partial: boolean,
): Record<KpiColumnId, ReportValue> {
  const unknown = <T>(value: T): T | null => (partial ? null : value);
  const rates = kpiRates(rateInputsOf(c));
  return {
    period: labels.period,
    scope: labels.scope,
    name: labels.name,
    offered: c.offered,
    answered: c.answered,
    answerRate: rates.answerRate,
    answered10s: c.answered10s,
    // The hotline's own formula: within 10 s over *answered* (docs/kpi-spec.md).
    answered10sRate: rates.answeredIn10sRate,
    over5min: c.over5min,
    over5minRate: rates.overFiveMinuteRate,
    serviceLevel: rates.serviceLevel,
    // 呼损 is what the PBX said was lost; a call gone while unmonitored is in `unknown` instead.
    // Imported months have no split: there it is offered − answered, as the reference counts it.
    unanswered: partial ? c.offered - c.answered : c.abandoned + c.exited + c.blocked,
    abandoned: unknown(c.abandoned),
    abandonRate: unknown(rates.abandonRate),
    shortAbandoned: unknown(c.shortAbandoned),
    exited: unknown(c.exited),
    blocked: unknown(c.blocked),
    unknown: unknown(c.unknown),
    asa: unknown(oneDecimal(rates.asaSeconds)),
    // Answered calls whose end was not seen have no talk: they are out of the handle time.
    aht: unknown(oneDecimal(rates.ahtSeconds)),
    maxWait: unknown(c.maxWait),
    agentsOnDuty: unknown(c.agentsOnDuty),
    ratings: unknown(c.ratings),
    satisfaction: rates.satisfactionRate ?? satisfactionRate,
  };
}
