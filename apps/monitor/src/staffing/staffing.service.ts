import {
  Inject,
  Injectable,
  NotFoundException,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import {
  DAY_MS,
  FIFTEEN_MINUTES_MS,
  HOUR_MS,
  INTERVAL_MINUTES,
  addCalendarDays,
  dayKey,
  formatClockTime,
  intervalKey,
  parseCalendarDate,
  startOfCalendarDate,
  startOfWeek,
} from '@hotline/calendar';
import type { IntervalPoint, KpiSnapshot } from '@hotline/kpi';
import {
  type CentreTargets,
  type IntervalCount,
  type RotaIntervalHistory,
  checkRota,
  forecastArrivals,
  recommendStaffing,
  requiredAgentsErlangA,
  shiftCoverage,
  staffInterval,
} from '@hotline/staffing';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveKpiService } from '../live/live-kpi.service';
import { PatienceWindow } from './patience-window';
import {
  STAFFING_HISTORY,
  type StaffingHistoryInterval,
  type StaffingHistorySource,
} from './staffing-history';
import { STAFFING_OPTIONS, type StaffingOptions } from './staffing-options';
import type {
  ForecastIntervalView,
  HandleTime,
  PatienceUsed,
  RotaIntervalView,
  StaffingForecast,
  StaffingNow,
  StaffingRotaReport,
} from './staffing-views';

/**
 * The staffing advisor: agents needed versus on duty for the current interval, the coming
 * hours' forecast, and the week's rota check — the maths is @hotline/staffing (Erlang A with
 * patience estimated from abandoned waits, Erlang C beside it); this class only gathers inputs
 * from the live engine and the stored history.
 */
@Injectable()
export class StaffingService implements OnModuleInit, OnModuleDestroy {
  private readonly patienceWindow: PatienceWindow;
  private unsubscribe: (() => void) | undefined;
  private lastNow: { key: string; value: StaffingNow } | undefined;

  constructor(
    private readonly live: LiveKpiService,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    @Inject(STAFFING_OPTIONS) private readonly options: StaffingOptions,
    @Optional() @Inject(STAFFING_HISTORY) private readonly history?: StaffingHistorySource,
  ) {
    this.patienceWindow = new PatienceWindow(
      options.patienceWindowHours * HOUR_MS,
      options.minAbandonsForPatience,
      options.defaultPatienceSeconds,
    );
  }

  onModuleInit(): void {
    this.unsubscribe = this.live.kpiEngine.onCallFinished((record) => {
      // Estimated times, and calls whose outcome is unknown, say nothing sure of patience.
      if (record.estimated || record.outcome === 'unknown') return;
      this.patienceWindow.add({
        endedAt: record.endedAt,
        waitSeconds: record.waitSeconds,
        abandoned: record.outcome === 'abandoned',
      });
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  get targets(): CentreTargets {
    return {
      answerRate: this.config.kpi.targets.answerRate,
      answeredWithinSeconds: this.config.kpi.answerThresholdSeconds,
      answeredWithinRate: this.config.kpi.targets.answeredIn10sRate,
    };
  }

  /** Needed vs on duty for the current interval; cheap enough for every push tick (memoised). */
  current(): StaffingNow {
    const snapshot = this.live.snapshot();
    const at = snapshot.at;
    const intervalStart = at - intervalKey(at, this.timeZone, INTERVAL_MINUTES).msIntoInterval;
    const offered = snapshot.periods.centre.last15m.offered;
    const answered = snapshot.periods.centre.last15m.answered;
    const onDuty = snapshot.agentCounts.onDuty;
    const handleTime = this.handleTime(snapshot);
    const patience = this.patience(at);
    const key = [
      intervalStart,
      offered,
      answered,
      onDuty,
      handleTime.seconds,
      patience.meanPatienceSeconds,
    ].join('|');
    if (this.lastNow?.key === key) return { ...this.lastNow.value, at };

    const staffing = staffInterval({
      offered,
      answered,
      ahtSeconds: handleTime.seconds,
      // Patience comes from the sliding window (hours of calls), not from this interval's few
      // abandons: handing staffInterval no abandons makes it use the patience given as default.
      abandoned: 0,
      totalWaitSeconds: 0,
      agentsOnDuty: onDuty,
      intervalSeconds: 900,
      targets: this.targets,
      defaultMeanPatienceSeconds: patience.meanPatienceSeconds,
    });
    const erlangA = requiredAgentsErlangA({
      arrivalRatePerSecond: staffing.arrivalRatePerSecond,
      ahtSeconds: handleTime.seconds,
      meanPatienceSeconds: patience.meanPatienceSeconds,
      targetAnswerRate: this.targets.answerRate,
      targetAnsweredWithinSeconds: this.targets.answeredWithinSeconds,
      targetAnsweredWithinRate: this.targets.answeredWithinRate,
    });
    const neededNow = staffing.requiredErlangA;
    const value: StaffingNow = {
      at,
      intervalStart,
      intervalEnd: intervalStart + FIFTEEN_MINUTES_MS,
      neededNow,
      onDuty,
      gap: neededNow - onDuty,
      offeredLoad: staffing.offeredLoadErlangs,
      arrivalsPerHour: offered * 4,
      scheduled: this.scheduledAt(intervalStart),
      handleTime,
      patience,
      targets: this.targets,
      erlangA: {
        agents: neededNow,
        limitedBy: erlangA.limitedBy,
        answerRateWithOnDuty: staffing.predictedErlangA.answerRate,
        answeredWithinRateWithOnDuty: staffing.predictedErlangA.answeredWithinRate,
        averageSpeedOfAnswerSecondsWithOnDuty:
          staffing.predictedErlangA.averageSpeedOfAnswerSeconds,
      },
      erlangC: {
        agents: staffing.requiredErlangC,
        serviceLevelWithOnDuty: staffing.predictedErlangC.serviceLevel,
      },
    };
    this.lastNow = { key, value };
    return value;
  }

  /** The coming `hours` (from the current interval): expected calls and agents needed. */
  async forecast(hours: number): Promise<StaffingForecast> {
    const snapshot = this.live.snapshot();
    const at = snapshot.at;
    const handleTime = this.handleTime(snapshot);
    const patience = this.patience(at);
    const horizonIntervals = Math.round(hours * 4);
    const today = todayCounts(snapshot.intervals.centre, at);
    const stored = await this.storedCounts(at - (this.options.forecastWeeks * 7 + 1) * DAY_MS, at);
    // The engine's intervals of today are fresher than storage (which lags by its batch delay).
    const todayStarts = new Set(today.map((c) => c.startMs));
    const history = [...stored.filter((c) => !todayStarts.has(c.startMs)), ...today];
    const arrivals = forecastArrivals({
      history,
      nowMs: at,
      horizonIntervals,
      weeks: this.options.forecastWeeks,
      timeZone: this.timeZone,
      intervalMinutes: INTERVAL_MINUTES,
    });
    const withHistory = arrivals.intervals.some((i) => i.weeksUsed > 0);
    const level = recentLevel(today, snapshot.periods.centre.last15m.offered);
    const expected = arrivals.intervals.map((i) => (withHistory ? i.forecast : level));
    const demand = arrivals.intervals.map((interval, i) => ({
      startMs: interval.startMs,
      expectedCalls: expected[i],
      ahtSeconds: handleTime.seconds,
    }));
    const common = {
      intervals: demand,
      intervalSeconds: 900,
      targets: this.targets,
      meanPatienceSeconds: patience.meanPatienceSeconds,
      seats: this.config.seats,
    };
    const erlangA = recommendStaffing(common);
    const erlangC = recommendStaffing({ ...common, model: 'erlang-c' });
    const intervals = arrivals.intervals.map((interval, i): ForecastIntervalView => {
      const scheduled = this.scheduledAt(interval.startMs);
      return {
        intervalStart: interval.startMs,
        intervalEnd: interval.startMs + FIFTEEN_MINUTES_MS,
        date: interval.key.date,
        time: formatClockTime(interval.key.minuteOfDay),
        expectedCalls: round2(expected[i]),
        baseline: round2(interval.baseline),
        weeksUsed: interval.weeksUsed,
        offeredLoad: round2(erlangA[i].offeredLoadErlangs),
        needed: erlangA[i].agents,
        neededErlangC: erlangC[i].agents,
        scheduled: round2(scheduled),
        gap: round2(erlangA[i].agents - scheduled),
        seatsShort: erlangA[i].seatsShort,
        predictedAnswerRate: erlangA[i].predicted.answerRate,
        predictedAnsweredWithinRate: erlangA[i].predicted.answeredWithinRate,
      };
    });
    return {
      at,
      hours,
      method: withHistory ? 'history' : 'today-level',
      todayRatio: withHistory ? arrivals.todayRatio : 1,
      handleTime,
      patience,
      intervals,
    };
  }

  /**
   * Checks the configured rota against the week of history starting on `weekStart` (local
   * YYYY-MM-DD, already validated); by default the current week (Monday) on the PBX clock.
   */
  async rota(weekStartText?: string): Promise<StaffingRotaReport> {
    const snapshot = this.live.snapshot();
    const weekStart =
      weekStartText ?? dayKey(startOfWeek(snapshot.at, this.timeZone), this.timeZone);
    const first = parseCalendarDate(weekStart, 'day');
    const from = startOfCalendarDate(first, this.timeZone);
    const to = startOfCalendarDate(addCalendarDays(first, 7), this.timeZone);
    let source: StaffingRotaReport['source'] = 'storage';
    let history = this.history ? await this.history.centreIntervals(from, to) : [];
    const liveHandle = this.handleTime(snapshot);
    if (history.length === 0) {
      source = 'today-only';
      history = snapshot.intervals.centre
        .filter((p) => p.from >= from && p.from < to && p.to <= snapshot.at)
        .map((p) => fromIntervalPoint(p, liveHandle.talkSeconds));
    }
    if (history.length === 0) {
      throw new NotFoundException(
        `no interval history for the week of ${weekStart}${this.history ? '' : ' (storage is not configured: only today is known)'}`,
      );
    }
    const talked = (i: StaffingHistoryInterval) => i.answered - (i.talkUnknown ?? 0);
    const answered = history.reduce((s, i) => s + talked(i), 0);
    const talk = history.reduce((s, i) => s + i.sumTalkSeconds, 0);
    const weekTalk = answered > 0 ? talk / answered : liveHandle.talkSeconds;
    const acw = liveHandle.afterCallWorkSeconds;
    const handleTime: HandleTime = {
      ...liveHandle,
      talkSeconds: round2(weekTalk),
      talkSource: answered > 0 ? 'history' : liveHandle.talkSource,
      seconds: round2(weekTalk + acw),
    };
    const intervals: RotaIntervalHistory[] = history.map((i) => ({
      startMs: i.startMs,
      offered: i.offered,
      // One interval's few answers give a noisy talk mean; below 10 the week's mean is used.
      ahtSeconds: (talked(i) >= 10 ? i.sumTalkSeconds / talked(i) : weekTalk) + acw,
      abandoned: i.abandoned,
      totalWaitSeconds: i.totalWaitSeconds,
    }));
    const wholeWaits = history.every((i) => i.totalWaitSeconds !== undefined);
    const check = checkRota({
      intervals,
      shifts: this.options.rota,
      seats: this.config.seats,
      timeZone: this.timeZone,
      intervalMinutes: INTERVAL_MINUTES,
      targets: this.targets,
      // Pooled over the week when every caller's wait is known; else the live estimate.
      meanPatienceSeconds: wholeWaits ? undefined : this.patience(snapshot.at).meanPatienceSeconds,
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
      weekStart,
      from,
      to,
      source,
      meanPatienceSeconds: round2(check.meanPatienceSeconds),
      handleTime,
      intervals: rows,
      shortIntervals: check.shortIntervals.length,
      shortAgentHours: round2(check.shortIntervals.reduce((s, i) => s + i.shortfall, 0) / 4),
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

  private get timeZone(): string {
    return this.config.kpi.timeZone;
  }

  /** Talk from the last hour (else today, else the default) plus after-call work. */
  private handleTime(snapshot: KpiSnapshot): HandleTime {
    const centre = snapshot.periods.centre;
    const [talkSeconds, talkSource]: [number, HandleTime['talkSource']] =
      centre.last60m.ahtSeconds !== null
        ? [centre.last60m.ahtSeconds, 'last60m']
        : centre.today.ahtSeconds !== null
          ? [centre.today.ahtSeconds, 'today']
          : [this.options.defaultTalkSeconds, 'default'];
    let afterCallWorkSeconds = 0;
    let afterCallWorkSource: HandleTime['afterCallWorkSource'] = 'none';
    if (this.options.afterCallWorkSeconds !== undefined) {
      afterCallWorkSeconds = this.options.afterCallWorkSeconds;
      afterCallWorkSource = 'config';
    } else {
      let wrapSeconds = 0;
      let answeredToday = 0;
      for (const agent of snapshot.agents) {
        wrapSeconds += agent.stateSecondsToday['wrap-up'] ?? 0;
        answeredToday += agent.answeredToday;
      }
      if (answeredToday > 0 && wrapSeconds > 0) {
        afterCallWorkSeconds = wrapSeconds / answeredToday;
        afterCallWorkSource = 'measured';
      }
    }
    return {
      talkSeconds: round2(talkSeconds),
      talkSource,
      afterCallWorkSeconds: round2(afterCallWorkSeconds),
      afterCallWorkSource,
      seconds: round2(talkSeconds + afterCallWorkSeconds),
    };
  }

  private patience(nowMs: number): PatienceUsed {
    const estimate = this.patienceWindow.estimate(nowMs);
    return {
      meanPatienceSeconds: round2(estimate.meanPatienceSeconds),
      source: estimate.source,
      abandoned: estimate.abandoned,
    };
  }

  /** Agents the configured rota puts on the interval starting at `startMs`. */
  private scheduledAt(startMs: number): number {
    const { minuteOfDay } = intervalKey(startMs, this.timeZone, INTERVAL_MINUTES);
    return this.options.rota.reduce(
      (sum, shift) => sum + shiftCoverage(shift, minuteOfDay, INTERVAL_MINUTES) * shift.agents,
      0,
    );
  }

  private async storedCounts(fromMs: number, toMs: number): Promise<IntervalCount[]> {
    if (!this.history) return [];
    const rows = await this.history.centreIntervals(fromMs, toMs);
    return rows.map((r) => ({ startMs: r.startMs, count: r.offered }));
  }
}

function todayCounts(points: readonly IntervalPoint[], nowMs: number): IntervalCount[] {
  // The interval containing now is not over: counting it would drag today's ratio down.
  return points.filter((p) => p.to <= nowMs).map((p) => ({ startMs: p.from, count: p.offered }));
}

/** Today's recent level per interval: the mean of the last 4 completed intervals, else last 15 min. */
function recentLevel(today: readonly IntervalCount[], offeredLast15m: number): number {
  const recent = today.slice(-4);
  if (recent.length === 0) return offeredLast15m;
  return recent.reduce((s, c) => s + c.count, 0) / recent.length;
}

function fromIntervalPoint(point: IntervalPoint, talkSeconds: number): StaffingHistoryInterval {
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

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
