import type {
  AgentAnswered,
  AgentRingNoAnswer,
  AgentRinging,
  AgentStateChanged,
  CallEnded,
  CallEvent,
  CallerAbandoned,
  CallerExited,
  CallerJoinedQueue,
  CallerRefused,
  PbxInFlightView,
  SurveyRated,
  TalkingCaller,
} from '@hotline/call-events';
import { AgentBoard, type AgentStateInterval } from './agent-board';
import { shownAgentState, wrapUpSecondsAfter } from './after-call-work';
import { AnomalyLog, type AnomalyCount, type AnomalyKind } from './anomaly-log';
import { resolveKpiConfig, type KpiEngineConfig, type ResolvedKpiConfig } from './kpi-config';
import type { KpiSnapshot, SnapshotFilter } from './kpi-snapshot';
import { buildSnapshot, type SnapshotSource } from './snapshot-builder';
import { agentScope, CENTRE_SCOPE, lineScope, PeriodBuckets, queueScope } from './period-buckets';
import type {
  KpiCoverage,
  KpiRestoreSeed,
  QueueCallRecord,
  RestorableQueueCall,
} from './queue-call-record';
import {
  answeringAgent,
  contactContribution,
  pbxSecondsBetween,
  queueCallContribution,
  ratingScopes,
} from './counting-rules';
import type { Contribution } from './kpi-counters';
import { RollingWindow } from './rolling-window';
import {
  type AppliedContribution,
  settleStatus,
  type TrackedCall,
  type TrackedContact,
} from './tracked-call';
import { DAY_MS, HOUR_MS, ZonedCalendar } from '@hotline/calendar';

export type ApplyOutcome = 'applied' | 'duplicate' | 'anomaly';

export interface ResyncReport {
  /** Waiting callers the engine did not know, now tracked. */
  readonly added: number;
  /** Talking callers the engine did not know as answered (unseen, or seen only waiting). */
  readonly talkingAdded: number;
  /**
   * Calls in flight the view no longer lists, closed without their end (outcome `unknown`, or
   * answered with its talk unknown); a real end arriving later replaces that (revision + 1).
   */
  readonly closed: number;
  readonly agentsUpdated: number;
}

/** Sizes of the engine's internal maps (all bounded; see kpi-engine.bounded-memory.spec.ts). */
export interface KpiEngineStats {
  readonly inFlightCalls: number;
  readonly finishedCalls: number;
  readonly contacts: number;
  readonly rollingRows: number;
  readonly periods: number;
  readonly periodCounters: number;
  readonly agents: number;
  readonly ratingIds: number;
}

const RATING_ID_RETENTION_MS = DAY_MS;
const CENTRE_SCOPES: readonly string[] = [CENTRE_SCOPE];

/** Who a tracked call is, from a join event, a refusal, a view's caller or a stored record. */
interface JoiningCall {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string | null;
  readonly callerNumber?: string;
}

/**
 * The KPI engine: a deterministic, pure function of the call events and the time it is told.
 * No clock, no I/O. See docs/kpi-spec.md for the definitions and
 * docs/adr/0002-kpi-denominators.md for the counting choices.
 */
export class KpiEngine {
  readonly config: ResolvedKpiConfig;
  private readonly calendar: ZonedCalendar;
  private readonly buckets: PeriodBuckets;
  private readonly rolling = new RollingWindow(HOUR_MS);
  private readonly agentBoard: AgentBoard;
  /** Waiting, talking and pending calls. */
  private readonly inFlight = new Map<string, TrackedCall>();
  private readonly finished = new Map<string, TrackedCall>();
  private readonly contacts = new Map<string, TrackedContact>();
  private readonly ratingIds = new Map<string, number>();
  private readonly anomalyLog = new AnomalyLog();
  private callListeners: ((record: QueueCallRecord) => void)[] = [];
  private lastNow = -Infinity;
  /**
   * PBX time up to which the engine has the PBX's story: the newest event applied, or the last
   * resync view. Events come in PBX order, so a call still in flight here was in flight then —
   * the known minimum of the wait or talk of a call whose end was then missed.
   */
  private storyUntil = -Infinity;
  /** From when every call is in the figures (KpiCoverage); undefined before any view or seed. */
  private coveredFrom: number | undefined;

  constructor(config: Partial<KpiEngineConfig> = {}) {
    this.config = resolveKpiConfig(config);
    this.calendar = new ZonedCalendar(this.config.timeZone, this.config.shifts);
    this.buckets = new PeriodBuckets(this.calendar);
    this.agentBoard = new AgentBoard(this.calendar);
  }

  /** Applies one event. Never throws on bad input: unknown calls are counted anomalies. */
  apply(event: CallEvent): ApplyOutcome {
    // Adapters are typed, but events also come from replays and spill files: refuse junk, never throw.
    if (typeof event !== 'object' || event === null || !Number.isFinite(event.at)) {
      this.anomaly(
        'malformed-event',
        0,
        `not a call event: ${JSON.stringify(event)?.slice(0, 200)}`,
      );
      return 'anomaly';
    }
    if (event.at > this.storyUntil) this.storyUntil = event.at;
    switch (event.type) {
      case 'caller-joined-queue':
        return this.onJoined(event);
      case 'caller-refused':
        return this.onRefused(event);
      case 'agent-ringing':
        return this.onRinging(event);
      case 'agent-ring-no-answer':
        return this.onRingNoAnswer(event);
      case 'agent-answered':
        return this.onAnswered(event);
      case 'call-ended':
        return this.onEnded(event);
      case 'caller-abandoned':
      case 'caller-exited':
        return this.onLeft(event);
      case 'agent-state-changed':
        return this.onAgentState(event);
      case 'survey-rated':
        return this.onRated(event);
      default: {
        const junk = event as unknown as { at: number; type?: unknown };
        this.anomaly('malformed-event', junk.at, `unknown event type ${JSON.stringify(junk.type)}`);
        return 'anomaly';
      }
    }
  }

  /**
   * Advances time: live over-5-minute flags, resync-pending calls whose retention passed,
   * period roll-over, eviction of finished calls, idle contacts and old rolling rows.
   */
  tick(now: number): void {
    this.refreshLive(now);
    const retention = this.config.contactRetentionMs;
    for (const call of [...this.inFlight.values()]) {
      if (
        call.status === 'pending' &&
        call.pendingAt !== undefined &&
        call.pendingAt + retention <= now
      ) {
        this.closeUnseen(call, call.pendingAt, call.lastEventAt, 'stale', now);
      } else if (call.status !== 'pending' && call.lastEventAt + this.config.staleCallMs <= now) {
        this.anomaly(
          'stale-call',
          now,
          `call ${call.callId} had no event for ${this.config.staleCallMs} ms`,
        );
        call.pendingFrom = call.status === 'talking' ? 'talking' : 'waiting';
        call.status = 'pending';
        call.pendingAt = now;
      }
    }
    this.buckets.rollOver(now);
    this.rolling.evict(now);
    this.agentBoard.tick(now);
    for (const [callId, call] of this.finished) {
      if ((call.retainFrom ?? call.joinedAt) + retention > now) break;
      this.finished.delete(callId);
    }
    let budget = this.contacts.size;
    for (const [contactId, contact] of this.contacts) {
      if (budget-- <= 0 || contact.lastActivityAt + retention > now) break;
      this.contacts.delete(contactId);
      if (contact.visits.some((v) => v.status !== 'finished'))
        this.contacts.set(contactId, contact);
    }
    for (const [ratingId, at] of this.ratingIds) {
      if (at + Math.max(retention, RATING_ID_RETENTION_MS) > now) break;
      this.ratingIds.delete(ratingId);
    }
  }

  /**
   * Rebuilds live state from what the PBX says is in flight after a (re)connect: adds the
   * waiting callers it did not know, takes every talking caller as an answered call (joined
   * before monitoring, or answered while away), closes the calls in flight that the view no
   * longer lists without inventing their end (docs/adr/0004-unknown-outcome.md), sets agent
   * states. Applying the same view twice changes nothing.
   */
  resync(view: PbxInFlightView): ResyncReport {
    let added = 0;
    let talkingAdded = 0;
    let closed = 0;
    const listed = new Set([
      ...view.waiting.map((w) => w.callId),
      ...view.talking.map((t) => t.callId),
    ]);
    for (const waiting of view.waiting) {
      const known = this.inFlight.get(waiting.callId);
      if (known) {
        if (known.status === 'pending' && known.pendingFrom === 'waiting') {
          settleStatus(known, 'waiting');
        }
        continue;
      }
      const finished = this.finished.get(waiting.callId);
      if (finished) {
        // Closed as unknown by an earlier view that missed it: it is waiting after all.
        if (finished.provisional && finished.outcome === 'unknown') this.reopen(finished);
        continue;
      }
      this.startCall(waiting.joinedAt, waiting, true);
      added++;
    }
    for (const talking of view.talking) {
      if (this.takeTalking(talking, view.at)) talkingAdded++;
    }
    for (const call of [...this.inFlight.values()]) {
      if (listed.has(call.callId)) continue;
      const from = call.status === 'pending' ? call.pendingFrom : call.status;
      if (from !== 'waiting' && from !== 'talking') continue;
      // A stale call was last known at its own last event; any other at the story's end.
      const knownUntil =
        call.status === 'pending' ? call.lastEventAt : Math.max(this.storyUntil, call.lastEventAt);
      call.status = from;
      this.closeUnseen(call, view.at, knownUntil, 'gone-at-resync', view.at);
      closed++;
    }
    let agentsUpdated = 0;
    for (const presence of view.agents) {
      const state = shownAgentState(presence.state, presence.pauseReason, this.config.agents);
      const change = this.agentBoard.set(presence.agent, state, view.at, {
        ...(presence.pauseReason !== undefined ? { pauseReason: presence.pauseReason } : {}),
        queues: presence.queues,
      });
      if (change === 'applied') agentsUpdated++;
    }
    // The view lists every queue member the PBX knows: one it no longer lists has logged out.
    if (view.agents.length > 0) {
      const listedAgents = new Set(view.agents.map((a) => a.agent));
      for (const agent of [...this.agentBoard.all()]) {
        if (listedAgents.has(agent.agent) || agent.state === 'logged-out') continue;
        if (this.agentBoard.set(agent.agent, 'logged-out', view.at) === 'applied') agentsUpdated++;
      }
    }
    if (view.at > this.storyUntil) this.storyUntil = view.at;
    if (this.coveredFrom === undefined) this.coveredFrom = view.at;
    return { added, talkingAdded, closed, agentsUpdated };
  }

  /**
   * From when the figures include every call: `from` is the earliest of the restored seed's
   * `coveredFrom` and the first resync view; `complete` when that is no later than the local
   * midnight of `now` (today's figures then hold every call of the day).
   */
  coverage(now: number): KpiCoverage {
    const from = this.coveredFrom ?? null;
    return { from, complete: from !== null && from <= this.calendar.dayOf(now).from };
  }

  /** Figures at `now` (refreshes live over-5-minute flags first; read-only otherwise). */
  snapshot(now: number, filter?: SnapshotFilter): KpiSnapshot {
    this.refreshLive(now, false);
    const source: SnapshotSource = {
      config: this.config,
      calendar: this.calendar,
      buckets: this.buckets,
      rolling: this.rolling,
      agentBoard: this.agentBoard,
      inFlight: this.inFlight,
    };
    return buildSnapshot(source, now, filter, this.coverage(now));
  }

  anomalies(): readonly AnomalyCount[] {
    return this.anomalyLog.list();
  }

  /** Called once per finished queue call (and again, revision + 1, if an estimate is corrected). */
  onCallFinished(listener: (record: QueueCallRecord) => void): () => void {
    this.callListeners.push(listener);
    return () => {
      this.callListeners = this.callListeners.filter((l) => l !== listener);
    };
  }

  /** Called when an agent leaves a state, with the closed span. */
  onAgentStateInterval(listener: (interval: AgentStateInterval) => void): () => void {
    return this.agentBoard.onStateInterval(listener);
  }

  /** Rebuilds counters from stored records (call before live events resume). */
  restore(seed: KpiRestoreSeed): void {
    if (seed.coveredFrom !== undefined && Number.isFinite(seed.coveredFrom))
      this.coveredFrom = Math.min(this.coveredFrom ?? Infinity, seed.coveredFrom);
    const calls = [...seed.calls].sort((a, b) => a.joinedAt - b.joinedAt);
    for (const record of calls) this.restoreCall(record);
    for (const rating of seed.ratings ?? []) {
      this.onRated({
        type: 'survey-rated',
        at: rating.ratedAt,
        ratingId: rating.ratingId,
        queue: rating.queue,
        score: rating.score,
        ...(rating.agent ? { agent: rating.agent } : {}),
        ...(rating.callId ? { callId: rating.callId } : {}),
        ...(rating.contactId ? { contactId: rating.contactId } : {}),
      });
    }
  }

  stats(): KpiEngineStats {
    const buckets = this.buckets.stats();
    return {
      inFlightCalls: this.inFlight.size,
      finishedCalls: this.finished.size,
      contacts: this.contacts.size,
      rollingRows: this.rolling.size,
      periods: buckets.periods,
      periodCounters: buckets.counters,
      agents: this.agentBoard.size,
      ratingIds: this.ratingIds.size,
    };
  }

  /** A call the engine still holds (in flight or recently finished). */
  private findCall(callId: string): TrackedCall | undefined {
    return this.inFlight.get(callId) ?? this.finished.get(callId);
  }

  // ── call events ────────────────────────────────────────────────────────────

  private onJoined(event: CallerJoinedQueue): ApplyOutcome {
    if (this.isTooLate(event)) return 'anomaly';
    const known = this.findCall(event.callId);
    if (known) {
      if (known.queue === event.queue && known.joinedAt === event.at) {
        // The same join again, now saying the line a resync view could not (FreeSWITCH).
        if (known.line !== undefined || event.line === undefined || event.line === '')
          return 'duplicate';
        known.line = event.line;
        this.recount(known);
        if (known.status === 'finished') this.emit(known);
        return 'applied';
      }
      if (known.status !== 'finished') {
        this.eventAnomaly(
          'conflicting-join',
          event,
          `call ${event.callId} joined ${event.queue} while still in ${known.queue}`,
        );
        return 'anomaly';
      }
      // callId is meant to be unique per visit; an adapter reusing it for a new visit (e.g.
      // overflow keeps the Uniqueid) still gets the new visit counted.
      this.eventAnomaly(
        'call-id-reused',
        event,
        `call ${event.callId} joined ${event.queue} again after finishing`,
      );
      this.finished.delete(event.callId);
    }
    this.startCall(event.at, event);
    return 'applied';
  }

  private onRefused(event: CallerRefused): ApplyOutcome {
    if (this.findCall(event.callId)) return 'duplicate';
    if (this.isTooLate(event)) return 'anomaly';
    const call = this.startCall(event.at, event);
    this.finish(call, event.at, 'blocked', 0, event.reason);
    return 'applied';
  }

  private onRinging(event: AgentRinging): ApplyOutcome {
    const call = this.ringingCall(event);
    if (typeof call === 'string') return call;
    call.ringingAgent = event.agent;
    if (event.at > call.lastEventAt) call.lastEventAt = event.at;
    this.agentBoard.set(event.agent, 'ringing', event.at, { callId: call.callId });
    return 'applied';
  }

  private onRingNoAnswer(event: AgentRingNoAnswer): ApplyOutcome {
    const call = this.ringingCall(event);
    if (typeof call === 'string') return call;
    if (call.ringingAgent === event.agent) call.ringingAgent = undefined;
    this.agentBoard.countRingNoAnswer(event.agent, event.at);
    this.freeIfRinging(event.agent, call, event.at);
    return 'applied';
  }

  private onAnswered(event: AgentAnswered): ApplyOutcome {
    const call = this.callToSettle(event);
    if (typeof call === 'string') return call;
    if (call.answeredAt !== undefined) {
      if (call.agent === event.agent) {
        if (!call.answerEstimated) return 'duplicate';
        // A view estimated the answer (channel ages); the PBX's own answer, with app_queue's
        // HoldTime, arrived after it: the wait is exact now.
        call.answerEstimated = false;
        call.estimated = false;
        call.answeredAt = event.at;
        call.waitSeconds = event.waitSeconds;
        this.recount(call);
        return 'applied';
      }
      if (call.agent === undefined && call.status === 'talking') {
        // Taken from a resync view that could not name the member: the answer names it.
        call.agent = event.agent;
        this.agentBoard.set(event.agent, 'on-call', event.at, { callId: call.callId });
        this.recount(call);
        return 'applied';
      }
      this.eventAnomaly(
        'conflicting-answer',
        event,
        `call ${call.callId} answered by ${event.agent} after ${call.agent ?? '?'}`,
      );
      return 'anomaly';
    }
    if (event.at < call.joinedAt)
      this.eventAnomaly('out-of-order', event, `answer before join for ${call.callId}`);
    settleStatus(call, 'talking');
    call.answeredAt = event.at;
    call.waitSeconds = event.waitSeconds;
    call.agent = event.agent;
    call.ringingAgent = undefined;
    this.agentBoard.set(event.agent, 'on-call', event.at, { callId: call.callId });
    this.touch(call, event.at);
    this.recount(call);
    return 'applied';
  }

  private onEnded(event: CallEnded): ApplyOutcome {
    const call = this.callToSettle(event);
    if (typeof call === 'string') return call;
    if (call.answeredAt === undefined) {
      // The answer was missed (e.g. during a reconnect): the PBX's talk time dates it.
      const answeredAt = Math.max(call.joinedAt, event.at - event.talkSeconds * 1000);
      call.answeredAt = answeredAt;
      call.waitSeconds = pbxSecondsBetween(call.joinedAt, answeredAt);
      call.agent = event.agent;
      call.estimated = true;
      this.eventAnomaly(
        'answer-inferred',
        event,
        `call ${call.callId} ended without a seen answer`,
      );
    }
    if (event.at < call.joinedAt)
      this.eventAnomaly('out-of-order', event, `end before join for ${call.callId}`);
    if (call.answerEstimated && event.waitSeconds !== undefined) {
      // The PBX's own wait and talk, reported with the end, replace a view's estimated answer.
      call.answerEstimated = false;
      call.estimated = false;
      call.waitSeconds = event.waitSeconds;
      call.answeredAt = Math.max(call.joinedAt, event.at - event.talkSeconds * 1000);
    }
    call.talkSeconds = event.talkSeconds;
    if (!call.agent) call.agent = event.agent;
    this.agentBoard.callEnded(
      event.agent,
      call,
      event.at,
      wrapUpSecondsAfter(event, this.config.agents),
    );
    this.finish(call, event.at, 'answered', call.waitSeconds ?? 0, event.reason);
    return 'applied';
  }

  private onLeft(event: CallerAbandoned | CallerExited): ApplyOutcome {
    const call = this.callToSettle(event);
    if (typeof call === 'string') return call;
    if (call.answeredAt !== undefined) {
      // FreeSWITCH sends member-queue-end Cancel/TIMEOUT after bridge-agent-start when the
      // max wait expires as an agent answers: the caller talked to an agent, it is answered.
      this.eventAnomaly(
        'left-after-answer',
        event,
        `${event.type} for answered call ${call.callId}`,
      );
      return 'anomaly';
    }
    if (event.at < call.joinedAt)
      this.eventAnomaly('out-of-order', event, `leave before join for ${call.callId}`);
    if (call.ringingAgent) this.freeIfRinging(call.ringingAgent, call, event.at);
    if (event.type === 'caller-abandoned')
      this.finish(call, event.at, 'abandoned', event.waitSeconds, undefined);
    else this.finish(call, event.at, 'exited', event.waitSeconds, event.reason);
    return 'applied';
  }

  private onAgentState(event: AgentStateChanged): ApplyOutcome {
    const state = shownAgentState(event.state, event.pauseReason, this.config.agents);
    const change = this.agentBoard.set(event.agent, state, event.at, {
      ...(event.pauseReason !== undefined ? { pauseReason: event.pauseReason } : {}),
      ...(event.queues !== undefined ? { queues: event.queues } : {}),
      ...(event.lastCallEndedAt !== undefined ? { lastCallEndedAt: event.lastCallEndedAt } : {}),
    });
    if (change === 'out-of-order') {
      this.eventAnomaly(
        'stale-agent-state',
        event,
        `agent ${event.agent} state older than the current one`,
      );
      return 'anomaly';
    }
    return change === 'unchanged' ? 'applied' : change;
  }

  private onRated(event: SurveyRated): ApplyOutcome {
    if (this.ratingIds.has(event.ratingId)) return 'duplicate';
    this.ratingIds.set(event.ratingId, event.at);
    const call = event.callId !== undefined ? this.findCall(event.callId) : undefined;
    const contact = this.contacts.get(event.contactId ?? call?.contactId ?? '');
    const { line, agent } = ratingScopes(event, call, contact?.visits ?? []);
    const scopes = [CENTRE_SCOPE, queueScope(event.queue)];
    if (line !== undefined) scopes.push(lineScope(line));
    if (agent !== undefined) scopes.push(agentScope(agent));
    const satisfied = event.score >= this.config.satisfiedMinScore;
    this.buckets.addRating(this.buckets.periodsOf(event.at), scopes, satisfied);
    this.rolling.addRating(event.at, scopes, satisfied);
    return 'applied';
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /**
   * A new call older than the retention window at the engine's clock cannot be told apart
   * from a replay of one already counted and forgotten: refuse it rather than count it twice.
   */
  private isTooLate(event: CallerJoinedQueue | CallerRefused): boolean {
    if (this.findCall(event.callId) || event.at + this.config.contactRetentionMs >= this.lastNow)
      return false;
    this.eventAnomaly(
      'late-event',
      event,
      `${event.type} for ${event.callId} older than the retention window`,
    );
    return true;
  }

  private lookup(event: {
    readonly callId: string;
    readonly at: number;
    readonly type: CallEvent['type'];
  }): TrackedCall | undefined {
    const call = this.findCall(event.callId);
    if (!call) {
      this.anomaly(
        'unknown-call',
        event.at,
        `${event.type} for unknown call ${event.callId}`,
        event as CallEvent,
      );
    }
    return call;
  }

  /**
   * The call a ringing event is news for: 'anomaly' when unknown, 'duplicate' when the call is
   * over or this very ring (agent, instant, kind) was applied already.
   */
  private ringingCall(event: AgentRinging | AgentRingNoAnswer): TrackedCall | ApplyOutcome {
    const call = this.lookup(event);
    if (!call) return 'anomaly';
    if (call.status === 'finished') return 'duplicate';
    const key = `${event.type}:${event.agent}:${event.at}`;
    if (call.ringKeys.has(key)) return 'duplicate';
    call.ringKeys.add(key);
    return call;
  }

  /**
   * The call an answer, end or leave settles: 'anomaly' when unknown; a call closed without its
   * end is reopened so the real event replaces the close, unless that close is final —
   * 'duplicate' for a call finished for good, or answered with its end unseen (the answer is
   * known already, only an end can correct it).
   */
  private callToSettle(
    event: AgentAnswered | CallEnded | CallerAbandoned | CallerExited,
  ): TrackedCall | ApplyOutcome {
    const call = this.lookup(event);
    if (!call) return 'anomaly';
    if (call.status !== 'finished') return call;
    if (!call.provisional || (call.outcome === 'answered' && event.type !== 'call-ended'))
      return 'duplicate';
    return this.reopen(call);
  }

  /** An agent ringing for `call` is free again (the ring ended without an answer). */
  private freeIfRinging(agentId: string, call: TrackedCall, at: number): void {
    const agent = this.agentBoard.get(agentId);
    if (agent && agent.state === 'ringing' && agent.callId === call.callId)
      this.agentBoard.set(agentId, 'available', at);
  }

  /**
   * Tracks a call from its join: one seen, or one the engine learns of otherwise (a refusal, a
   * caller a resync view lists, a stored record). An empty or null line is no line.
   */
  private startCall(
    joinedAt: number,
    joining: JoiningCall,
    joinedBeforeMonitoring = false,
  ): TrackedCall {
    const call: TrackedCall = {
      callId: joining.callId,
      contactId: joining.contactId,
      queue: joining.queue,
      // One shape for every call (no conditional spreads): the engine holds thousands.
      line: joining.line || undefined,
      callerNumber: joining.callerNumber,
      joinedAt,
      periods: this.buckets.periodsOf(joinedAt),
      status: 'waiting',
      ringKeys: new Set(),
      lastEventAt: joinedAt,
      liveOverFiveMinutes: false,
      estimated: false,
      joinedBeforeMonitoring,
      provisional: false,
      revision: 0,
    };
    this.inFlight.set(call.callId, call);
    this.rolling.addCall(call.joinedAt, call);
    let contact = this.contacts.get(call.contactId);
    if (!contact) {
      contact = {
        contactId: call.contactId,
        visits: [],
        lastActivityAt: joinedAt,
        liveOverFiveMinutes: false,
      };
      this.contacts.set(contact.contactId, contact);
      this.rolling.addCall(call.joinedAt, contact);
    }
    const index = contact.visits.findIndex((v) => v.joinedAt > call.joinedAt);
    if (index < 0) contact.visits.push(call);
    else contact.visits.splice(index, 0, call);
    this.touch(call, joinedAt);
    this.recount(call);
    return call;
  }

  private finish(
    call: TrackedCall,
    at: number,
    outcome: TrackedCall['outcome'] & string,
    wait: number,
    reason: string | undefined,
    retainFrom = at,
  ): void {
    settleStatus(call, 'finished');
    call.retainFrom = retainFrom;
    call.outcome = outcome;
    call.waitSeconds = wait;
    call.reason = reason;
    call.endedAt = at;
    call.ringingAgent = undefined;
    call.ringKeys.clear();
    this.inFlight.delete(call.callId);
    this.finished.delete(call.callId);
    this.finished.set(call.callId, call);
    this.touch(call, Math.max(at, retainFrom));
    // The live flag was a stand-in for the final talk; the finished talks decide from now on
    // (refreshLive sets it again if another visit of the contact is still talking past 300 s).
    const contact = this.contacts.get(call.contactId);
    if (contact) contact.liveOverFiveMinutes = false;
    this.recount(call);
    this.emit(call);
  }

  /** Takes a call closed without its end back in flight so its real end can replace that. */
  private reopen(call: TrackedCall): TrackedCall {
    this.finished.delete(call.callId);
    call.status =
      call.answeredAt !== undefined && call.outcome === 'answered' ? 'talking' : 'waiting';
    if (call.status === 'waiting') {
      call.answeredAt = undefined;
      call.agent = undefined;
    }
    call.outcome = undefined;
    call.reason = undefined;
    call.talkSeconds = undefined;
    call.talkAtLeastSeconds = undefined;
    call.liveOverFiveMinutes = false;
    call.endedAt = undefined;
    call.provisional = false;
    this.inFlight.set(call.callId, call);
    return call;
  }

  /**
   * A caller the view shows talking to a member: tracked as an answered call, whether the
   * engine never saw it (joined before monitoring), saw it only waiting (answered while away)
   * or had closed it without its end. True when that changed anything.
   */
  private takeTalking(talking: TalkingCaller, viewAt: number): boolean {
    let call = this.inFlight.get(talking.callId);
    if (!call) {
      const finished = this.finished.get(talking.callId);
      if (finished) {
        if (!finished.provisional) return false;
        call = this.reopen(finished);
      }
    }
    if (call?.status === 'pending' && call.pendingFrom === 'talking') {
      settleStatus(call, 'talking');
    }
    if (call?.status === 'talking') return false;
    if (!call) {
      call = this.startCall(talking.joinedAt, talking, true);
    }
    // An estimate never dates the answer before a join the engine knows.
    const answeredAt = Math.max(call.joinedAt, talking.answeredAt);
    settleStatus(call, 'talking');
    call.answeredAt = answeredAt;
    call.waitSeconds =
      talking.times === 'ledger' && talking.waitSeconds !== undefined
        ? talking.waitSeconds
        : pbxSecondsBetween(call.joinedAt, answeredAt);
    if (talking.times === 'estimate') {
      call.estimated = true;
      call.answerEstimated = true;
    }
    call.agent = talking.agent;
    call.ringingAgent = undefined;
    if (talking.agent !== undefined) {
      // On the call since the answer when the board knows nothing later of the agent.
      const options = { callId: call.callId };
      if (this.agentBoard.set(talking.agent, 'on-call', answeredAt, options) === 'out-of-order')
        this.agentBoard.set(talking.agent, 'on-call', viewAt, options);
    }
    this.touch(call, viewAt);
    this.recount(call);
    return true;
  }

  /**
   * Closes a call in flight whose end the engine did not see: answered ones stay answered with
   * their talk unknown (only its known minimum kept), waiting ones get outcome `unknown`. Never
   * an invented outcome or talk (docs/adr/0004-unknown-outcome.md). Provisional: the real end,
   * if it ever arrives (queue_log), replaces it.
   */
  private closeUnseen(
    call: TrackedCall,
    at: number,
    knownUntil: number,
    reason: 'gone-at-resync' | 'stale',
    retainFrom: number,
  ): void {
    const from = call.status === 'pending' ? call.pendingFrom : call.status;
    call.provisional = true;
    if (from === 'talking' && call.answeredAt !== undefined) {
      const talkAtLeast = pbxSecondsBetween(call.answeredAt, knownUntil);
      call.talkSeconds = undefined;
      call.talkAtLeastSeconds = talkAtLeast;
      call.liveOverFiveMinutes = talkAtLeast > this.config.longTalkSeconds;
      this.anomaly('talk-unknown', at, `call ${call.callId} ended unseen; its talk is unknown`);
      this.finish(call, at, 'answered', call.waitSeconds ?? 0, 'ended-unseen', retainFrom);
      return;
    }
    const waitAtLeast = pbxSecondsBetween(call.joinedAt, knownUntil);
    this.anomaly('closed-unknown', at, `call ${call.callId} left unseen; outcome unknown`);
    if (call.ringingAgent) this.freeIfRinging(call.ringingAgent, call, at);
    this.finish(call, at, 'unknown', waitAtLeast, reason, retainFrom);
  }

  private touch(call: TrackedCall, at: number): void {
    if (at > call.lastEventAt) call.lastEventAt = at;
    const contact = this.contacts.get(call.contactId);
    if (!contact) return;
    if (at > contact.lastActivityAt) contact.lastActivityAt = at;
    // Keep the map in least-recently-active order so eviction can stop at the first young one.
    this.contacts.delete(contact.contactId);
    this.contacts.set(contact.contactId, contact);
  }

  /** Replaces the call's and its contact's contributions with their current ones. */
  private recount(call: TrackedCall): void {
    const rules = this.config;
    const scopes = this.buckets.scopeKeysOf(call, answeringAgent(call));
    const next = this.placed(
      call.applied,
      call.periods,
      scopes,
      queueCallContribution(call, rules),
    );
    this.buckets.replace(call.applied, next);
    call.applied = next;
    const contact = this.contacts.get(call.contactId);
    if (!contact || !contact.visits.includes(call)) return;
    const first = contact.visits[0];
    if (!first) return;
    const contactNext = this.placed(
      contact.applied,
      first.periods,
      CENTRE_SCOPES,
      contactContribution(contact.visits, rules, contact.liveOverFiveMinutes),
    );
    this.buckets.replace(contact.applied, contactNext);
    contact.applied = contactNext;
  }

  /** A contribution with its counters, reusing the previous ones when periods and scopes agree. */
  private placed(
    previous: AppliedContribution | undefined,
    periods: readonly string[],
    scopes: readonly string[],
    c: Contribution,
  ): AppliedContribution {
    const same =
      previous !== undefined && previous.periods === periods && previous.scopes === scopes;
    const targets = same ? previous.targets : this.buckets.resolve(periods, scopes);
    return { periods, scopes: same ? previous.scopes : scopes, c, targets };
  }

  /** Flags talks that have passed longTalkSeconds so far (counted live, never twice). */
  /**
   * `advanceClock` is false for snapshots: reading the figures at some instant must not move
   * the engine's notion of "now", which decides what counts as a late event. Only ticks do.
   */
  private refreshLive(now: number, advanceClock = true): void {
    if (now < this.lastNow) return;
    if (advanceClock) this.lastNow = now;
    const limitMs = this.config.longTalkSeconds * 1000;
    for (const call of this.inFlight.values()) {
      if (call.answeredAt === undefined || call.status !== 'talking') continue;
      let changed = false;
      if (!call.liveOverFiveMinutes && now - call.answeredAt > limitMs) {
        call.liveOverFiveMinutes = true;
        changed = true;
      }
      const contact = this.contacts.get(call.contactId);
      if (contact && !contact.liveOverFiveMinutes) {
        let talkMs = 0;
        for (const visit of contact.visits) {
          if (visit.outcome === 'answered') talkMs += (visit.talkSeconds ?? 0) * 1000;
          else if (visit.status === 'talking' && visit.answeredAt !== undefined)
            talkMs += now - visit.answeredAt;
        }
        if (talkMs > limitMs) {
          contact.liveOverFiveMinutes = true;
          changed = true;
        }
      }
      if (changed) this.recount(call);
    }
  }

  private restoreCall(record: RestorableQueueCall): void {
    if (this.findCall(record.callId)) return;
    const call = this.startCall(record.joinedAt, record);
    call.estimated = record.estimated === true;
    call.joinedBeforeMonitoring = record.joinedBeforeMonitoring === true;
    if (record.outcome === 'answered') {
      call.answeredAt = record.answeredAt ?? record.joinedAt + record.waitSeconds * 1000;
      call.agent = record.agent ?? undefined;
      // A talk unknown (end unseen) stays unknown: only its known minimum was stored.
      const atLeast = record.talkAtLeastSeconds;
      if (record.talkSeconds === null && atLeast !== null && atLeast !== undefined) {
        call.talkAtLeastSeconds = atLeast;
        call.liveOverFiveMinutes = atLeast > this.config.longTalkSeconds;
      } else call.talkSeconds = record.talkSeconds ?? 0;
    }
    // Closed without its end: a real end read later (queue_log after a restart) may replace it.
    call.provisional = record.outcome === 'unknown' || call.talkAtLeastSeconds !== undefined;
    const endedAt = record.endedAt ?? call.answeredAt ?? record.joinedAt;
    this.finishSilently(call, endedAt, record);
  }

  private finishSilently(call: TrackedCall, at: number, record: RestorableQueueCall): void {
    const listeners = this.callListeners;
    this.callListeners = [];
    try {
      this.finish(call, at, record.outcome, record.waitSeconds, record.reason ?? undefined);
    } finally {
      this.callListeners = listeners;
    }
  }

  private emit(call: TrackedCall): void {
    if (call.outcome === undefined || call.endedAt === undefined) return;
    call.revision += 1;
    const record: QueueCallRecord = {
      callId: call.callId,
      contactId: call.contactId,
      queue: call.queue,
      line: call.line ?? null,
      agent: call.outcome === 'answered' ? (call.agent ?? null) : null,
      joinedAt: call.joinedAt,
      answeredAt: call.outcome === 'answered' ? (call.answeredAt ?? null) : null,
      endedAt: call.endedAt,
      waitSeconds: call.waitSeconds ?? 0,
      talkSeconds: call.outcome === 'answered' ? (call.talkSeconds ?? null) : null,
      talkAtLeastSeconds:
        call.outcome === 'answered' && call.talkSeconds === undefined
          ? (call.talkAtLeastSeconds ?? 0)
          : null,
      outcome: call.outcome,
      reason: call.reason ?? null,
      estimated: call.estimated,
      joinedBeforeMonitoring: call.joinedBeforeMonitoring,
      revision: call.revision,
    };
    for (const listener of this.callListeners) {
      // A failing consumer (storage) must not leave the engine half-updated or throw into apply().
      try {
        listener(record);
      } catch (error) {
        this.anomaly(
          'listener-error',
          record.endedAt,
          `onCallFinished listener threw: ${String(error)}`,
        );
      }
    }
  }

  /** An anomaly about `event`, at its time and with it. */
  private eventAnomaly(kind: AnomalyKind, event: CallEvent, detail: string): void {
    this.anomaly(kind, event.at, detail, event);
  }

  private anomaly(kind: AnomalyKind, at: number, detail: string, event?: CallEvent): void {
    this.anomalyLog.record(kind, at, detail, event);
  }
}
