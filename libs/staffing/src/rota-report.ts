import { formatClockTime } from '@hotline/calendar';
import {
  ADVISOR_INTERVAL_MINUTES,
  ADVISOR_INTERVAL_MS,
  ADVISOR_INTERVALS_PER_HOUR,
  type LiveIntervalPoint,
  round2,
} from './advisor-inputs';
import type {
  HandleTime,
  RotaIntervalView,
  StaffingHistoryInterval,
  StaffingRotaReport,
} from './advisor-views';
import type { CentreTargets } from './centre-targets';
import { checkRota, type RotaIntervalHistory, type RotaShift } from './rota-check';
import { StaffingError, StaffingErrorCode } from './staffing-error';

/** Fewer answers than this in one interval give a noisy talk mean: the week's mean is used. */
const MIN_ANSWERS_FOR_INTERVAL_TALK = 10;

export interface RotaReportQuery {
  /** Local YYYY-MM-DD of the week's Monday, and the week's bounds (epoch ms). */
  readonly weekStart: string;
  readonly from: number;
  readonly to: number;
  /** The week's stored intervals; empty (or storage absent) falls back to today's live ones. */
  readonly stored: readonly StaffingHistoryInterval[];
  readonly storageConfigured: boolean;
  /** Today's live centre intervals and the PBX time now. */
  readonly liveIntervals: readonly LiveIntervalPoint[];
  readonly at: number;
  readonly liveHandleTime: HandleTime;
  /** The live patience estimate, used when not every caller's wait is stored. */
  readonly livePatienceSeconds: number;
  readonly rota: readonly RotaShift[];
  readonly seats: number;
  readonly timeZone: string;
  readonly targets: CentreTargets;
}

/**
 * The configured rota against a week of history: handle time from the week's talk (per
 * interval when it answered enough calls) plus the live after-call work, patience pooled over
 * the week when every caller's wait is known. Throws StaffingError NoHistory when nothing is
 * known of the week.
 */
export function rotaReport(query: RotaReportQuery): StaffingRotaReport {
  const { liveHandleTime } = query;
  let source: StaffingRotaReport['source'] = 'storage';
  // An interval still running (storage may hold its first calls) would understate the week.
  let history = query.stored.filter((i) => i.startMs + ADVISOR_INTERVAL_MS <= query.at);
  if (history.length === 0) {
    source = 'today-only';
    history = query.liveIntervals
      .filter((p) => p.from >= query.from && p.from < query.to && p.to <= query.at)
      .map((p) => fromLivePoint(p, liveHandleTime.talkSeconds));
  }
  if (history.length === 0) {
    throw new StaffingError(
      StaffingErrorCode.NoHistory,
      `no interval history for the week of ${query.weekStart}${query.storageConfigured ? '' : ' (storage is not configured: only today is known)'}`,
    );
  }
  const talked = (i: StaffingHistoryInterval) => i.answered - (i.talkUnknown ?? 0);
  const answered = history.reduce((s, i) => s + talked(i), 0);
  const talk = history.reduce((s, i) => s + i.sumTalkSeconds, 0);
  const weekTalk = answered > 0 ? talk / answered : liveHandleTime.talkSeconds;
  const acw = liveHandleTime.afterCallWorkSeconds;
  const handleTime: HandleTime = {
    ...liveHandleTime,
    talkSeconds: round2(weekTalk),
    talkSource: answered > 0 ? 'history' : liveHandleTime.talkSource,
    seconds: round2(weekTalk + acw),
  };
  const intervals: RotaIntervalHistory[] = history.map((i) => ({
    startMs: i.startMs,
    offered: i.offered,
    ahtSeconds:
      (talked(i) >= MIN_ANSWERS_FOR_INTERVAL_TALK ? i.sumTalkSeconds / talked(i) : weekTalk) + acw,
    abandoned: i.abandoned,
    totalWaitSeconds: i.totalWaitSeconds,
  }));
  const wholeWaits = history.every((i) => i.totalWaitSeconds !== undefined);
  const check = checkRota({
    intervals,
    shifts: query.rota,
    seats: query.seats,
    timeZone: query.timeZone,
    intervalMinutes: ADVISOR_INTERVAL_MINUTES,
    targets: query.targets,
    // Pooled over the week when every caller's wait is known; else the live estimate.
    meanPatienceSeconds: wholeWaits ? undefined : query.livePatienceSeconds,
  });
  const rows = check.intervals.map((i): RotaIntervalView => ({
    intervalStart: i.startMs,
    date: i.key.date,
    time: formatClockTime(i.key.minuteOfDay),
    weekday: i.key.weekday,
    offered: i.offered,
    offeredLoad: round2(i.offeredLoadErlangs),
    required: i.required,
    scheduled: round2(i.scheduled),
    shortfall: round2(i.shortfall),
  }));
  return {
    weekStart: query.weekStart,
    week: 'requested',
    from: query.from,
    to: query.to,
    source,
    meanPatienceSeconds: round2(check.meanPatienceSeconds),
    handleTime,
    intervals: rows,
    shortIntervals: check.shortIntervals.length,
    shortAgentHours: round2(
      check.shortIntervals.reduce((s, i) => s + i.shortfall, 0) / ADVISOR_INTERVALS_PER_HOUR,
    ),
    peak: {
      required: check.peak.required,
      requiredAt: check.peak.requiredAtMs ?? null,
      scheduled: round2(check.peak.scheduled),
      seats: check.peak.seats,
      seatsShortAtRequiredPeak: check.peak.seatsShortAtRequiredPeak,
      seatsShortAtScheduledPeak: check.peak.seatsShortAtScheduledPeak,
    },
    shifts: check.suggestedShifts,
    uncoveredMinutesOfDay: check.uncoveredMinutesOfDay,
  };
}

function fromLivePoint(point: LiveIntervalPoint, talkSeconds: number): StaffingHistoryInterval {
  return {
    startMs: point.from,
    offered: point.offered,
    answered: point.answered,
    abandoned: point.abandoned,
    // The engine's interval points carry no talk sum: today's live AHT stands in for it.
    sumTalkSeconds: point.answered * talkSeconds,
    agentsOnDuty: point.agentsOnDutyMax ?? undefined,
  };
}
