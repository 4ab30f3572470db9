import type { TargetedKpi } from './alarm';

/** The monthly targets the centre is judged on (config kpi.targets). */
export interface KpiTargetsForAlarms {
  readonly answerRate: number;
  readonly answeredIn10sRate: number;
  readonly overFiveMinuteRate: number;
  readonly satisfactionRate: number;
}

/**
 * The one severity scheme: how far from its target a KPI is 'near' (amber on the boards),
 * 'warning' (an alarm, red) or 'critical', and the same for a caller's wait. The alarm rules,
 * the boards (sent in the push `hello`) and the generated Prometheus alert rules read it.
 */
export interface RateBand {
  /** 'floor': the rate must reach the target; 'ceiling': it must stay below (超5分钟通话率). */
  readonly bound: 'floor' | 'ceiling';
  readonly target: number;
  /** Within this of the target, on the right side: near. */
  readonly near: number;
  /** Past the target by more than this: critical. */
  readonly critical: number;
}

export interface WaitBand {
  /** A wait from here is near (amber). */
  readonly nearSeconds: number;
  /** From here a long-wait alarm (push.waitAlarmSeconds). */
  readonly alarmSeconds: number;
  /** From here the alarm is critical: a caller forgotten, not one who just crossed. */
  readonly criticalSeconds: number;
}

export interface SeverityScheme {
  readonly rates: Readonly<Record<TargetedKpi, RateBand>>;
  readonly wait: WaitBand;
  /** A rate over fewer calls than this raises no alarm (rates swing just after midnight). */
  readonly minSample: number;
}

export type RateStatus = 'none' | 'ok' | 'near' | 'warning' | 'critical';

export const NEAR_MARGIN = 0.02;
export const CRITICAL_MARGIN = 0.05;
export const MIN_SAMPLE = 20;

export function rateBand(bound: RateBand['bound'], target: number): RateBand {
  return { bound, target, near: NEAR_MARGIN, critical: CRITICAL_MARGIN };
}

export function waitBand(alarmSeconds: number): WaitBand {
  return { nearSeconds: alarmSeconds / 2, alarmSeconds, criticalSeconds: 2 * alarmSeconds };
}

/**
 * The scheme of a centre's targets (config kpi.targets), wait threshold (push.waitAlarmSeconds)
 * and smallest sample judged (alarms.minSample).
 */
export function severityScheme(
  targets: KpiTargetsForAlarms,
  waitAlarmSeconds: number,
  minSample = MIN_SAMPLE,
): SeverityScheme {
  return { rates: rateBands(targets), wait: waitBand(waitAlarmSeconds), minSample };
}

export function rateBands(targets: KpiTargetsForAlarms): Readonly<Record<TargetedKpi, RateBand>> {
  return {
    answerRate: rateBand('floor', targets.answerRate),
    answeredIn10sRate: rateBand('floor', targets.answeredIn10sRate),
    overFiveMinuteRate: rateBand('ceiling', targets.overFiveMinuteRate),
    satisfactionRate: rateBand('floor', targets.satisfactionRate),
  };
}

/** Where a rate stands in its band (null: no figure yet). */
export function rateStatus(band: RateBand, value: number | null): RateStatus {
  if (value === null) return 'none';
  if (band.bound === 'ceiling') {
    if (value >= band.target + band.critical) return 'critical';
    if (value >= band.target) return 'warning';
    return value >= band.target - band.near ? 'near' : 'ok';
  }
  if (value < band.target - band.critical) return 'critical';
  if (value < band.target) return 'warning';
  return value < band.target + band.near ? 'near' : 'ok';
}
