import { Subject } from 'rxjs';
import type { CallEvent, CallHistory, FirstView, PbxInFlightView } from '@hotline/call-events';
import {
  type AgentStateInterval,
  type AnomalyCount,
  KpiEngine,
  type KpiEngineConfig,
  type KpiEngineStats,
  type KpiRestoreSeed,
  type KpiSnapshot,
  type QueueCallRecord,
  type SnapshotFilter,
} from '@hotline/kpi';
import type { MonitorConfig } from '../config/monitor-config.schema';
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

/** The subset of pino a site's live state logs through. */
export interface SiteLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * One site's KPI engine (docs/adr/0006-sites.md: one engine per PBX): feeds it the PBX's call
 * events, ticks it on the PBX clock, and tells subscribers (WebSocket push, metrics, storage)
 * what changed. No KPI logic lives here. Nobody else touches the engine: they get its
 * snapshot (memoised, see snapshot()), its finished records, its anomalies and its restore
 * through the narrow methods below.
 */
export class SiteLive {
  readonly clock = new PbxClock();
  /** Events the engine applied (duplicates and anomalies are not passed on). */
  readonly events$ = new Subject<readonly CallEvent[]>();
  readonly link$ = new Subject<PbxLinkStatus>();
  readonly counters: IngestCounters = { applied: 0, duplicates: 0, anomalies: 0 };

  private readonly engine: KpiEngine;
  private linkStatus: PbxLinkStatus = { up: false, ready: false, since: Date.now() };
  private readonly anomalyKindsLogged = new Set<string>();
  /** Queues the PBX reported on resync, including ones no call has reached yet. */
  private readonly configuredQueues = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Bumped whenever the engine's state changes (events, resync, restore, tick). */
  private generation = 0;
  private memo: SnapshotMemo = { generation: -1, takenAt: 0, byFilter: new Map() };
  private preparer: ((view: FirstView) => Promise<CallHistory>) | undefined;
  private prepared: Promise<CallHistory> | undefined;
  private firstView: number | undefined;

  constructor(
    /** The site's name (`default` for the one PBX of an embedded monitor). */
    readonly site: string,
    private readonly config: MonitorConfig,
    private readonly logger: SiteLogger,
  ) {
    // Everything under kpi except the service's own tick cadence, and agents, is the engine's config.
    const { tickMs: _tickMs, ...engineConfig } = config.kpi;
    this.engine = new KpiEngine({ ...engineConfig, agents: config.agents });
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.config.kpi.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.events$.complete();
    this.link$.complete();
  }

  /** The engine's validated configuration (the history import counts with the same rules). */
  get kpiConfig(): KpiEngineConfig {
    return this.engine.config;
  }

  /** Every finished queue call, once (storage, staffing's patience, the metrics histograms). */
  onCallFinished(listener: (record: QueueCallRecord) => void): () => void {
    return this.engine.onCallFinished(listener);
  }

  /** Every closed agent-state span (storage). */
  onAgentStateInterval(listener: (interval: AgentStateInterval) => void): () => void {
    return this.engine.onAgentStateInterval(listener);
  }

  /** Anomalies counted by kind, with a first example each (/health, /metrics). */
  anomalies(): readonly AnomalyCount[] {
    return this.engine.anomalies();
  }

  /** The engine's own counters (calls tracked, memory), for diagnostics. */
  engineStats(): KpiEngineStats {
    return this.engine.stats();
  }

  /** Seeds the engine with what storage kept (before any live event). */
  restore(seed: KpiRestoreSeed): void {
    this.engine.restore(seed);
    this.generation++;
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
    // Even an anomaly may have moved the engine (a call closed as unknown): recompute.
    this.generation++;
    if (applied.length > 0) this.events$.next(applied);
  }

  resync(view: PbxInFlightView): void {
    this.firstView ??= view.at;
    this.clock.observe(view.at);
    for (const queue of view.queues ?? []) this.configuredQueues.add(queue);
    const report = this.engine.resync(view);
    this.generation++;
    this.logger.info(
      { site: this.site, resync: report, at: view.at },
      'resynced live state from the PBX',
    );
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

  /**
   * The engine's snapshot for a filter, built once per tick (or per batch of applied events)
   * and shared by push, staffing, alarms, REST and /metrics: 500 wallboards and a scrape cost
   * one snapshot per distinct filter. Never older than one tick (kpi.tickMs).
   */
  snapshot(filter?: SnapshotFilter): KpiSnapshot {
    const wallNow = Date.now();
    if (
      this.memo.generation !== this.generation ||
      wallNow - this.memo.takenAt >= this.config.kpi.tickMs
    ) {
      this.memo = { generation: this.generation, takenAt: wallNow, byFilter: new Map() };
    }
    const key = filterKey(filter);
    let snapshot = this.memo.byFilter.get(key);
    if (!snapshot) {
      snapshot = this.engine.snapshot(this.clock.now(), filter);
      this.memo.byFilter.set(key, snapshot);
    }
    return snapshot;
  }

  /** The unfiltered snapshot at `at` (PBX time), not memoised: the platform's, for one instant. */
  snapshotAt(at: number): KpiSnapshot {
    return this.engine.snapshot(at);
  }

  tick(): void {
    // Before the PBX has told us its time, the local clock could be months off the PBX's
    // (a replay, a simulator run in the past); ticking on it would age out the first calls.
    if (!this.clock.synced) return;
    const now = this.clock.now();
    this.engine.tick(now);
    this.generation++;
  }

  private logNewAnomalies(): void {
    for (const anomaly of this.engine.anomalies()) {
      if (this.anomalyKindsLogged.has(anomaly.kind)) continue;
      this.anomalyKindsLogged.add(anomaly.kind);
      this.logger.warn(
        { site: this.site, anomaly },
        `call-event anomaly "${anomaly.kind}" (logged once per kind; counted in /health)`,
      );
    }
  }
}

interface SnapshotMemo {
  readonly generation: number;
  /** Wall time of the first snapshot of this generation. */
  readonly takenAt: number;
  readonly byFilter: Map<string, KpiSnapshot>;
}

/** Filters naming the same queues and lines (in any order) share one snapshot. */
function filterKey(filter: SnapshotFilter | undefined): string {
  const queues = [...new Set(filter?.queues ?? [])].sort();
  const lines = [...new Set(filter?.lines ?? [])].sort();
  return JSON.stringify([queues, lines]);
}
