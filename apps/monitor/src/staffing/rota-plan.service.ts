import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { MINUTE_MS, addLocalDays, parseLocalDate } from '@hotline/calendar';
import { seatCount } from '@hotline/seats';
import { HighsWorkerSolver } from '@hotline/milp';
import {
  type PlanningDemand,
  type RotaPlan,
  type RotaPlanQuery,
  monthlyCallsFor,
  planRota,
  afterCallWorkPerCall,
  planningDemandFromHistory,
  rotaDemandText,
  round2,
  weekCallsFromMonthlyVolume,
} from '@hotline/staffing';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { STAFFING_HISTORY, type StaffingHistorySource } from './staffing-history';
import { STAFFING_OPTIONS, type StaffingOptions, shiftRulesOf } from './staffing-options';

/** Plans kept for the page and its exports (a plan takes seconds of solver time). */
const CACHE_SIZE = 4;
const CACHE_MS = 10 * MINUTE_MS;

export interface RotaPlanRequest {
  /** Local Monday, 'YYYY-MM-DD'. */
  readonly weekStart: string;
  /** Calls in the month instead of the history or the monthly table. */
  readonly monthlyCalls?: number;
}

/**
 * The weekly rota planner (GET /api/v1/staffing/rota/plan): gathers the week's demand — the
 * stored 15-minute aggregates of the weeks before it, else the month's volume over the typical
 * week — and hands it to planRota (@hotline/staffing) with HiGHS in a worker thread, so the
 * solve never blocks the live push. One plan at a time; the last few are kept for the exports.
 */
@Injectable()
export class RotaPlanService {
  private readonly logger = new Logger(RotaPlanService.name);
  private readonly cache = new Map<string, { at: number; plan: Promise<RotaPlan> }>();
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    @Inject(STAFFING_OPTIONS) private readonly options: StaffingOptions,
    @Optional() @Inject(STAFFING_HISTORY) private readonly history?: StaffingHistorySource,
  ) {}

  plan(request: RotaPlanRequest): Promise<RotaPlan> {
    const key = `${request.weekStart}|${request.monthlyCalls ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.plan;
    const plan = this.running.then(() => this.solve(request));
    this.running = plan.catch(() => undefined);
    plan.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: Date.now(), plan });
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return plan;
  }

  private async solve(request: RotaPlanRequest): Promise<RotaPlan> {
    const timeZone = this.config.kpi.timeZone;
    const planner = this.options.planner;
    const weekStartMs = parseLocalDate(request.weekStart, timeZone);
    const month = request.weekStart.slice(0, 7);
    const { demand, inputs } = await this.demand(request, weekStartMs, month);
    const query: RotaPlanQuery = {
      rules: shiftRulesOf(planner),
      demand,
      inputs,
      targets: {
        answerRate: this.config.kpi.targets.answerRate,
        answeredWithinSeconds: this.config.kpi.answerThresholdSeconds,
        answeredWithinRate: this.config.kpi.targets.answeredIn10sRate,
      },
      headcount: this.options.headcount,
      seats: seatCount(this.config.seats),
      shrinkage: planner.shrinkage,
      minAnswering: planner.minAgentsAnswering,
      weekStart: request.weekStart,
      month,
      currentRota: this.options.rota,
      timeLimitSeconds: planner.timeLimitSeconds,
      now: () => Date.now(),
    };
    this.logger.log(
      `planning the week of ${request.weekStart}: ${rotaDemandText(inputs.demandBasis)}`,
    );
    const solver = new HighsWorkerSolver();
    try {
      const plan = await planRota(query, solver);
      this.logger.log(
        `planned the week of ${request.weekStart} in ${plan.solver.totalSeconds} s: requirement ${plan.requirement}, ${plan.summary.headcountUsed} people, ${plan.summary.seatsUsed} seats`,
      );
      return plan;
    } finally {
      // The worker's WebAssembly memory goes with it.
      await solver.close();
    }
  }

  private async demand(
    request: RotaPlanRequest,
    weekStartMs: number,
    month: string,
  ): Promise<{ demand: PlanningDemand; inputs: RotaPlanQuery['inputs'] }> {
    const weeks = this.options.forecastWeeks;
    const configuredAfterCallWork = this.options.afterCallWorkSeconds;
    const stored = this.history
      ? await this.history.centreIntervals(
          addLocalDays(weekStartMs, -7 * weeks, this.config.kpi.timeZone),
          weekStartMs,
        )
      : [];
    if (stored.length > 0) {
      const fromHistory = planningDemandFromHistory({
        history: stored,
        weekStartMs,
        weeks,
        timeZone: this.config.kpi.timeZone,
        ...(configuredAfterCallWork !== undefined
          ? { afterCallWorkSeconds: configuredAfterCallWork }
          : {}),
        defaultTalkSeconds: this.options.defaultTalkSeconds,
        defaultPatienceSeconds: this.options.defaultPatienceSeconds,
        minAbandonsForPatience: this.options.minAbandonsForPatience,
        monthVolume:
          request.monthlyCalls === undefined ? undefined : { month, calls: request.monthlyCalls },
      });
      return {
        demand: fromHistory.demand,
        inputs: {
          demandBasis: {
            kind: 'history',
            weeks: fromHistory.weeksUsed,
            relevelledTo:
              request.monthlyCalls === undefined ? null : { calls: request.monthlyCalls, month },
          },
          talkSeconds: round2(fromHistory.talkSeconds),
          afterCallWorkSeconds: round2(fromHistory.afterCallWork.seconds),
          afterCallWorkSource: fromHistory.afterCallWork.source,
          patienceSource: fromHistory.patience.source,
          patienceAbandons: fromHistory.patience.abandoned,
        },
      };
    }
    // No history to measure wrap-up from: as configured, else none.
    const afterCallWork = afterCallWorkPerCall(configuredAfterCallWork, undefined);
    const listed = monthlyCallsFor(this.options.planner.monthlyCalls, month);
    const monthCalls =
      request.monthlyCalls ?? listed?.calls ?? this.config.kpi.targets.monthlyOffered;
    return {
      demand: {
        calls: weekCallsFromMonthlyVolume({
          monthCalls,
          month,
          shape: this.options.planner.weekShape,
        }),
        handleSeconds: this.options.defaultTalkSeconds + afterCallWork.seconds,
        meanPatienceSeconds: this.options.defaultPatienceSeconds,
      },
      inputs: {
        demandBasis: {
          kind: 'month-volume',
          calls: monthCalls,
          month,
          volumeFrom:
            request.monthlyCalls !== undefined
              ? 'request'
              : listed
                ? 'planner-table'
                : 'monthly-target',
        },
        talkSeconds: this.options.defaultTalkSeconds,
        afterCallWorkSeconds: afterCallWork.seconds,
        afterCallWorkSource: afterCallWork.source,
        patienceSource: 'default',
        patienceAbandons: null,
      },
    };
  }
}
