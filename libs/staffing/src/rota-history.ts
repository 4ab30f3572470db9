import { addLocalDays } from '@hotline/calendar';
import { type AfterCallWorkPerCall, afterCallWorkPerCall } from './after-call-work';
import { pooledPatience, type PooledPatience } from './patience';
import { type PlanningDemand, weekCallsFromHistory, weekdayCounts } from './rota-demand';
import { SLOTS_PER_DAY } from './rota-rules';
import { assertFiniteAtLeast } from './staffing-error';

/** One 15-minute interval of the centre's stored history (the storage library's aggregates). */
export interface CentreIntervalHistory {
  readonly startMs: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly sumTalkSeconds: number;
  /** Seconds waited by every caller who waited; undefined when only answered waits are known. */
  readonly totalWaitSeconds?: number;
  /** Of the abandoned, those who hung up within the short-abandon threshold (5 s by default). */
  readonly shortAbandoned?: number;
  /** Seconds of after-call work (wrap-up) that began in the interval; undefined: not measured. */
  readonly wrapUpSeconds?: number;
}

export interface HistoryDemandQuery {
  readonly history: readonly CentreIntervalHistory[];
  /** Epoch ms of the local Monday 00:00 of the week to plan. */
  readonly weekStartMs: number;
  /** Same weekday and slot over this many past weeks. */
  readonly weeks: number;
  readonly timeZone: string;
  /** After-call work per call as configured; undefined: measured from the history's wrap-up. */
  readonly afterCallWorkSeconds?: number;
  /** Talk per call when the history answered nothing. */
  readonly defaultTalkSeconds: number;
  readonly defaultPatienceSeconds: number;
  readonly minAbandonsForPatience: number;
  /**
   * Re-level the week to a month's volume (e.g. the evaluation's monthly table), keeping the
   * history's shape: the month's weekdays, each with the history's calls for that weekday.
   */
  readonly monthVolume?: { readonly month: string; readonly calls: number };
}

export interface HistoryDemand {
  readonly demand: PlanningDemand;
  readonly talkSeconds: number;
  readonly talkSource: 'history' | 'default';
  readonly afterCallWork: AfterCallWorkPerCall;
  readonly patience: PooledPatience;
  /** Short abandons ÷ offered over the history (0 when the history does not count them). */
  readonly unavoidableLossShare: number;
  /** Slots of the week with at least one past week behind them. */
  readonly slotsWithHistory: number;
  readonly weeksUsed: number;
  /** Factor the history's calls were multiplied by to reach the month's volume (1 without). */
  readonly levelFactor: number;
}

/**
 * The week to plan from the stored intervals of the weeks before it: calls per slot from the
 * same weekday and slot (weekCallsFromHistory), talk pooled over the history (one interval's few
 * answers are noisy), plus the after-call work as configured or else measured over the history
 * (afterCallWorkPerCall, when every interval measured it), and the patience pooled over the
 * history when every caller's wait is known.
 */
export function planningDemandFromHistory(query: HistoryDemandQuery): HistoryDemand {
  if (query.afterCallWorkSeconds !== undefined)
    assertFiniteAtLeast('afterCallWorkSeconds', query.afterCallWorkSeconds, 0);
  const from = addLocalDays(query.weekStartMs, -7 * query.weeks, query.timeZone);
  const past = query.history.filter((i) => i.startMs >= from && i.startMs < query.weekStartMs);
  const week = weekCallsFromHistory({
    history: past.map((i) => ({ startMs: i.startMs, count: i.offered })),
    weekStartMs: query.weekStartMs,
    weeks: query.weeks,
    timeZone: query.timeZone,
  });
  const answered = past.reduce((s, i) => s + i.answered, 0);
  const talk = past.reduce((s, i) => s + i.sumTalkSeconds, 0);
  const talkSeconds = answered > 0 ? talk / answered : query.defaultTalkSeconds;
  const wrapUpMeasured = past.length > 0 && past.every((i) => i.wrapUpSeconds !== undefined);
  const afterCallWork = afterCallWorkPerCall(
    query.afterCallWorkSeconds,
    wrapUpMeasured
      ? {
          wrapUpSeconds: past.reduce((s, i) => s + (i.wrapUpSeconds ?? 0), 0),
          answeredCalls: answered,
        }
      : undefined,
  );
  // Callers who hang up within seconds are lost whatever the staffing: they are the planner's
  // unavoidable loss, not evidence of the waiting callers' patience.
  const offered = past.reduce((s, i) => s + i.offered, 0);
  const countsShort = past.length > 0 && past.every((i) => i.shortAbandoned !== undefined);
  const short = countsShort ? past.reduce((s, i) => s + (i.shortAbandoned ?? 0), 0) : 0;
  const wholeWaits = past.length > 0 && past.every((i) => i.totalWaitSeconds !== undefined);
  const patience = pooledPatience(
    {
      abandoned: wholeWaits ? past.reduce((s, i) => s + i.abandoned, 0) - short : 0,
      totalWaitSeconds: wholeWaits ? past.reduce((s, i) => s + (i.totalWaitSeconds ?? 0), 0) : 0,
    },
    query.minAbandonsForPatience,
    query.defaultPatienceSeconds,
  );
  const unavoidableLossShare = offered > 0 ? short / offered : 0;
  let levelFactor = 1;
  if (query.monthVolume) {
    const counts = weekdayCounts(query.monthVolume.month);
    const monthFromHistory = counts.reduce((sum, n, d) => {
      const day = week.calls.slice(d * SLOTS_PER_DAY, (d + 1) * SLOTS_PER_DAY);
      return sum + n * day.reduce((s, c) => s + c, 0);
    }, 0);
    if (monthFromHistory > 0) levelFactor = query.monthVolume.calls / monthFromHistory;
  }
  return {
    demand: {
      calls: week.calls.map((c) => c * levelFactor),
      handleSeconds: talkSeconds + afterCallWork.seconds,
      meanPatienceSeconds: patience.meanPatienceSeconds,
      unavoidableLossShare,
    },
    talkSeconds,
    talkSource: answered > 0 ? 'history' : 'default',
    afterCallWork,
    patience,
    unavoidableLossShare,
    slotsWithHistory: week.slotsWithHistory,
    weeksUsed: week.weeksUsed,
    levelFactor,
  };
}
