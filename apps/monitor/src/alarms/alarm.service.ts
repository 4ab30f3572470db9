import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Subject, type Subscription } from 'rxjs';
import {
  type AlarmLists,
  AlarmBook,
  type AlarmKind,
  type AlarmRuleSummary,
  AlarmRules,
  type AlarmTransition,
  type SeverityScheme,
  severityScheme,
  summarizeAlarms,
} from '@hotline/alarms';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveKpiService } from '../live/live-kpi.service';

/** A burst of call events triggers at most one evaluation per this many ms (as push does). */
const EVENT_EVALUATION_MIN_INTERVAL_MS = 50;

/**
 * Runs the alarm rules (@hotline/alarms) once per KPI tick, after a burst of call events and
 * on a link change, on the memoised live snapshot; keeps the book of active alarms. Push
 * broadcasts its transitions; /health and /metrics show its summary.
 */
@Injectable()
export class AlarmService implements OnModuleInit, OnModuleDestroy {
  /** Raised, escalated and cleared alarms, as they happen. */
  readonly transitions$ = new Subject<readonly AlarmTransition[]>();
  /** The severity scheme of the configured targets: the boards get it in `hello`. */
  readonly severity: SeverityScheme;
  private readonly book = new AlarmBook();
  private readonly rules: AlarmRules;
  private readonly subscriptions: Subscription[] = [];
  private tickTimer: NodeJS.Timeout | undefined;
  private eventTimer: NodeJS.Timeout | undefined;
  private lastEventEvaluationAt = 0;

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly live: LiveKpiService,
  ) {
    this.severity = severityScheme(
      config.kpi.targets,
      config.push.waitAlarmSeconds,
      config.alarms.minSample,
    );
    this.rules = new AlarmRules(this.severity, config.alarms);
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.live.events$.subscribe(() => this.scheduleEvaluation()),
      // After every other listener has seen the link change: push sends `link`, then the alarm.
      this.live.link$.subscribe((link) =>
        queueMicrotask(() => this.publish(this.rules.pbxLink(this.book, link, Date.now()))),
      ),
    );
    this.tickTimer = setInterval(() => this.evaluate(), this.config.kpi.tickMs);
    this.tickTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.tickTimer);
    clearTimeout(this.eventTimer);
    for (const s of this.subscriptions) s.unsubscribe();
    this.transitions$.complete();
  }

  /** Evaluates the figure rules on the live snapshot now. */
  evaluate(): void {
    this.publish(this.rules.figures(this.book, this.live.snapshot()));
  }

  /**
   * A leader acknowledges an active alarm (`by`: their name, or their token's role); the
   * acknowledgement is broadcast like a transition. False: no such active, unacknowledged alarm.
   */
  acknowledge(alarmId: string, by: string, at = Date.now()): boolean {
    const transition = this.book.acknowledge(alarmId, { by, at });
    if (!transition) return false;
    this.publish([transition]);
    return true;
  }

  lists(): AlarmLists {
    return { active: this.book.activeAlarms(), recent: this.book.recentlyCleared() };
  }

  /** Per rule: active alarms, the worst severity, since when (/health, /metrics). */
  summary(): Readonly<Record<AlarmKind, AlarmRuleSummary>> {
    return summarizeAlarms(this.book.activeAlarms());
  }

  private scheduleEvaluation(): void {
    if (this.eventTimer) return;
    const wait = Math.max(
      0,
      this.lastEventEvaluationAt + EVENT_EVALUATION_MIN_INTERVAL_MS - Date.now(),
    );
    this.eventTimer = setTimeout(() => {
      this.eventTimer = undefined;
      this.lastEventEvaluationAt = Date.now();
      this.evaluate();
    }, wait);
  }

  private publish(transitions: readonly AlarmTransition[]): void {
    if (transitions.length > 0) this.transitions$.next(transitions);
  }
}
