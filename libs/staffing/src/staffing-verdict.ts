import { answerRate, answeredIn10sRate } from '@hotline/kpi';
import type { CentreTargets } from './centre-targets';
import type { FloorCapacity } from './floor-capacity';

/** The centre targets the advice is held to. */
export type StaffingTarget = 'answerRate' | 'answeredWithinRate';

/**
 * Why the last finished interval missed a target, as the tile names it (zh first):
 * - `too-few-answering` 可接人数不足: the calls it got needed more agents than are answering;
 * - `after-call-work` 话后时长: with talk alone they would have sufficed — the wrap-up is the gap;
 * - `pauses` 小休占用: with the paused agents answering they would have sufficed;
 * - `calls-above-forecast` 来电高于预测: it got clearly more calls than forecast when it began;
 * - `none-found`: none of these (the agents sufficed on Erlang A's model: chance, a burst).
 */
export const STAFFING_CAUSES = [
  'too-few-answering',
  'after-call-work',
  'pauses',
  'calls-above-forecast',
  'none-found',
] as const;
export type StaffingCause = (typeof STAFFING_CAUSES)[number];

/**
 * 'missed': the last finished interval missed a target (red, never "spare");
 * 'short': fewer agents answering than needed now (red); 'enough': exactly as many;
 * 'spare': more than needed, and the last interval met the targets.
 */
export const STAFFING_STATUSES = ['missed', 'short', 'enough', 'spare'] as const;
export type StaffingStatus = (typeof STAFFING_STATUSES)[number];

/** The last finished advisor interval, judged against the targets. */
export interface FinishedInterval {
  readonly from: number;
  readonly to: number;
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  /** The KPI formulas (docs/kpi-spec.md); null when the denominator is 0. */
  readonly answerRate: number | null;
  readonly answeredWithinRate: number | null;
  readonly missed: readonly StaffingTarget[];
  /** Calls forecast for it when it began; null when there was no forecast (no history, start-up). */
  readonly expectedCalls: number | null;
  /** Agents Erlang A needed for the calls it got, with the handle time now and with talk alone. */
  readonly needed: number;
  readonly neededWithoutAfterCallWork: number;
}

export interface StaffingVerdict {
  readonly status: StaffingStatus;
  /** Why the last interval missed a target (empty unless status is 'missed'), most direct first. */
  readonly causes: readonly StaffingCause[];
}

/** The targets an interval's counts miss (none when nothing was offered). */
export function missedTargets(
  counts: {
    readonly offered: number;
    readonly inProgress: number;
    readonly answered: number;
    readonly answeredWithin10s: number;
  },
  targets: CentreTargets,
): StaffingTarget[] {
  const missed: StaffingTarget[] = [];
  const rate = answerRate(counts);
  if (rate !== null && rate < targets.answerRate) missed.push('answerRate');
  const within = answeredIn10sRate(counts);
  if (within !== null && within < targets.answeredWithinRate) missed.push('answeredWithinRate');
  return missed;
}

/**
 * Whether `offered` is clearly above the `expected` calls: beyond two standard deviations of a
 * Poisson count with that mean (so an interval's ordinary scatter is not called a surge).
 */
export function aboveForecast(offered: number, expected: number): boolean {
  return offered > expected + 2 * Math.sqrt(Math.max(expected, 1));
}

/**
 * The advice's status, and when the last finished interval missed a target its causes, read
 * from that interval's calls against the floor now (`floor`) and the needed now (`gap`).
 */
export function staffingVerdict(input: {
  /** Needed now − answering now. */
  readonly gap: number;
  readonly floor: Pick<FloorCapacity, 'answering' | 'paused'>;
  readonly last: FinishedInterval | null;
}): StaffingVerdict {
  const { gap, floor, last } = input;
  if (last !== null && last.missed.length > 0) {
    return { status: 'missed', causes: causesOf(last, floor) };
  }
  const status: StaffingStatus = gap > 0 ? 'short' : gap < 0 ? 'spare' : 'enough';
  return { status, causes: [] };
}

function causesOf(
  last: FinishedInterval,
  floor: Pick<FloorCapacity, 'answering' | 'paused'>,
): StaffingCause[] {
  const causes: StaffingCause[] = [];
  if (last.needed > floor.answering) {
    causes.push('too-few-answering');
    if (last.neededWithoutAfterCallWork <= floor.answering) causes.push('after-call-work');
    if (floor.paused > 0 && last.needed <= floor.answering + floor.paused) causes.push('pauses');
  }
  if (last.expectedCalls !== null && aboveForecast(last.offered, last.expectedCalls)) {
    causes.push('calls-above-forecast');
  }
  return causes.length > 0 ? causes : ['none-found'];
}
