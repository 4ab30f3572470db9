import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Subject } from 'rxjs';
import type { CallEvent, CallHistory, FirstView, PbxInFlightView } from '@hotline/call-events';
import { KpiEngine, type KpiSnapshot, type SnapshotFilter } from '@hotline/kpi';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { PbxClock } from './pbx-clock';

export interface PbxLinkStatus {
  readonly up: boolean;
  /** Connected and resynced: the live figures can be trusted. */
  readonly ready: boolean;
  readonly since: number;
  /** Why the link is down (the last failed attempt or the loss). */
  readonly reason?: string;
  /** The PBX client's error code for it, when it has one (AMI_ERR_AUTH_FAILED …). */
  readonly code?: string;
  readonly lastEventAt?: number;
  /** Receive time minus PBX time of the latest call event, ms. */
  readonly lastEventLagMs?: number;
}

export interface IngestCounters {
  applied: number;
  duplicates: number;
  anomalies: number;
}

/**
 * Owns the KPI engine: feeds it the PBX's call events, ticks it on the PBX clock, and tells
 * subscribers (WebSocket push, metrics, storage) what changed. No KPI logic lives here.
 */
@Injectable()
export class LiveKpiService implements OnModuleInit, OnModuleDestroy {
  readonly clock = new PbxClock();
  /** Events the engine applied (duplicates and anomalies are not passed on). */
  readonly events$ = new Subject<readonly CallEvent[]>();
  readonly ticks$ = new Subject<number>();
  readonly link$ = new Subject<PbxLinkStatus>();
  readonly counters: IngestCounters = { applied: 0, duplicates: 0, anomalies: 0 };

  private readonly engine: KpiEngine;
  private linkStatus: PbxLinkStatus = { up: false, ready: false, since: Date.now() };
  private readonly anomalyKindsLogged = new Set<string>();
  /** Queues the PBX reported on resync, including ones no call has reached yet. */
  private readonly configuredQueues = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private preparer: ((view: FirstView) => Promise<CallHistory>) | undefined;
  private prepared: Promise<CallHistory> | undefined;
  private firstView: number | undefined;

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    @InjectPinoLogger(LiveKpiService.name) private readonly logger: PinoLogger,
  ) {
    // Everything under kpi except the service's own tick cadence is the engine's config.
    const { tickMs: _tickMs, ...engineConfig } = config.kpi;
    this.engine = new KpiEngine(engineConfig);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), this.config.kpi.tickMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.events$.complete();
    this.ticks$.complete();
    this.link$.complete();
  }

  get kpiEngine(): KpiEngine {
    return this.engine;
  }

  get pbxQueues(): readonly string[] {
    return [...this.configuredQueues];
  }

  get link(): PbxLinkStatus {
    return this.linkStatus;
  }

  /** PBX time of the first resync view of this run (undefined before it). */
  get firstViewAt(): number | undefined {
    return this.firstView;
  }

  /**
   * Storage says how it readies the engine for the PBX link's first view: imports the ledger
   * and restores stored calls, on the PBX's clock (history-startup.ts).
   */
  setPreparer(preparer: (view: FirstView) => Promise<CallHistory>): void {
    this.preparer = preparer;
  }

  /**
   * The PBX link read its first view at `view.at` (PBX clock): the engine is readied once per
   * run, before that view or any event is applied; says which finished calls it holds.
   */
  prepare(view: FirstView): Promise<CallHistory> {
    this.prepared ??= this.preparer
      ? this.preparer(view)
      : Promise.resolve({ until: -Infinity, calls: [] });
    return this.prepared;
  }

  /** The engine was readied (or is being readied) for the first view. */
  get preparing(): boolean {
    return this.prepared !== undefined;
  }

  ingest(events: readonly CallEvent[]): void {
    if (events.length === 0) return;
    const applied: CallEvent[] = [];
    for (const event of events) {
      this.clock.observe(event.at);
      const outcome = this.engine.apply(event);
      if (outcome === 'applied') {
        this.counters.applied++;
        applied.push(event);
      } else if (outcome === 'duplicate') this.counters.duplicates++;
      else {
        this.counters.anomalies++;
        this.logNewAnomalies();
      }
    }
    const last = events[events.length - 1];
    this.linkStatus = {
      ...this.linkStatus,
      lastEventAt: last.at,
      lastEventLagMs: Date.now() - last.at,
    };
    if (applied.length > 0) this.events$.next(applied);
  }

  resync(view: PbxInFlightView): void {
    this.firstView ??= view.at;
    this.clock.observe(view.at);
    for (const queue of view.queues ?? []) this.configuredQueues.add(queue);
    const report = this.engine.resync(view);
    this.logger.info({ resync: report, at: view.at }, 'resynced live state from the PBX');
    this.logNewAnomalies();
  }

  setLink(up: boolean, ready: boolean, reason?: string, code?: string): void {
    const changed = up !== this.linkStatus.up || ready !== this.linkStatus.ready;
    this.linkStatus = {
      ...this.linkStatus,
      up,
      ready,
      reason,
      code,
      since: changed ? Date.now() : this.linkStatus.since,
    };
    if (changed) this.link$.next(this.linkStatus);
  }

  snapshot(filter?: SnapshotFilter): KpiSnapshot {
    return this.engine.snapshot(this.clock.now(), filter);
  }

  tick(): void {
    // Before the PBX has told us its time, the local clock could be months off the PBX's
    // (a replay, a simulator run in the past); ticking on it would age out the first calls.
    if (!this.clock.synced) return;
    const now = this.clock.now();
    this.engine.tick(now);
    this.ticks$.next(now);
  }

  private logNewAnomalies(): void {
    for (const anomaly of this.engine.anomalies()) {
      if (this.anomalyKindsLogged.has(anomaly.kind)) continue;
      this.anomalyKindsLogged.add(anomaly.kind);
      this.logger.warn(
        { anomaly },
        `call-event anomaly "${anomaly.kind}" (logged once per kind; counted in /health)`,
      );
    }
  }
}
