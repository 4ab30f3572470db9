import { maskCallerNumber } from '@hotline/access';
import type { AgentState } from '@hotline/call-events';
import {
  answeredIn10sRate,
  answerRate,
  chosenShift,
  emptyFigures,
  pauseActivity,
  overFiveMinuteRate,
  timeInStateLimit,
  type AgentView,
  type KpiSnapshot,
  type PeriodFigures,
  type PeriodKey,
  type TimeInStateLimit,
  type TimeInStateLimits,
} from '@hotline/kpi';
import { rateSample, type AlarmLists } from '@hotline/alarms';
import {
  compareAgentIds,
  SeatBook,
  seatPlan,
  type Person,
  type SeatPlan,
  type SeatsConfig,
} from '@hotline/seats';
import type { Subscription } from './push-session';
import type { PushSections, StaffingSection } from './push-server-messages';

type Sections = PushSections;
type KpiSection = NonNullable<Sections['kpis']>;

export interface ProjectorOptions {
  /** Config `seats`: a count, or the desks laid out with who sits where. */
  readonly seats: SeatsConfig;
  /** Line code → display name (config `lines`). */
  readonly lineNames: Readonly<Record<string, string>>;
  /** How many queue/line rows the wallboard strip gets (the busiest first). */
  readonly maxScopeRows?: number;
  /** What the boards flag (long talks and long pauses), and what each pause reason means. */
  readonly timeLimits: TimeInStateLimits;
}

const STATE_ORDER: Readonly<Record<AgentState, number>> = {
  'on-call': 0,
  ringing: 1,
  'wrap-up': 2,
  available: 3,
  paused: 4,
  'logged-out': 5,
};

/**
 * Cuts the engine's KPI snapshot down to what one subscription shows: its views, its queue or
 * line filter and its period. Numbers are copied, never recomputed: the figures of a filter
 * come from the engine's snapshot for that filter (`periods.selection`).
 */
export class SnapshotProjector {
  private readonly plan: SeatPlan;
  /**
   * Per site, who sits where, kept across pushes so that cells do not move as agents log in and
   * out. One book per site: a serve shows several sites' floors, and one site's agents must not
   * take or reorder another's cells.
   */
  private readonly seatBooks = new Map<string, SeatBook>();
  private readonly answerTimes = new WeakMap<KpiSnapshot, ReadonlyMap<string, number>>();

  constructor(private readonly options: ProjectorOptions) {
    this.plan = seatPlan(options.seats);
  }

  get timeLimits(): TimeInStateLimits {
    return this.options.timeLimits;
  }

  /** `staffing`: the advisor's figure of this pass (centre-wide); absent if it could not be had. */
  project(
    snapshot: KpiSnapshot,
    sub: Subscription,
    alarms: AlarmLists,
    staffing?: StaffingSection,
  ): Sections {
    const views = new Set(sub.views);
    const sections: Sections = {};
    const board = views.has('wallboard');
    const leader = views.has('agents');
    if (board || leader) {
      sections.coverage = { from: snapshot.coverage.from, complete: snapshot.coverage.complete };
      sections.kpis = this.kpis(snapshot, sub);
      sections.live = this.live(snapshot, sub);
      sections.agentCounts = this.agentCounts(this.agentsOf(snapshot, sub));
      if (staffing) sections.staffing = staffing;
    }
    if (board) {
      sections.scopes = this.scopes(snapshot, sub);
      sections.seats = this.seats(sub.site, this.agentsOf(snapshot, sub), snapshot);
    }
    if (leader) {
      sections.agents = this.agentRows(this.agentsOf(snapshot, sub), snapshot);
      sections.waiting = this.waiting(snapshot, sub);
      sections.trend = this.trend(snapshot, sub);
    }
    if (views.has('alarms')) {
      sections.alarms = { active: [...alarms.active], recent: alarms.recent.slice(0, 50) };
    }
    return sections;
  }

  /** 'shift': the chosen running shift, else the one that started last (shifts overlap). */
  periodKey(snapshot: KpiSnapshot, sub: Pick<Subscription, 'period' | 'shift'>): PeriodKey {
    if (sub.period !== 'shift') return sub.period;
    const current = chosenShift(snapshot.activeShifts, sub.shift);
    return current ? `shift:${current.name}` : 'today';
  }

  private kpis(snapshot: KpiSnapshot, sub: Subscription): KpiSection {
    const key = this.periodKey(snapshot, sub);
    const figures = this.figures(snapshot, sub, key);
    const today = this.figures(snapshot, sub, 'today');
    return {
      period: key,
      from: figures.from,
      to: figures.to,
      offered: figures.offered,
      answered: figures.answered,
      answerRate: figures.answerRate,
      answeredWithin10s: figures.answeredWithin10s,
      answeredIn10sRate: figures.answeredIn10sRate,
      serviceLevel: figures.serviceLevel,
      overFiveMinutes: figures.overFiveMinutes,
      overFiveMinuteRate: figures.overFiveMinuteRate,
      unanswered: figures.unanswered,
      abandoned: figures.abandoned,
      shortAbandons: figures.shortAbandons,
      exited: figures.exited,
      blocked: figures.blocked,
      unknown: figures.unknown,
      inProgress: figures.inProgress,
      abandonRate: figures.abandonRate,
      asaSeconds: figures.asaSeconds,
      ahtSeconds: figures.ahtSeconds,
      longestWaitSeconds: figures.longestWaitSeconds,
      satisfaction: { ...figures.ratings },
      satisfactionToday: { ...today.ratings },
      shifts: snapshot.activeShifts.map(({ name, from, to }) => ({ name, from, to })),
      samples: {
        answerRate: rateSample('answerRate', figures),
        answeredIn10sRate: rateSample('answeredIn10sRate', figures),
        overFiveMinuteRate: rateSample('overFiveMinuteRate', figures),
        satisfactionRate: rateSample('satisfactionRate', today),
      },
    };
  }

  /**
   * A filtered subscription reads the engine's figures of its filter (lines are the finer cut,
   * so a line filter wins over a queue filter); none → the centre.
   */
  private figures(snapshot: KpiSnapshot, sub: Subscription, key: PeriodKey): PeriodFigures {
    const { periods } = snapshot;
    const set = sub.lines.length > 0 || sub.queues.length > 0 ? periods.selection : periods.centre;
    return set?.[key] ?? set?.today ?? emptyFigures({ from: snapshot.at, to: snapshot.at });
  }

  private waitingOf(snapshot: KpiSnapshot, sub: Subscription) {
    return snapshot.live.waiting.filter(
      (w) =>
        (sub.queues.length === 0 || sub.queues.includes(w.queue)) &&
        (sub.lines.length === 0 || (w.line !== null && sub.lines.includes(w.line))),
    );
  }

  private live(snapshot: KpiSnapshot, sub: Subscription): NonNullable<Sections['live']> {
    const waiting = this.waitingOf(snapshot, sub);
    const talking = snapshot.live.talking.filter(
      (t) =>
        (sub.queues.length === 0 || sub.queues.includes(t.queue)) &&
        (sub.lines.length === 0 || (t.line !== null && sub.lines.includes(t.line))),
    );
    const longest = waiting.reduce<(typeof waiting)[number] | undefined>(
      (max, w) => (max === undefined || w.joinedAt < max.joinedAt ? w : max),
      undefined,
    );
    return {
      waiting: waiting.length,
      longestCurrentWaitSeconds: longest?.waitSeconds ?? 0,
      longestWaitingSince: longest?.joinedAt ?? null,
      talking: talking.length,
      talkingOverFiveMinutes: talking.filter((t) => t.overFiveMinutes).length,
    };
  }

  private agentsOf(snapshot: KpiSnapshot, sub: Subscription): readonly AgentView[] {
    if (sub.queues.length === 0) return snapshot.agents;
    return snapshot.agents.filter((a) => a.queues.some((q) => sub.queues.includes(q)));
  }

  private agentCounts(agents: readonly AgentView[]): NonNullable<Sections['agentCounts']> {
    const by = (state: AgentState) => agents.filter((a) => a.state === state).length;
    const loggedOut = by('logged-out');
    return {
      available: by('available'),
      ringing: by('ringing'),
      onCall: by('on-call'),
      wrapUp: by('wrap-up'),
      paused: by('paused'),
      loggedOut,
      onDuty: agents.length - loggedOut,
    };
  }

  private scopes(snapshot: KpiSnapshot, sub: Subscription): NonNullable<Sections['scopes']> {
    const key = this.periodKey(snapshot, sub);
    const waiting = this.waitingOf(snapshot, sub);
    const { longestWaitByQueue, longestWaitByLine } = snapshot.live;
    const rows: NonNullable<Sections['scopes']> = [];
    const add = (
      kind: 'queue' | 'line',
      id: string,
      name: string,
      figures: PeriodFigures | undefined,
    ) => {
      const mine = waiting.filter((w) => (kind === 'queue' ? w.queue === id : w.line === id));
      if (!figures && mine.length === 0) return;
      const longest =
        mine.length > 0
          ? (kind === 'queue' ? longestWaitByQueue : longestWaitByLine)[id]
          : undefined;
      rows.push({
        kind,
        id,
        name,
        offered: figures?.offered ?? 0,
        answered: figures?.answered ?? 0,
        answerRate: figures?.answerRate ?? null,
        answeredIn10sRate: figures?.answeredIn10sRate ?? null,
        abandoned: figures?.abandoned ?? 0,
        waiting: mine.length,
        longestCurrentWaitSeconds: longest?.waitSeconds ?? 0,
        longestWaitingSince: longest?.joinedAt ?? null,
        answerRateSample: figures ? rateSample('answerRate', figures) : 0,
      });
    };
    for (const [queue, set] of Object.entries(snapshot.periods.queues))
      add('queue', queue, queue, set[key]);
    for (const [line, set] of Object.entries(snapshot.periods.lines)) {
      add('line', line, this.options.lineNames[line] ?? line, set[key]);
    }
    const limit = this.options.maxScopeRows ?? 12;
    const queues = rows.filter((r) => r.kind === 'queue');
    const lines = rows
      .filter((r) => r.kind === 'line' && (r.offered > 0 || r.waiting > 0))
      .sort((a, b) => b.waiting - a.waiting || b.offered - a.offered || a.id.localeCompare(b.id))
      .slice(0, Math.max(0, limit - queues.length));
    return [...queues.sort((a, b) => a.id.localeCompare(b.id)), ...lines];
  }

  /**
   * Every cell of the floor (config `seats`) with the agent on duty sitting there: agents keep
   * their cell as others log in and out (SeatBook), whatever the subscription shows. An agent
   * outside this subscription's queues leaves their cell shown empty.
   */
  private seats(
    site: string,
    shown: readonly AgentView[],
    snapshot: KpiSnapshot,
  ): NonNullable<Sections['seats']> {
    const timeLimit = this.timeLimitOf(snapshot);
    const onDuty = snapshot.agents.filter((a) => a.state !== 'logged-out').map((a) => a.agent);
    const byAgent = new Map(shown.map((a) => [a.agent, a]));
    // Literals field by field, no spreads: a spread after the first makes V8 build each of the
    // hundreds of cells property by property (the seat map was ~11 % of a serve's CPU with them).
    return this.seatBookOf(site)
      .seat(onDuty)
      .map(({ cell, agent: sitting }) => {
        const agent = sitting === null ? undefined : byAgent.get(sitting);
        if (!agent) {
          const owner = this.person(cell.owner);
          return {
            seat: cell.seat,
            row: cell.row,
            col: cell.col,
            owner: cell.owner,
            agent: null,
            name: owner.name,
            staffNo: owner.staffNo,
            state: 'logged-out' as const,
            since: null,
            pauseReason: null,
            pauseKind: null,
            timeLimit: null,
          };
        }
        const person = this.person(agent.agent);
        return {
          seat: cell.seat,
          row: cell.row,
          col: cell.col,
          owner: cell.owner,
          agent: agent.agent,
          name: person.name,
          staffNo: person.staffNo,
          state: agent.state,
          since: agent.since,
          pauseReason: agent.pauseReason,
          pauseKind: this.pauseKind(agent),
          timeLimit: timeLimit(agent),
        };
      });
  }

  private seatBookOf(site: string): SeatBook {
    let book = this.seatBooks.get(site);
    if (!book) {
      book = new SeatBook(this.plan);
      this.seatBooks.set(site, book);
    }
    return book;
  }

  private person(agent: string | null): Person {
    return (
      (agent === null ? undefined : this.plan.people.get(agent)) ?? { name: null, staffNo: null }
    );
  }

  private pauseKind(agent: AgentView) {
    if (agent.state !== 'paused' || agent.pauseReason === null) return null;
    return pauseActivity(agent.pauseReason, this.options.timeLimits.work) ?? null;
  }

  /** Each agent's time-in-state limit; a talk counts from its call's answer (the KPI's talk). */
  private timeLimitOf(snapshot: KpiSnapshot): (agent: AgentView) => TimeInStateLimit | null {
    const answeredAt = this.answerTimesOf(snapshot);
    return (agent) =>
      timeInStateLimit(
        {
          state: agent.state,
          since: agent.since,
          pauseReason: agent.pauseReason,
          answeredAt: agent.callId === null ? null : answeredAt.get(agent.callId),
        },
        this.options.timeLimits,
      );
  }

  /** Answer time per talking call, once per snapshot (every session of a pass shares it). */
  private answerTimesOf(snapshot: KpiSnapshot): ReadonlyMap<string, number> {
    let times = this.answerTimes.get(snapshot);
    if (!times) {
      times = new Map(snapshot.live.talking.map((t) => [t.callId, t.answeredAt]));
      this.answerTimes.set(snapshot, times);
    }
    return times;
  }

  private agentRows(
    agents: readonly AgentView[],
    snapshot: KpiSnapshot,
  ): NonNullable<Sections['agents']> {
    const timeLimit = this.timeLimitOf(snapshot);
    return [...agents]
      .sort(
        (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareAgentIds(a.agent, b.agent),
      )
      .map((a) => {
        const person = this.person(a.agent);
        return {
          agent: a.agent,
          name: person.name,
          staffNo: person.staffNo,
          state: a.state,
          since: a.since,
          pauseReason: a.pauseReason,
          pauseKind: this.pauseKind(a),
          queues: [...a.queues],
          answeredToday: a.answeredToday,
          ahtSecondsToday: a.ahtSecondsToday,
          overFiveMinutesToday: a.overFiveMinutesToday,
          satisfactionToday: { ...a.ratingsToday },
          occupancyToday: a.occupancyToday,
          timeLimit: timeLimit(a),
        };
      });
  }

  private waiting(snapshot: KpiSnapshot, sub: Subscription): NonNullable<Sections['waiting']> {
    return this.waitingOf(snapshot, sub)
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map((w) => ({
        callId: w.callId,
        queue: w.queue,
        line: w.line,
        lineName: w.line === null ? null : (this.options.lineNames[w.line] ?? w.line),
        caller: maskCallerNumber(w.callerNumber, sub.callers),
        joinedAt: w.joinedAt,
        waitSeconds: w.waitSeconds,
      }));
  }

  private trend(snapshot: KpiSnapshot, sub: Subscription): NonNullable<Sections['trend']> {
    const { intervals } = snapshot;
    let series: ReadonlyArray<(typeof intervals.centre)[number]> = intervals.centre;
    if (sub.lines.length === 1) series = intervals.lines[sub.lines[0]] ?? [];
    else if (sub.queues.length === 1 && sub.lines.length === 0)
      series = intervals.queues[sub.queues[0]] ?? [];
    return series.map((p) => ({
      from: p.from,
      offered: p.offered,
      answered: p.answered,
      answerRate: answerRate(p),
      answeredIn10sRate: answeredIn10sRate(p),
      overFiveMinuteRate: overFiveMinuteRate(p),
      abandoned: p.abandoned,
      unknown: p.unknown,
      agentsOnDutyMax: p.agentsOnDutyMax,
    }));
  }
}
