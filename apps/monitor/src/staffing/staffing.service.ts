import {
  Inject,
  Injectable,
  Logger,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import {
  type CentreTargets,
  type IntervalForecastNote,
  type RotaReportQuery,
  type StaffingForecast,
  type StaffingNow,
  type StaffingRotaReport,
  PatienceWindow,
  ADVISOR_INTERVAL_MS,
  advisorIntervalStart,
  defaultWeekRotaReport,
  floorOf,
  forecastHistoryFrom,
  liveForecast,
  liveHandleTime,
  rotaReport,
  scheduledAgents,
  staffingNow,
  staffingNowKey,
} from '@hotline/staffing';
import {
  HOUR_MS,
  addCalendarDays,
  dayKey,
  formatCalendarDate,
  parseCalendarDate,
  startOfCalendarDate,
  startOfWeek,
} from '@hotline/calendar';
import { seatCount } from '@hotline/seats';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveKpiService } from '../live/live-kpi.service';
import { STAFFING_HISTORY, type StaffingHistorySource } from './staffing-history';
import { STAFFING_OPTIONS, type StaffingOptions } from './staffing-options';

/**
 * The staffing advisor's wiring: reads the live snapshot (memoised by LiveKpiService), the
 * stored history and the patience window, and hands them to @hotline/staffing, where the
 * policy lives (handle time, Erlang A/C, the forecast, the rota check). Its StaffingErrors
 * become HTTP statuses in StaffingErrorsFilter.
 */
@Injectable()
export class StaffingService implements OnModuleInit, OnModuleDestroy {
  private readonly patienceWindow: PatienceWindow;
  private unsubscribe: (() => void) | undefined;
  private lastNow: { key: string; value: StaffingNow } | undefined;
  /** The forecast made for each recent interval when it began (pending: being made). */
  private readonly forecastAtStart = new Map<number, IntervalForecastNote | 'pending'>();
  /** The last failure logged, so a lasting one is logged once, not every push pass. */
  private lastFailure: string | undefined;
  private readonly logger = new Logger(StaffingService.name);

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
    this.unsubscribe = this.live.onCallFinished((record) => {
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

  /** Needed vs answering for the current interval; cheap enough for every push tick (memoised). */
  current(): StaffingNow {
    const figures = this.live.snapshot();
    const intervalStart = advisorIntervalStart(figures.at, this.timeZone);
    const query = {
      figures,
      floor: floorOf(figures.agents, this.config.agents),
      forecasts: {
        current: this.forecastMadeAt(intervalStart),
        last: this.forecastMadeAt(intervalStart - ADVISOR_INTERVAL_MS),
      },
      intervalStart,
      handleTime: liveHandleTime(figures, this.options),
      patience: this.patienceWindow.used(figures.at),
      targets: this.targets,
      scheduled: scheduledAgents(this.options.rota, intervalStart, this.timeZone),
    };
    const key = staffingNowKey(query);
    if (this.lastNow?.key === key) return { ...this.lastNow.value, at: figures.at };
    const value = staffingNow(query);
    this.lastNow = { key, value };
    return value;
  }

  /**
   * current(), or undefined when it cannot be had (e.g. no staffing up to its agent limit meets
   * the targets): the push leaves its section out and goes on — logged once per distinct failure.
   */
  currentIfAvailable(): StaffingNow | undefined {
    try {
      const now = this.current();
      this.lastFailure = undefined;
      return now;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastFailure) {
        this.lastFailure = message;
        this.logger.warn({ msg: 'staffing figure unavailable; pushing without it', err: message });
      }
      return undefined;
    }
  }

  /**
   * The forecast made for the interval starting at `intervalStart` when it began; the current
   * interval's is asked for once (in the background) and kept for the next interval's verdict.
   */
  private forecastMadeAt(intervalStart: number): IntervalForecastNote | null {
    const note = this.forecastAtStart.get(intervalStart);
    if (note !== undefined) return note === 'pending' ? null : note;
    if (intervalStart !== advisorIntervalStart(this.live.snapshot().at, this.timeZone)) return null;
    this.forecastAtStart.set(intervalStart, 'pending');
    for (const start of this.forecastAtStart.keys()) {
      if (start < intervalStart - ADVISOR_INTERVAL_MS) this.forecastAtStart.delete(start);
    }
    this.forecast(ADVISOR_INTERVAL_MS / HOUR_MS).then(
      (forecast) => {
        const [interval] = forecast.intervals;
        this.forecastAtStart.set(intervalStart, {
          method: forecast.method,
          expectedCalls: interval?.expectedCalls ?? null,
        });
      },
      (error: unknown) => {
        this.forecastAtStart.delete(intervalStart);
        this.logger.warn({
          msg: 'forecast for the interval could not be made',
          intervalStart,
          err: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return null;
  }

  /** The coming `hours` (from the current interval): expected calls and agents needed. */
  async forecast(hours: number): Promise<StaffingForecast> {
    const figures = this.live.snapshot();
    const rows = this.history
      ? await this.history.centreIntervals(
          forecastHistoryFrom(figures.at, this.options.forecastWeeks),
          figures.at,
        )
      : [];
    return liveForecast({
      figures,
      stored: rows.map((r) => ({ startMs: r.startMs, count: r.offered })),
      hours,
      weeks: this.options.forecastWeeks,
      timeZone: this.timeZone,
      handleTime: liveHandleTime(figures, this.options),
      patience: this.patienceWindow.used(figures.at),
      targets: this.targets,
      seats: seatCount(this.config.seats),
      rota: this.options.rota,
    });
  }

  /**
   * Checks the configured rota against the week of history starting on `weekStart` (local
   * YYYY-MM-DD, already validated); by default the current week (Monday) on the PBX clock, or
   * the previous one while the current week has no finished interval yet.
   */
  async rota(weekStartText?: string): Promise<StaffingRotaReport> {
    const figures = this.live.snapshot();
    if (weekStartText !== undefined) return rotaReport(await this.rotaQuery(weekStartText));
    const current = dayKey(startOfWeek(figures.at, this.timeZone), this.timeZone);
    const previous = formatCalendarDate(addCalendarDays(parseCalendarDate(current, 'day'), -7));
    return defaultWeekRotaReport(await this.rotaQuery(current), await this.rotaQuery(previous));
  }

  private async rotaQuery(weekStart: string): Promise<RotaReportQuery> {
    const figures = this.live.snapshot();
    const first = parseCalendarDate(weekStart, 'day');
    const from = startOfCalendarDate(first, this.timeZone);
    const to = startOfCalendarDate(addCalendarDays(first, 7), this.timeZone);
    return {
      weekStart,
      from,
      to,
      stored: this.history ? await this.history.centreIntervals(from, to) : [],
      storageConfigured: this.history !== undefined,
      liveIntervals: figures.intervals.centre,
      at: figures.at,
      liveHandleTime: liveHandleTime(figures, this.options),
      livePatienceSeconds: this.patienceWindow.used(figures.at).meanPatienceSeconds,
      rota: this.options.rota,
      seats: seatCount(this.config.seats),
      timeZone: this.timeZone,
      targets: this.targets,
    };
  }

  private get timeZone(): string {
    return this.config.kpi.timeZone;
  }
}
