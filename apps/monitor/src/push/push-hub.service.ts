import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { performance } from 'node:perf_hooks';
import type { Subscription as RxSubscription } from 'rxjs';
import { AccessPolicy } from '@hotline/access';
import type { KpiSnapshot, TimeInStateLimits } from '@hotline/kpi';
import { seatCount } from '@hotline/seats';
import type { AlarmLists, AlarmTransition } from '@hotline/alarms';
import { AlarmService } from '../alarms/alarm.service';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import type { PbxLinkStatus } from '../live/live-kpi.service';
import type { SiteLive } from '../live/site-live';
import { SiteRegistry } from '../live/site-registry.service';
import { OperationalStats } from '../live/operational-stats';
import { StaffingService } from '../staffing/staffing.service';
import { parseClientMessage } from './client-message-parser';
import { type Admission, ConnectionAdmission, type RefusalReason } from './connection-admission';
import { FilterRegistry, type KnownScopes, unknownFilterValues } from './filter-registry';
import { type AckMessage, PUSH_CLOSE, type PushRole, type SubscribeMessage } from './push-protocol';
import {
  linkData,
  staffingData,
  type PushSectionName,
  type PushSections,
  type StaffingSection,
} from './push-server-messages';
import { PushSession, type PushSocket, type Subscription } from './push-session';
import { RateLimitLog } from './rate-limit-log';
import { SnapshotProjector } from './snapshot-projector';
import { SharedMessageData } from './shared-message-data';
import { TokenBucket } from './token-bucket';

/**
 * Call events are pushed on the next turn of the event loop (what arrived in one AMI read goes
 * out together), but a burst triggers at most one event-driven pass per this many ms. 20 ms
 * keeps an event's p99 to 500 boards under 50 ms at 100× the peak hour (bench/push.bench.ts:
 * 50 ms here put the wait for the next pass alone near that p99) for ~2 more messages per
 * client per second under that load.
 */
export const EVENT_FLUSH_MIN_INTERVAL_MS = 20;
/** A client over maxBufferedBytes for this many cadences in a row is disconnected. */
export const SLOW_CLIENT_CADENCES = 5;
/** Refused client messages in a row before the connection is closed for abuse. */
export const RATE_LIMIT_ABUSE_COUNT = 20;

type FlushKind = 'cadence' | 'events';

/** The filter key of an unfiltered subscription (any site): always computed, never counted. */
const UNFILTERED = '[[],[]]';
const NO_ALARMS: AlarmLists = { active: [], recent: [] };

/** What /metrics shows of the push side (PushCollector). */
export interface PushStats {
  readonly refusedConnections: Readonly<Record<RefusalReason, number>>;
  readonly refusedSubscriptions: Readonly<Record<'unknown-filter' | 'too-many-filters', number>>;
  readonly distinctFilters: number;
  readonly rateLimitedMessages: number;
}

/**
 * The push side of the monitor: owns the sessions, projects the live KPI snapshot (memoised by
 * LiveKpiService) for each subscription, sends snapshots, coalesced updates (only changed
 * sections), the AlarmService's transitions and link changes, keeps the heartbeat and enforces
 * the limits. The gateway only hands it sockets.
 */
@Injectable()
export class PushHub implements OnModuleInit, OnModuleDestroy {
  readonly access: AccessPolicy;
  private readonly sessions = new Set<PushSession>();
  private readonly projector: SnapshotProjector;
  private readonly subscriptions: RxSubscription[] = [];
  private readonly admission: ConnectionAdmission;
  private readonly filters: FilterRegistry;
  private readonly rateLimitLog: RateLimitLog;
  /** Per site, the queues and lines a filter may name: as of the last push pass (knownScopes). */
  private readonly known = new Map<string, KnownScopes>();
  /** Sites whose engine applied events since the last pass: an event pass goes to their sessions. */
  private readonly eventSites = new Set<string>();
  /** `known` was recomputed for an unknown filter since the last pass (at most once per pass). */
  private knownRefreshed = false;
  private readonly refusedSubscriptions = { 'unknown-filter': 0, 'too-many-filters': 0 };
  private cadenceTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private eventFlushTimer: NodeJS.Timeout | undefined;
  private lastEventFlushAt = 0;
  /** How long the last passes over all sessions took, ms (bounded; the bench reads it). */
  readonly flushDurationsMs: number[] = [];
  private nextSessionId = 1;
  /** Counters for /health and the bench. */
  readonly stats = {
    disconnectedSlow: 0,
    disconnectedDead: 0,
    rateLimited: 0,
    badMessages: 0,
    updatesSkipped: 0,
  };

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly sites: SiteRegistry,
    @InjectPinoLogger(PushHub.name) private readonly logger: PinoLogger,
    operational: OperationalStats,
    private readonly staffing: StaffingService,
    private readonly alarms: AlarmService,
  ) {
    operational.reportWebsocketClients(() => this.sessions.size);
    operational.reportPushStats(() => this.pushStats());
    this.access = new AccessPolicy(config.auth);
    this.admission = new ConnectionAdmission({
      total: config.push.maxConnections,
      perAddress: config.push.maxConnectionsPerAddress,
      perRole: config.push.maxConnectionsPerRole,
    });
    this.filters = new FilterRegistry(config.push.maxDistinctFilters);
    this.rateLimitLog = new RateLimitLog(this.logger);
    this.projector = new SnapshotProjector({
      seats: config.seats,
      lineNames: config.lines,
      timeLimits: timeLimitsOf(config),
    });
  }

  onModuleInit(): void {
    for (const site of this.sites.all)
      this.subscriptions.push(
        site.events$.subscribe(() => {
          this.eventSites.add(site.site);
          this.scheduleEventFlush();
        }),
        site.link$.subscribe((link) => this.onLink(site.site, link)),
      );
    this.subscriptions.push(
      this.alarms.transitions$.subscribe((transitions) =>
        this.broadcastAlarms(transitions, Date.now()),
      ),
    );
    this.cadenceTimer = setInterval(() => this.flush('cadence'), this.config.push.cadenceMs);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.config.push.heartbeatMs);
    this.cadenceTimer.unref();
    this.heartbeatTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.cadenceTimer);
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.eventFlushTimer);
    for (const s of this.subscriptions) s.unsubscribe();
    for (const session of this.sessions) {
      session.close(PUSH_CLOSE.goingAway.code, PUSH_CLOSE.goingAway.reason, Date.now());
    }
    this.sessions.clear();
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** The largest user-space send buffer of any client (the bench and tests watch it). */
  get maxBufferedAmount(): number {
    let max = 0;
    for (const s of this.sessions) max = Math.max(max, s.bufferedAmount);
    return max;
  }

  /**
   * Before the upgrade: may this client connect? `invalid` (a token matching no role) is held
   * to the total and per-address caps only; the gateway closes it with 4401 right after.
   */
  admit(address: string, role: PushRole | 'invalid'): Admission {
    if (role === 'invalid') return this.admission.admit(address, undefined);
    return this.admission.admit(address, role, this.access.allowedViews(role).length > 0);
  }

  pushStats(): PushStats {
    return {
      refusedConnections: { ...this.admission.refused },
      refusedSubscriptions: { ...this.refusedSubscriptions },
      distinctFilters: this.filters.distinct,
      rateLimitedMessages: this.stats.rateLimited,
    };
  }

  /** A new connection whose token resolved to `role`; sends `hello`. */
  connect(socket: PushSocket, role: PushRole, address = 'unknown'): PushSession {
    const { push } = this.config;
    const now = Date.now();
    const bucket = new TokenBucket(
      push.clientMessagesPerSecond,
      Math.max(2, push.clientMessagesPerSecond * 2),
      now,
    );
    const session = new PushSession(
      this.nextSessionId++,
      socket,
      role,
      address,
      this.access.allowedViews(role),
      bucket,
      {
        maxBufferedBytes: push.maxBufferedBytes,
      },
    );
    this.sessions.add(session);
    session.send(
      'hello',
      {
        role,
        allowedViews: [...session.allowedViews],
        sites: [...this.sites.names],
        cadenceMs: push.cadenceMs,
        heartbeatMs: push.heartbeatMs,
        seats: seatCount(this.config.seats),
        waitAlarmSeconds: push.waitAlarmSeconds,
        lineNames: { ...this.config.lines },
        severity: this.alarms.severity,
        timeLimits: {
          longTalkSeconds: this.projector.timeLimits.longTalkSeconds,
          breakLimitMinutes: { ...this.projector.timeLimits.breakLimitMinutes },
        },
      },
      now,
    );
    return session;
  }

  disconnect(session: PushSession): void {
    this.detach(session);
  }

  /** Out of the hub for good (closed, slow, dead): its filter and rate-limit episode end. */
  private detach(session: PushSession): void {
    this.sessions.delete(session);
    if (session.detached) return;
    session.detached = true;
    const filterKey = session.subscription?.filterKey;
    if (filterKey !== undefined && filterKey !== UNFILTERED) this.filters.release(filterKey);
    this.rateLimitLog.closed(this.clientOf(session), Date.now());
  }

  private clientOf(session: PushSession) {
    return { session: session.id, address: session.address, role: session.role };
  }

  pong(session: PushSession): void {
    session.alive = true;
  }

  /** A text frame from the client: validated, rate limited, answered. */
  receive(session: PushSession, raw: string): void {
    const now = Date.now();
    // Frames already in flight when the server closed the connection: nothing to answer or log.
    if (session.closing) return;
    if (!session.allowClientMessage(now)) {
      this.stats.rateLimited++;
      this.rateLimitLog.refused(this.clientOf(session), now);
      if (session.rateViolations >= RATE_LIMIT_ABUSE_COUNT) {
        session.close(PUSH_CLOSE.policy.code, PUSH_CLOSE.policy.reason, now);
        return;
      }
      if (session.rateViolations === 1 || !session.congested) {
        session.send(
          'error',
          {
            code: 'RATE_LIMITED',
            message: `at most ${this.config.push.clientMessagesPerSecond} messages per second`,
          },
          now,
        );
      }
      return;
    }
    this.rateLimitLog.accepted(this.clientOf(session), now);
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.stats.badMessages++;
      session.send(
        'error',
        {
          code: parsed.code,
          message: parsed.message,
          ...(parsed.issues ? { issues: parsed.issues } : {}),
        },
        now,
      );
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ping':
        session.send('pong', { pbxAt: this.siteOf(session.subscription).clock.now() }, now);
        return;
      case 'subscribe':
        this.subscribe(session, message, now);
        return;
      case 'ack':
        this.acknowledge(session, message, now);
        return;
    }
  }

  private acknowledge(session: PushSession, message: AckMessage, now: number): void {
    if (!this.access.mayAcknowledgeAlarms(session.role)) {
      session.send(
        'error',
        { code: 'UNAUTHORIZED', message: 'acknowledging an alarm needs the leader or admin token' },
        now,
      );
      return;
    }
    const by = message.by || session.role;
    if (!this.alarms.acknowledge(message.alarmId, by, now)) {
      session.send(
        'error',
        {
          code: 'UNKNOWN_ALARM',
          message: `no active, unacknowledged alarm ${message.alarmId} (cleared, or already acknowledged)`,
        },
        now,
      );
    }
  }

  private subscribe(session: PushSession, message: SubscribeMessage, now: number): void {
    const refused = message.views.filter((view) => !session.allowedViews.includes(view));
    if (refused.length > 0) {
      session.send(
        'error',
        {
          code: 'UNAUTHORIZED',
          message: `views ${refused.join(', ')} need the leader or admin token`,
          issues: refused.map((v) => `views: ${v}`),
        },
        now,
      );
      return;
    }
    const site = this.sites.shown(message.site);
    if (!site) {
      session.send(
        'error',
        {
          code: 'UNKNOWN_SITE',
          message: `unknown site ${message.site ?? ''}: this monitor shows ${this.sites.names.join(', ')} (subscription unchanged)`,
        },
        now,
      );
      return;
    }
    const views = [...new Set(message.views)].sort();
    const queues = [...new Set(message.queues ?? [])].sort();
    const lines = [...new Set(message.lines ?? [])].sort();
    const period = message.period ?? 'today';
    const shift = period === 'shift' ? (message.shift ?? null) : null;
    // Unfiltered, a site's snapshot is its centre's (one per site, never counted as a filter).
    const filterKey =
      queues.length + lines.length === 0 ? UNFILTERED : JSON.stringify([site.site, queues, lines]);
    const callers = this.access.callerVisibility(session.role);
    let unknown = unknownFilterValues({ queues, lines }, this.knownScopes(site));
    if (unknown.length > 0 && !this.knownRefreshed) {
      // A queue may have appeared since the last pass; look again, but only once per pass.
      this.knownRefreshed = true;
      this.known.clear();
      unknown = unknownFilterValues({ queues, lines }, this.knownScopes(site));
    }
    if (unknown.length > 0) {
      this.refusedSubscriptions['unknown-filter']++;
      session.send(
        'error',
        {
          code: 'UNKNOWN_FILTER',
          message: `unknown ${unknown.join(', ')}: filter by the queues and lines the PBX reports (subscription unchanged)`,
          issues: unknown.slice(0, 10),
        },
        now,
      );
      return;
    }
    const previous = session.subscription?.filterKey;
    const counted = (key: string | undefined) => (key === UNFILTERED ? undefined : key);
    if (filterKey !== UNFILTERED && !this.filters.take(filterKey, counted(previous))) {
      this.refusedSubscriptions['too-many-filters']++;
      session.send(
        'error',
        {
          code: 'TOO_MANY_FILTERS',
          message: `the monitor serves at most ${this.filters.max} distinct queue/line filters at once (push.maxDistinctFilters): subscribe without a filter or with one in use (subscription unchanged)`,
        },
        now,
      );
      return;
    }
    if (filterKey === UNFILTERED && counted(previous) !== undefined)
      this.filters.release(previous as string);
    const subscription: Subscription = {
      site: site.site,
      views,
      queues,
      lines,
      period,
      shift,
      callers,
      filterKey,
      key: JSON.stringify([site.site, views, period, shift, callers, filterKey]),
    };
    session.subscription = subscription;
    session.lastSent.clear();
    session.pendingSnapshot = {
      reason: message.lastSeq === undefined ? 'subscribe' : 'resume',
      resumedFrom: message.lastSeq ?? null,
    };
    // The first snapshot goes out now, not at the next cadence.
    const staffing = this.needsStaffing(subscription) ? this.staffingSection() : undefined;
    this.sendSnapshot(session, staffing, now);
  }

  private onLink(site: string, link: PbxLinkStatus): void {
    const now = Date.now();
    const data = new SharedMessageData(JSON.stringify(linkData(link)));
    for (const session of this.sessions) {
      if (session.subscription?.site === site && !session.congested)
        session.sendSerialized('link', data, now);
    }
  }

  private scheduleEventFlush(): void {
    if (this.eventFlushTimer) return;
    const wait = Math.max(0, this.lastEventFlushAt + EVENT_FLUSH_MIN_INTERVAL_MS - Date.now());
    this.eventFlushTimer = setTimeout(() => {
      this.eventFlushTimer = undefined;
      this.lastEventFlushAt = Date.now();
      this.flush('events');
    }, wait);
  }

  /** One pass over every session: alarms first (they are urgent), then updates. */
  flush(kind: FlushKind): void {
    const started = performance.now();
    try {
      this.flushSessions(kind);
    } finally {
      this.flushDurationsMs.push(performance.now() - started);
      if (this.flushDurationsMs.length > 1_000) this.flushDurationsMs.shift();
    }
  }

  private flushSessions(kind: FlushKind): void {
    const now = Date.now();
    this.known.clear();
    this.knownRefreshed = false;
    // An event pass updates the sessions of the sites that moved; the cadence, every session.
    const moved = kind === 'events' ? new Set(this.eventSites) : undefined;
    this.eventSites.clear();
    if (this.sessions.size === 0) return;
    // One advisor figure per pass, shared by every subscription that shows it.
    let staffing: StaffingSection | undefined;
    for (const session of this.sessions) {
      if (session.subscription && this.needsStaffing(session.subscription)) {
        staffing = this.staffingSection();
        break;
      }
    }
    const groups = new Map<string, PushSession[]>();
    for (const session of this.sessions) {
      if (!session.subscription || !session.open) continue;
      if (session.pendingSnapshot) {
        this.sendSnapshot(session, staffing, now, kind);
        continue;
      }
      if (moved && !moved.has(session.subscription.site)) continue;
      const group = groups.get(session.subscription.key);
      if (group) group.push(session);
      else groups.set(session.subscription.key, [session]);
    }
    for (const members of groups.values()) {
      const sub = members[0].subscription as Subscription;
      const snapshot = this.snapshotOf(sub);
      const sections = this.serialize(this.project(snapshot, sub, staffing));
      const pbxAt = snapshot.at;
      const dataByChange = new Map<string, SharedMessageData>();
      for (const session of members) {
        if (!this.hasRoom(session, kind, now)) continue;
        const changed: PushSectionName[] = [];
        for (const [name, json] of sections)
          if (session.lastSent.get(name) !== json) changed.push(name);
        // The "still live" beat is the cadence's: an event pass that changed nothing sends nothing.
        if (changed.length === 0 && kind === 'events') continue;
        const changeKey = changed.join(',');
        let data = dataByChange.get(changeKey);
        if (data === undefined) {
          data = new SharedMessageData(
            `{"pbxAt":${pbxAt},"sections":{${changed.map((n) => `"${n}":${sections.get(n)}`).join(',')}}}`,
          );
          dataByChange.set(changeKey, data);
        }
        session.sendSerialized('update', data, now);
        for (const name of changed) session.lastSent.set(name, sections.get(name) as string);
      }
    }
  }

  /**
   * Back-pressure: a congested client skips this update (the next one it gets carries every
   * section changed meanwhile, so it only ever sees the latest), and is dropped after
   * SLOW_CLIENT_CADENCES cadences in a row — which bounds what the server holds for it.
   */
  private hasRoom(session: PushSession, kind: FlushKind, now: number): boolean {
    if (!session.congested) {
      if (kind === 'cadence') session.slowCadences = 0;
      return true;
    }
    this.stats.updatesSkipped++;
    if (kind === 'cadence') session.slowCadences++;
    if (session.slowCadences >= SLOW_CLIENT_CADENCES) {
      this.stats.disconnectedSlow++;
      this.logger.warn(
        { session: session.id, buffered: session.bufferedAmount },
        'disconnecting a client too slow to read its updates',
      );
      session.close(PUSH_CLOSE.tooSlow.code, PUSH_CLOSE.tooSlow.reason, now);
      this.detach(session);
    }
    return false;
  }

  private sendSnapshot(
    session: PushSession,
    staffing: StaffingSection | undefined,
    now: number,
    kind: FlushKind = 'events',
  ): void {
    const sub = session.subscription;
    const pending = session.pendingSnapshot;
    if (!sub || !pending || !this.hasRoom(session, kind, now)) return;
    const snapshot = this.snapshotOf(sub);
    const sections = this.serialize(this.project(snapshot, sub, staffing));
    const header = JSON.stringify({
      reason: pending.reason,
      resumedFrom: pending.resumedFrom,
      subscription: {
        site: sub.site,
        views: sub.views,
        queues: sub.queues,
        lines: sub.lines,
        period: sub.period,
        shift: sub.shift,
      },
      pbxAt: snapshot.at,
      timeZone: snapshot.timeZone,
      targets: snapshot.targets,
      link: linkData(this.siteOf(sub).link),
    });
    const body = [...sections].map(([n, json]) => `"${n}":${json}`).join(',');
    session.sendSerialized(
      'snapshot',
      new SharedMessageData(`${header.slice(0, -1)},"sections":{${body}}}`),
      now,
    );
    session.pendingSnapshot = undefined;
    session.lastSent.clear();
    for (const [name, json] of sections) session.lastSent.set(name, json);
  }

  private heartbeat(): void {
    for (const session of this.sessions) {
      if (!session.alive) {
        // No pong since the last ping: the peer (or the network path to it) is gone.
        this.stats.disconnectedDead++;
        this.logger.info({ session: session.id }, 'terminating a client that missed its heartbeat');
        session.terminate();
        this.detach(session);
        continue;
      }
      session.alive = false;
      session.ping();
    }
  }

  private broadcastAlarms(transitions: readonly AlarmTransition[], now: number): void {
    for (const transition of transitions) {
      const data = new SharedMessageData(JSON.stringify(transition));
      for (const session of this.sessions) {
        if (
          session.subscription?.views.includes('alarms') &&
          this.sites.isHome(session.subscription.site) &&
          !session.congested &&
          !session.pendingSnapshot
        ) {
          session.sendSerialized('alarm', data, now);
        }
      }
    }
  }

  /** The advisor's figure of this pass; absent when it cannot be had (clients keep the last). */
  private staffingSection(): StaffingSection | undefined {
    const now = this.staffing.currentIfAvailable();
    return now ? staffingData(now) : undefined;
  }

  /**
   * The sections of a subscription. The alarms and the staffing advice are this instance's own
   * site's (its AlarmService and StaffingService): another site's board shows neither.
   */
  private project(snapshot: KpiSnapshot, sub: Subscription, staffing: StaffingSection | undefined) {
    const own = this.sites.isHome(sub.site);
    return this.projector.project(
      snapshot,
      sub,
      own ? this.alarms.lists() : NO_ALARMS,
      own ? staffing : undefined,
    );
  }

  /** Queues and lines a subscription may filter by: seen this month, configured, or reported. */
  private knownScopes(site: SiteLive): KnownScopes {
    let known = this.known.get(site.site);
    if (!known) {
      const centre = site.snapshot();
      known = {
        queues: new Set([...Object.keys(centre.periods.queues), ...site.pbxQueues]),
        lines: new Set([...Object.keys(centre.periods.lines), ...Object.keys(this.config.lines)]),
      };
      this.known.set(site.site, known);
    }
    return known;
  }

  /** A subscription's site (subscribe admits only sites shown); before one, this instance's own. */
  private siteOf(sub: Subscription | undefined): SiteLive {
    return this.sites.shown(sub?.site) ?? this.sites.home;
  }

  /** The memoised engine snapshot for the subscription's filter (one per filter per tick). */
  private snapshotOf(sub: Subscription): KpiSnapshot {
    return this.siteOf(sub).snapshot({ queues: sub.queues, lines: sub.lines });
  }

  /** The wallboard and the leader view show the staffing figure of this instance's own site. */
  private needsStaffing(sub: Subscription): boolean {
    return (
      this.sites.isHome(sub.site) &&
      (sub.views.includes('wallboard') || sub.views.includes('agents'))
    );
  }

  private serialize(sections: PushSections): Map<PushSectionName, string> {
    const out = new Map<PushSectionName, string>();
    for (const [name, value] of Object.entries(sections) as [PushSectionName, unknown][]) {
      if (value !== undefined) out.set(name, JSON.stringify(value));
    }
    return out;
  }
}

/** What the boards flag (libs/kpi time-in-state-limits), from kpi.longTalkSeconds and agents.*. */
function timeLimitsOf(config: MonitorConfig): TimeInStateLimits {
  const { breakLimitMinutes, ...work } = config.agents;
  return { longTalkSeconds: config.kpi.longTalkSeconds, breakLimitMinutes, work };
}
