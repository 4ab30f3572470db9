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
  type StaffingForecast,
  type StaffingNow,
  type StaffingRotaReport,
  PatienceWindow,
  advisorIntervalStart,
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
  parseCalendarDate,
  startOfCalendarDate,
  startOfWeek,
} from '@hotline/calendar';
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

  /** Needed vs on duty for the current interval; cheap enough for every push tick (memoised). */
  current(): StaffingNow {
    const figures = this.live.snapshot();
    const intervalStart = advisorIntervalStart(figures.at, this.timeZone);
    const query = {
      figures,
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
      seats: this.config.seats,
      rota: this.options.rota,
    });
  }

  /**
   * Checks the configured rota against the week of history starting on `weekStart` (local
   * YYYY-MM-DD, already validated); by default the current week (Monday) on the PBX clock.
   */
  async rota(weekStartText?: string): Promise<StaffingRotaReport> {
    const figures = this.live.snapshot();
    const weekStart =
      weekStartText ?? dayKey(startOfWeek(figures.at, this.timeZone), this.timeZone);
    const first = parseCalendarDate(weekStart, 'day');
    const from = startOfCalendarDate(first, this.timeZone);
    const to = startOfCalendarDate(addCalendarDays(first, 7), this.timeZone);
    return rotaReport({
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
      seats: this.config.seats,
      timeZone: this.timeZone,
      targets: this.targets,
    });
  }

  private get timeZone(): string {
    return this.config.kpi.timeZone;
  }
}
