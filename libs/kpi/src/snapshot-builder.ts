import { AGENT_STATES, type AgentBoard, type AgentRecord } from './agent-board';
import type { ResolvedKpiConfig } from './kpi-config';
import type { KpiCoverage } from './queue-call-record';
import { pbxSecondsBetween } from './counting-rules';
import { KpiCounters } from './kpi-counters';
import { ahtSeconds, ratio, satisfactionRate } from './kpi-rates';
import type {
  AgentCounts,
  AgentView,
  InFlightCallView,
  IntervalPoint,
  KpiSnapshot,
  PeriodFigures,
  PeriodFiguresSet,
  PeriodKey,
  TalkingCallView,
  WaitingCallView,
  LongestWait,
} from './kpi-snapshot';
import {
  agentScope,
  CENTRE_SCOPE,
  lineScope,
  queueScope,
  type BucketKind,
  type PeriodBuckets,
} from './period-buckets';
import { intervalPoint, periodFigures } from './period-figures';
import type { RollingWindow } from './rolling-window';
import type { SnapshotFilter } from './snapshot-filter';
import { longTalkAfter } from './time-in-state-limits';
import type { TrackedCall } from './tracked-call';
import {
  FIFTEEN_MINUTES_MS,
  MINUTE_MS,
  type TimeSpan,
  type ZonedCalendar,
} from '@hotline/calendar';

/** What the snapshot is read from (the engine's state, read-only). */
export interface SnapshotSource {
  readonly config: ResolvedKpiConfig;
  readonly calendar: ZonedCalendar;
  readonly buckets: PeriodBuckets;
  readonly rolling: RollingWindow;
  readonly agentBoard: AgentBoard;
  readonly inFlight: ReadonlyMap<string, TrackedCall>;
}

interface PeriodSource {
  readonly key: PeriodKey;
  readonly span: TimeSpan;
  readonly counters: (scope: string) => KpiCounters | undefined;
  readonly scopes: () => Iterable<string>;
}

export function buildSnapshot(
  source: SnapshotSource,
  now: number,
  filter: SnapshotFilter | undefined,
  coverage: KpiCoverage,
): KpiSnapshot {
  const { calendar, buckets } = source;
  const today = calendar.dayOf(now);
  const shifts = calendar.shiftsAt(now);
  const bucketPeriod = (key: PeriodKey, kind: BucketKind, span: TimeSpan): PeriodSource => ({
    key,
    span,
    counters: (scope) => buckets.get(kind, span.from, scope),
    scopes: () => buckets.scopesOf(kind, span.from) ?? [],
  });
  const rollingPeriod = (key: PeriodKey, minutes: number): PeriodSource => {
    const span = { from: now - minutes * MINUTE_MS, to: now };
    const sums = source.rolling.sum(span.from, span.to);
    return { key, span, counters: (scope) => sums.get(scope), scopes: () => sums.keys() };
  };
  const periods: PeriodSource[] = [
    rollingPeriod('last15m', 15),
    rollingPeriod('last60m', 60),
    bucketPeriod('today', 'day', today),
    ...shifts.map((s) => bucketPeriod(`shift:${s.name}`, `shift:${s.name}`, s)),
    bucketPeriod('week', 'week', calendar.weekOf(now)),
    bucketPeriod('month', 'month', calendar.monthOf(now)),
  ];

  const queueFilter =
    filter?.queues && filter.queues.length > 0 ? new Set(filter.queues) : undefined;
  const lineFilter = filter?.lines && filter.lines.length > 0 ? new Set(filter.lines) : undefined;
  const scopeKeys = new Set<string>();
  for (const period of periods) for (const scope of period.scopes()) scopeKeys.add(scope);
  for (const call of source.inFlight.values()) {
    scopeKeys.add(`q:${call.queue}`);
    if (call.line !== undefined) scopeKeys.add(`l:${call.line}`);
  }
  for (const agent of source.agentBoard.all()) scopeKeys.add(agentScope(agent.agent));

  const agentsShown = [...source.agentBoard.all()].filter(
    (a) => !queueFilter || a.queues.length === 0 || a.queues.some((q) => queueFilter.has(q)),
  );
  const agentNames = new Set(agentsShown.map((a) => a.agent));
  const include = (scope: string): boolean => {
    if (scope.startsWith('q:')) return !queueFilter || queueFilter.has(scope.slice(2));
    if (scope.startsWith('l:')) return !lineFilter || lineFilter.has(scope.slice(2));
    if (scope.startsWith('a:')) return !queueFilter || agentNames.has(scope.slice(2));
    return true;
  };
  const figuresOf = (scope: string): PeriodFiguresSet => {
    const set: Record<string, PeriodFigures> = {};
    for (const period of periods)
      set[period.key] = periodFigures(period.span, period.counters(scope));
    return set as PeriodFiguresSet;
  };
  /** The filter's lines (the finer cut) or else its queues as one scope, per queue call. */
  const selectionOf = (scopes: readonly string[]): PeriodFiguresSet => {
    const set: Record<string, PeriodFigures> = {};
    for (const period of periods) {
      const sum = new KpiCounters();
      for (const scope of scopes) {
        const c = period.counters(scope);
        if (c) sum.merge(c);
      }
      set[period.key] = periodFigures(period.span, sum);
    }
    return set as PeriodFiguresSet;
  };
  const selectionScopes = lineFilter
    ? [...lineFilter].map(lineScope)
    : queueFilter
      ? [...queueFilter].map(queueScope)
      : undefined;
  const queues: Record<string, PeriodFiguresSet> = {};
  const lines: Record<string, PeriodFiguresSet> = {};
  const agentFigures: Record<string, PeriodFiguresSet> = {};
  for (const scope of [...scopeKeys].sort()) {
    if (!include(scope)) continue;
    const name = scope.slice(2);
    if (scope.startsWith('q:')) queues[name] = figuresOf(scope);
    else if (scope.startsWith('l:')) lines[name] = figuresOf(scope);
    else if (scope.startsWith('a:')) agentFigures[name] = figuresOf(scope);
  }

  const liveCall = (call: TrackedCall): boolean =>
    (!queueFilter || queueFilter.has(call.queue)) &&
    (!lineFilter || (call.line !== undefined && lineFilter.has(call.line)));
  const waiting: WaitingCallView[] = [];
  const talking: TalkingCallView[] = [];
  for (const call of source.inFlight.values()) {
    if (!liveCall(call)) continue;
    if (call.status === 'waiting') {
      waiting.push({
        ...inFlightView(call),
        callerNumber: call.callerNumber ?? null,
        waitSeconds: pbxSecondsBetween(call.joinedAt, now),
      });
    } else if (call.status === 'talking' && call.answeredAt !== undefined) {
      talking.push({
        ...inFlightView(call),
        agent: call.agent ?? null,
        answeredAt: call.answeredAt,
        waitSeconds: call.waitSeconds ?? 0,
        talkSeconds: Math.max(0, Math.floor((now - call.answeredAt) / 1000)),
        overFiveMinutes: now > longTalkAfter(call.answeredAt, source.config.longTalkSeconds),
        estimated: call.estimated,
      });
    }
  }
  waiting.sort((a, b) => a.joinedAt - b.joinedAt);
  talking.sort((a, b) => a.answeredAt - b.answeredAt);

  const todayBucket = (scope: string): KpiCounters | undefined =>
    buckets.get('day', today.from, scope);
  const agents = agentsShown.map((a) =>
    agentView(source.agentBoard, a, now, todayBucket(agentScope(a.agent))),
  );
  agents.sort((a, b) => a.agent.localeCompare(b.agent));
  const counts: Record<string, number> = Object.fromEntries(AGENT_STATES.map((s) => [s, 0]));
  for (const a of agents) counts[a.state] = (counts[a.state] ?? 0) + 1;
  const agentCounts = {
    ...counts,
    onDuty: agents.filter((a) => a.state !== 'logged-out').length,
  } as AgentCounts;

  const series = (scope: string, withAgents: boolean): IntervalPoint[] => {
    const points: IntervalPoint[] = [];
    for (let from = today.from; from <= now && from < today.to; from += FIFTEEN_MINUTES_MS) {
      const span = { from, to: from + FIFTEEN_MINUTES_MS };
      const onDuty = withAgents ? source.agentBoard.onDutyMaxAt(from) : null;
      points.push(intervalPoint(span, buckets.get('interval', from, scope), onDuty));
    }
    return points;
  };
  const queueSeries: Record<string, IntervalPoint[]> = {};
  for (const name of Object.keys(queues)) queueSeries[name] = series(`q:${name}`, false);
  const lineSeries: Record<string, IntervalPoint[]> = {};
  if (lineFilter)
    for (const name of Object.keys(lines)) lineSeries[name] = series(`l:${name}`, false);

  return {
    at: now,
    timeZone: source.config.timeZone,
    targets: source.config.targets,
    activeShifts: shifts.map((s) => ({ name: s.name, from: s.from, to: s.to })),
    coverage,
    periods: {
      centre: figuresOf(CENTRE_SCOPE),
      queues,
      lines,
      agents: agentFigures,
      ...(selectionScopes ? { selection: selectionOf(selectionScopes) } : {}),
    },
    live: {
      waiting,
      longestCurrentWaitSeconds: waiting.reduce((max, w) => Math.max(max, w.waitSeconds), 0),
      longestWaitByQueue: longestWaitBy(waiting, (w) => w.queue),
      longestWaitByLine: longestWaitBy(waiting, (w) => w.line),
      talking,
      talkingOverFiveMinutes: talking.filter((t) => t.overFiveMinutes).length,
    },
    agents,
    agentCounts,
    intervals: { centre: series(CENTRE_SCOPE, true), queues: queueSeries, lines: lineSeries },
  };
}

/** The first caller of each scope among callers in join order: its longest wait. */
function longestWaitBy(
  waitingInJoinOrder: readonly WaitingCallView[],
  scopeOf: (w: WaitingCallView) => string | null,
): Record<string, LongestWait> {
  const longest: Record<string, LongestWait> = {};
  for (const w of waitingInJoinOrder) {
    const scope = scopeOf(w);
    if (scope === null || Object.prototype.hasOwnProperty.call(longest, scope)) continue;
    longest[scope] = { joinedAt: w.joinedAt, waitSeconds: w.waitSeconds, callId: w.callId };
  }
  return longest;
}

function inFlightView(call: TrackedCall): InFlightCallView {
  return {
    callId: call.callId,
    contactId: call.contactId,
    queue: call.queue,
    line: call.line ?? null,
    joinedAt: call.joinedAt,
    joinedBeforeMonitoring: call.joinedBeforeMonitoring,
  };
}

function agentView(
  board: AgentBoard,
  a: AgentRecord,
  now: number,
  today: KpiCounters | undefined,
): AgentView {
  const seconds = board.stateSecondsToday(a, now);
  const busy = seconds.ringing + seconds['on-call'] + seconds['wrap-up'];
  const ringNoAnswerToday = a.dayFrom === board.dayFromOf(now) ? a.ringNoAnswerToday : 0;
  return {
    agent: a.agent,
    state: a.state,
    since: a.since,
    secondsInState: Math.max(0, (now - a.since) / 1000),
    pauseReason: a.pauseReason ?? null,
    queues: [...a.queues],
    callId: a.callId ?? null,
    stateSecondsToday: seconds,
    occupancyToday: ratio(busy, busy + seconds.available),
    answeredToday: today?.answered ?? 0,
    ahtSecondsToday: today ? ahtSeconds(today) : null,
    overFiveMinutesToday: today?.overFiveMinutes ?? 0,
    ringNoAnswerToday,
    ratingsToday: {
      count: today?.ratings ?? 0,
      satisfied: today?.satisfied ?? 0,
      rate: today ? satisfactionRate(today) : null,
    },
  };
}
