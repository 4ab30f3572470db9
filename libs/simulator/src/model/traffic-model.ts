import {
  DAY_MS,
  HOUR_MS,
  MINUTES_PER_DAY,
  MINUTE_MS,
  clockTimeMinutes,
  startOfDay,
} from '@hotline/calendar';
import { drawSeconds, exponential, weightedIndex } from './distributions';
import { EventHeap } from './event-heap';
import type { ModelEvent, SimAgent, SimContact, SimVisit } from './model-event';
import { Prng } from './prng';
import type { QueueConfig, RosterPersonConfig, ScenarioConfig } from './scenario-config';
import { SCENARIO_TIME_ZONE, scenarioZone } from './scenario-time-zone';

export interface TrafficModelOptions {
  readonly seed: number;
  /** Simulated start, epoch ms. */
  readonly startAt: number;
  /** No new callers arrive from this instant on; calls in progress finish. */
  readonly endAt: number;
}

type Action =
  | { kind: 'arrival' }
  | { kind: 'join'; contact: SimContact; queue: string; viaTransfer: boolean }
  | { kind: 'patience'; contact: SimContact; generation: number }
  | { kind: 'timeout'; visit: SimVisit }
  | { kind: 'keyExit'; visit: SimVisit }
  | { kind: 'leaveEmpty'; visit: SimVisit }
  | { kind: 'ringEnd'; visit: SimVisit; agent: SimAgent; answered: boolean; ringStart: number }
  | { kind: 'talkEnd'; visit: SimVisit; agent: SimAgent }
  | { kind: 'survey'; visit: SimVisit; agent: SimAgent; score: number }
  | { kind: 'wrapEnd'; agent: SimAgent }
  | { kind: 'afterCallPauseEnd'; agent: SimAgent }
  | { kind: 'dayPlan'; midnight: number }
  | { kind: 'shiftStart'; agent: SimAgent; endAt: number; breaks: readonly PlannedBreak[] }
  | { kind: 'breakStart'; agent: SimAgent; planned: PlannedBreak }
  | { kind: 'breakEnd'; agent: SimAgent }
  | { kind: 'shiftEnd'; agent: SimAgent }
  | { kind: 'pauseStart'; agent: SimAgent; pause: number }
  | { kind: 'pauseEnd'; agent: SimAgent; pause: number };

/** A break of a planned rota: taken at `at` (or when the call in progress ends), `ms` long. */
interface PlannedBreak {
  readonly at: number;
  readonly reason: string;
  readonly ms: number;
}

interface AgentRuntime {
  readonly agent: SimAgent;
  readonly shiftIndex: number;
  readonly poolIndex: number;
  /** A planned rota's week for this person (scenario.roster), instead of a shift pool. */
  readonly week?: RosterPersonConfig['week'];
  idleSince: number;
  pendingPause?: number;
  pendingBreak?: PlannedBreak;
  pendingLogout: boolean;
  shiftEndAt: number;
  /** When the after-call pause (scenario afterCallWork pause-code) under way ends. */
  afterCallPauseEndsAt?: number;
}

interface VisitRuntime {
  readonly visit: SimVisit;
  state: 'waiting' | 'ringing' | 'talking' | 'done';
  ringing?: AgentRuntime;
  ringStart?: number;
  /** Agents that did not answer this caller, and until when they are skipped (app_queue retry). */
  readonly declined: Map<SimAgent, number>;
}

/** Whole seconds between two instants as Asterisk computes them: time(NULL) differences. */
export function wholeSecondsBetween(fromMs: number, toMs: number): number {
  return Math.floor(toMs / 1000) - Math.floor(fromMs / 1000);
}

/** Share of AgentComplete events without the caller / agent channel block (run2 capture). */
const OMIT_CALLER_BLOCK = 0.09;
const OMIT_AGENT_BLOCK = 0.15;
/** A member that did not answer is not offered the same caller again for this long. */
const RETRY_MS = 5000;

/**
 * Discrete-event model of the centre: arrivals, queues, the agent rota, pauses, rings,
 * talks, transfers and exits. It owns the simulated clock; `advanceTo` processes every
 * scheduled action up to an instant and emits what the PBX would report, in order.
 */
export class TrafficModel {
  private readonly heap = new EventHeap<Action>();
  private readonly rng: Prng;
  private readonly arrivalRng: Prng;
  private readonly rotaRng: Prng;
  private readonly callerRng: Prng;
  private readonly agents: AgentRuntime[] = [];
  private readonly queues = new Map<string, QueueConfig>();
  private readonly waiting = new Map<string, VisitRuntime[]>();
  private readonly visits = new Map<SimVisit, VisitRuntime>();
  private readonly patienceGeneration = new Map<SimContact, number>();
  private readonly activeContacts = new Set<SimContact>();
  private readonly talking = new Set<VisitRuntime>();
  private readonly shiftWindows: { start: number; length: number }[];
  private readonly hourWeights: number[];
  private readonly weekdayWeights: number[];
  private channelSeq = 0;
  private uniqueSeq = 0;
  private clock: number;
  private contactsArrived = 0;

  constructor(
    private readonly scenario: ScenarioConfig,
    private readonly options: TrafficModelOptions,
    private readonly emit: (event: ModelEvent) => void,
  ) {
    const root = new Prng(options.seed);
    this.arrivalRng = root.fork(1);
    this.rotaRng = root.fork(2);
    this.rng = root.fork(3);
    this.callerRng = root.fork(4);
    this.clock = options.startAt;
    for (const q of scenario.queues) {
      this.queues.set(q.name, q);
      this.waiting.set(q.name, []);
    }
    const hourSum = scenario.hourProfile.reduce((s, w) => s + w, 0);
    this.hourWeights = scenario.hourProfile.map((w) => (hourSum > 0 ? (w / hourSum) * 24 : 0));
    const daySum = scenario.weekdayProfile.reduce((s, w) => s + w, 0);
    this.weekdayWeights = scenario.weekdayProfile.map((w) => (daySum > 0 ? (w / daySum) * 7 : 0));
    this.shiftWindows = scenario.shifts.map((s) => {
      const start = clockOf(s.start);
      let end = clockOf(s.end, true);
      if (end <= start) end += MINUTES_PER_DAY;
      return { start: start * MINUTE_MS, length: (end - start) * MINUTE_MS };
    });
    this.createAgents();
    // Plan yesterday too, so night-shift agents are already on duty at the start; every later
    // day is planned at its own midnight (dayPlan).
    const firstMidnight = startOfDay(options.startAt, SCENARIO_TIME_ZONE);
    this.planDay(firstMidnight - DAY_MS);
    this.planDay(firstMidnight);
    this.heap.push(firstMidnight + DAY_MS, { kind: 'dayPlan', midnight: firstMidnight + DAY_MS });
    this.scheduleNextArrival(options.startAt);
  }

  get now(): number {
    return this.clock;
  }

  get arrivals(): number {
    return this.contactsArrived;
  }

  /** True once arrivals have stopped and every contact has left. */
  get finished(): boolean {
    return this.clock >= this.options.endAt && this.activeContacts.size === 0;
  }

  /** Processes every action scheduled at or before `instant`. */
  advanceTo(instant: number): void {
    for (;;) {
      const next = this.heap.peekTime();
      if (next === undefined || next > instant) break;
      const item = this.heap.pop()!;
      this.clock = Math.max(this.clock, item.at);
      this.handle(item.value);
    }
    // The model clock stays on whole milliseconds (see EventHeap.push).
    this.clock = Math.max(this.clock, Math.floor(instant));
  }

  /** Runs until the model is finished (no TCP, as fast as possible). */
  runToEnd(): void {
    while (!this.finished) {
      const next = this.heap.peekTime();
      if (next === undefined) break;
      this.advanceTo(Math.max(next, this.clock));
      if (this.clock < this.options.endAt && this.heap.peekTime() === undefined) break;
    }
  }

  /** Agents and their current state (for QueueStatus). */
  agentStates(): readonly SimAgent[] {
    return this.agents.map((a) => a.agent);
  }

  /** Callers waiting now, per queue in position order. */
  waitingVisits(): ReadonlyMap<string, readonly SimVisit[]> {
    const view = new Map<string, SimVisit[]>();
    for (const [queue, list] of this.waiting)
      view.set(
        queue,
        list.map((r) => r.visit),
      );
    return view;
  }

  /** Visits whose conversation is going on now. */
  talkingVisits(): readonly SimVisit[] {
    return [...this.talking].map((r) => r.visit);
  }

  queueConfigs(): readonly QueueConfig[] {
    return this.scenario.queues;
  }

  // ---------------------------------------------------------------- setup

  private createAgents(): void {
    const skills = Object.entries(this.scenario.skills);
    let index = 0;
    if (this.scenario.roster) {
      for (const person of this.scenario.roster) {
        this.agents.push({
          agent: this.newAgent(index++, person.name, skills),
          shiftIndex: -1,
          poolIndex: index,
          week: person.week,
          idleSince: 0,
          pendingLogout: false,
          shiftEndAt: 0,
        });
      }
      return;
    }
    this.scenario.shifts.forEach((shift, shiftIndex) => {
      for (let poolIndex = 0; poolIndex < shift.agents; poolIndex++) {
        const agent = this.newAgent(index, shift.name, skills);
        this.agents.push({
          agent,
          shiftIndex,
          poolIndex,
          idleSince: 0,
          pendingLogout: false,
          shiftEndAt: 0,
        });
        index++;
      }
    });
  }

  private newAgent(index: number, shift: string, skills: [string, number][]): SimAgent {
    const agentSkills = new Set(
      skills.filter(([, share]) => this.rotaRng.chance(share)).map(([s]) => s),
    );
    const queues = this.scenario.queues
      .filter((q) => q.members === 'all' || agentSkills.has(q.members))
      .map((q) => q.name);
    const number = this.scenario.agentNumberBase + index;
    return {
      index,
      name: `agent${number}`,
      iface: `Local/agent${number}@agents/n`,
      queues,
      shift,
      loginTime: 0,
      lastCall: 0,
      lastPause: 0,
      callsTaken: 0,
      wrapUpSeconds:
        this.scenario.afterCallWork.kind === 'wrapuptime' ? this.scenario.afterCallWork.seconds : 0,
      status: 'loggedOut',
      pauseReason: '',
    };
  }

  private planDay(midnight: number): void {
    const dayNumber = Math.round(midnight / DAY_MS);
    for (const runtime of this.agents) {
      if (runtime.week) {
        this.planRosterDay(runtime, midnight);
        continue;
      }
      // Each agent works 5 days in 7, days off staggered across the pool.
      const off = (dayNumber + runtime.poolIndex) % 7;
      if (off === 5 || off === 6) continue;
      const window = this.shiftWindows[runtime.shiftIndex];
      const jitter = (this.rotaRng.next() - 0.5) * 4 * 60_000;
      const start = midnight + window.start + jitter;
      const end =
        midnight + window.start + window.length + (this.rotaRng.next() - 0.5) * 4 * 60_000;
      if (end <= this.options.startAt) continue;
      this.heap.push(Math.max(start, this.options.startAt), {
        kind: 'shiftStart',
        agent: runtime.agent,
        endAt: end,
        breaks: [],
      });
    }
  }

  /** A planned rota's shift of the day: login and logout ±2 min like the pools, breaks on time. */
  private planRosterDay(runtime: AgentRuntime, midnight: number): void {
    const shift = runtime.week?.[scenarioZone.local(midnight).isoWeekday - 1];
    if (!shift) return;
    const planned = midnight + clockOf(shift.start) * MINUTE_MS;
    const start = planned + (this.rotaRng.next() - 0.5) * 4 * 60_000;
    const end = planned + shift.minutes * 60_000 + (this.rotaRng.next() - 0.5) * 4 * 60_000;
    if (end <= this.options.startAt) return;
    this.heap.push(Math.max(start, this.options.startAt), {
      kind: 'shiftStart',
      agent: runtime.agent,
      endAt: end,
      breaks: shift.breaks.map((b) => ({
        at: planned + b.after * 60_000,
        reason: b.reason,
        ms: b.minutes * 60_000,
      })),
    });
  }

  // ---------------------------------------------------------------- arrivals

  private arrivalRatePerMs(at: number): number {
    const perDay = this.scenario.callsPerDay;
    const local = scenarioZone.local(at);
    const hour = local.hour;
    const day = local.isoWeekday - 1;
    return (perDay / DAY_MS) * this.hourWeights[hour] * this.weekdayWeights[day];
  }

  private scheduleNextArrival(from: number): void {
    let t = from;
    // Piecewise-constant rate per Shanghai hour; the exponential is memoryless, so
    // redrawing at each boundary is exact. Asia/Shanghai is a whole number of hours from UTC:
    // its hours start on UTC hours.
    for (let guard = 0; guard < 24 * 400; guard++) {
      if (t >= this.options.endAt) return;
      const hourEnd = t - (t % HOUR_MS) + HOUR_MS;
      const rate = this.arrivalRatePerMs(t);
      if (rate > 0) {
        const gap = exponential(this.arrivalRng, 1 / rate);
        if (t + gap < hourEnd) {
          if (t + gap < this.options.endAt) this.heap.push(t + gap, { kind: 'arrival' });
          return;
        }
      }
      t = hourEnd;
    }
  }

  private newUniqueid(at: number): string {
    return `${Math.floor(at / 1000)}.${this.uniqueSeq++}`;
  }

  private newChannelSuffix(): string {
    return (this.channelSeq++).toString(16).padStart(8, '0');
  }

  private onArrival(): void {
    const at = this.clock;
    this.scheduleNextArrival(at);
    const rng = this.callerRng;
    const line =
      this.scenario.lines[
        weightedIndex(
          rng,
          this.scenario.lines.map((l) => l.weight),
        )
      ];
    const queue =
      this.scenario.queues[
        weightedIndex(
          rng,
          this.scenario.queues.map((q) => q.weight),
        )
      ];
    const linkedid = this.newUniqueid(at);
    const uniqueid = this.newUniqueid(at);
    const callerEnds = rng.chance(this.scenario.callerEndsProbability);
    const surveyed = !callerEnds && rng.chance(this.scenario.surveyProbability);
    const score = weightedIndex(rng, this.scenario.surveyWeights) + 1;
    const contact: SimContact = {
      linkedid,
      uniqueid,
      channelBase: `Local/s@callers-${this.newChannelSuffix()}`,
      callerNumber: `0${rng.int(600000000, 799999999)}`,
      line: line.value,
      arrivedAt: at,
      patienceAt: at + 500 + drawSeconds(rng, this.scenario.patience) * 1000,
      talkSeconds: Math.max(1, drawSeconds(rng, this.scenario.talk)),
      callerEnds,
      survey: surveyed ? score : undefined,
      transfer:
        this.scenario.transferTo !== undefined && rng.chance(this.scenario.transferProbability),
      visits: [],
    };
    this.contactsArrived++;
    this.activeContacts.add(contact);
    this.emit({ type: 'callerArrived', at, contact });
    // The dialplan answers, sets variables and reaches Queue() about half a second later.
    this.heap.push(at + 500, { kind: 'join', contact, queue: queue.name, viaTransfer: false });
  }

  // ---------------------------------------------------------------- queue

  private loggedInMembers(queue: string): AgentRuntime[] {
    return this.agents.filter(
      (a) => a.agent.status !== 'loggedOut' && a.agent.queues.includes(queue),
    );
  }

  private onJoin(contact: SimContact, queueName: string, viaTransfer: boolean): void {
    const at = this.clock;
    const queue = this.queues.get(queueName)!;
    const list = this.waiting.get(queueName)!;
    const visit: SimVisit = {
      contact,
      queue: queueName,
      index: contact.visits.length,
      joinedAt: at,
      originalPosition: list.length + 1,
    };
    contact.visits.push(visit);
    const unpaused = this.loggedInMembers(queueName).filter((a) => a.agent.status !== 'paused');
    const refusal =
      queue.maxLen > 0 && list.length >= queue.maxLen
        ? 'FULL'
        : !queue.joinEmpty && unpaused.length === 0
          ? 'JOINEMPTY'
          : undefined;
    if (refusal) {
      visit.outcome = 'blocked';
      visit.reason = refusal;
      visit.endedAt = at;
      this.emit({ type: 'callerRefused', at, visit, status: refusal });
      if (queue.onRefuseTo && contact.visits.length < 3) {
        this.heap.push(at + 20, {
          kind: 'join',
          contact,
          queue: queue.onRefuseTo,
          viaTransfer: false,
        });
      } else {
        this.hangUp(contact, at);
      }
      return;
    }
    const runtime: VisitRuntime = { visit, state: 'waiting', declined: new Map() };
    list.push(runtime);
    this.visits.set(visit, runtime);
    this.emit({
      type: 'callerJoined',
      at,
      visit,
      position: list.length,
      count: list.length,
      viaTransfer,
    });
    if (queue.maxWaitSeconds > 0)
      this.heap.push(at + queue.maxWaitSeconds * 1000, { kind: 'timeout', visit });
    if (queue.keyExitProbability > 0 && this.rng.chance(queue.keyExitProbability)) {
      this.heap.push(at + drawSeconds(this.rng, queue.keyExitAfter) * 1000, {
        kind: 'keyExit',
        visit,
      });
    }
    if (queue.leaveWhenEmpty && unpaused.length === 0) {
      this.heap.push(at + 1000, { kind: 'leaveEmpty', visit });
    }
    const generation = (this.patienceGeneration.get(contact) ?? 0) + 1;
    this.patienceGeneration.set(contact, generation);
    const patienceAt = viaTransfer
      ? at + drawSeconds(this.rng, this.scenario.patience) * 1000
      : Math.max(contact.patienceAt, at + 1);
    this.heap.push(patienceAt, { kind: 'patience', contact, generation });
    this.dispatch();
  }

  private leaveQueue(
    runtime: VisitRuntime,
    status: 'ABANDON' | 'TIMEOUT' | 'LEAVEEMPTY' | 'KEY',
    nextQueue?: string,
  ): void {
    const at = this.clock;
    const visit = runtime.visit;
    if (runtime.state === 'ringing' && runtime.ringing) {
      const agent = runtime.ringing;
      this.emit({
        type: 'ringCanceled',
        at,
        visit,
        agent: agent.agent,
        ringMs: at - (runtime.ringStart ?? at),
      });
      this.agentFree(agent);
    }
    const list = this.waiting.get(visit.queue)!;
    const position = list.indexOf(runtime) + 1;
    list.splice(position - 1, 1);
    runtime.state = 'done';
    this.visits.delete(visit);
    const outcome = status === 'ABANDON' ? 'abandoned' : 'exited';
    const holdTime = wholeSecondsBetween(visit.joinedAt, at);
    visit.outcome = outcome;
    visit.reason = status;
    visit.endedAt = at;
    visit.holdTime = holdTime;
    this.emit({ type: 'callerLeft', at, visit, outcome, status, position, holdTime, nextQueue });
    if (nextQueue) {
      this.heap.push(at + 20, {
        kind: 'join',
        contact: visit.contact,
        queue: nextQueue,
        viaTransfer: false,
      });
    } else {
      this.hangUp(visit.contact, at);
    }
    this.dispatch();
  }

  private hangUp(contact: SimContact, at: number): void {
    this.activeContacts.delete(contact);
    this.emit({ type: 'callerHungUp', at, contact });
  }

  private waitingRuntime(visit: SimVisit): VisitRuntime | undefined {
    const runtime = this.visits.get(visit);
    return runtime && (runtime.state === 'waiting' || runtime.state === 'ringing')
      ? runtime
      : undefined;
  }

  // ---------------------------------------------------------------- agents

  private isAvailable(a: AgentRuntime): boolean {
    return a.agent.status === 'available';
  }

  /** Offers the longest-waiting callers to the longest-idle available members. */
  private dispatch(): void {
    for (;;) {
      const available = this.agents.filter((a) => this.isAvailable(a));
      if (available.length === 0) return;
      let best: { runtime: VisitRuntime; agent: AgentRuntime } | undefined;
      for (const list of this.waiting.values()) {
        for (const runtime of list) {
          if (runtime.state !== 'waiting') continue;
          if (best && best.runtime.visit.joinedAt <= runtime.visit.joinedAt) break;
          let chosen: AgentRuntime | undefined;
          for (const a of available) {
            if (!a.agent.queues.includes(runtime.visit.queue)) continue;
            if ((runtime.declined.get(a.agent) ?? 0) > this.clock) continue;
            if (!chosen || a.idleSince < chosen.idleSince) chosen = a;
          }
          if (chosen) {
            best = { runtime, agent: chosen };
            break;
          }
        }
      }
      if (!best) return;
      this.ring(best.runtime, best.agent);
    }
  }

  private ring(runtime: VisitRuntime, agent: AgentRuntime): void {
    const at = this.clock;
    const visit = runtime.visit;
    runtime.state = 'ringing';
    runtime.ringing = agent;
    runtime.ringStart = at;
    agent.agent.status = 'ringing';
    visit.agentChannelBase = `Local/${agent.agent.name}@agents-${this.newChannelSuffix()}`;
    visit.agentUniqueid = this.newUniqueid(at);
    visit.agentChannelAt = at;
    this.uniqueSeq++; // the ;2 half of the agent's Local channel pair
    this.emit({ type: 'agentCalled', at, visit, agent: agent.agent });
    const noAnswer = this.rng.chance(this.scenario.ringNoAnswerProbability);
    const ringMs = noAnswer
      ? this.scenario.memberTimeoutSeconds * 1000
      : Math.max(200, drawSeconds(this.rng, this.scenario.ring) * 1000);
    this.heap.push(at + ringMs, {
      kind: 'ringEnd',
      visit,
      agent: agent.agent,
      answered: !noAnswer,
      ringStart: at,
    });
  }

  private runtimeOf(agent: SimAgent): AgentRuntime {
    return this.agents[agent.index];
  }

  private onRingEnd(visit: SimVisit, agent: SimAgent, answered: boolean, ringStart: number): void {
    const runtime = this.visits.get(visit);
    const agentRuntime = this.runtimeOf(agent);
    if (!runtime || runtime.state !== 'ringing' || runtime.ringing !== agentRuntime) return;
    const at = this.clock;
    if (!answered) {
      this.emit({ type: 'ringNoAnswer', at, visit, agent, ringMs: at - ringStart });
      runtime.state = 'waiting';
      runtime.ringing = undefined;
      runtime.declined.set(agent, at + RETRY_MS);
      this.agentFree(agentRuntime);
      return;
    }
    const list = this.waiting.get(visit.queue)!;
    list.splice(list.indexOf(runtime), 1);
    runtime.state = 'talking';
    this.talking.add(runtime);
    visit.answeredAt = at;
    visit.agent = agent;
    visit.outcome = 'answered';
    visit.holdTime = wholeSecondsBetween(visit.joinedAt, at);
    agent.status = 'onCall';
    const ringTime = wholeSecondsBetween(ringStart, at);
    this.emit({ type: 'agentConnected', at, visit, agent, holdTime: visit.holdTime, ringTime });
    const talk =
      visit.index > 0 && visit.contact.transfer && this.scenario.transferTalk
        ? Math.max(1, drawSeconds(this.rng, this.scenario.transferTalk))
        : visit.contact.talkSeconds;
    this.heap.push(at + talk * 1000, { kind: 'talkEnd', visit, agent });
    this.dispatch();
  }

  private onTalkEnd(visit: SimVisit, agent: SimAgent): void {
    const at = this.clock;
    const runtime = this.visits.get(visit)!;
    this.talking.delete(runtime);
    runtime.state = 'done';
    this.visits.delete(visit);
    const contact = visit.contact;
    const talkTime = wholeSecondsBetween(visit.answeredAt!, at);
    visit.talkTime = talkTime;
    visit.endedAt = at;
    const transferTo = this.scenario.transferTo;
    const transfer =
      contact.transfer &&
      visit.index === 0 &&
      transferTo !== undefined &&
      transferTo !== visit.queue;
    agent.callsTaken++;
    agent.lastCall = Math.floor(at / 1000);
    const reason = transfer ? 'transfer' : contact.callerEnds ? 'caller' : 'agent';
    visit.reason = reason;
    if (transfer) {
      this.emit({ type: 'blindTransfer', at, visit, agent, toQueue: transferTo });
      // Asterisk: the caller joins the new queue before the old AgentComplete (run2 capture).
      this.onJoin(contact, transferTo, true);
    }
    this.emit({
      type: 'agentCompleted',
      at,
      visit,
      agent,
      holdTime: visit.holdTime!,
      talkTime,
      reason,
      // A transfer's AgentComplete always has both blocks (and draws nothing).
      omitCallerBlock: !transfer && this.rng.chance(OMIT_CALLER_BLOCK),
      omitAgentBlock: !transfer && this.rng.chance(OMIT_AGENT_BLOCK),
    });
    // A transferred caller goes on in the next queue; any other call ends (after its survey).
    if (!transfer) {
      if (contact.survey !== undefined && reason === 'agent') {
        this.heap.push(at + 3000 + this.rng.next() * 4000, {
          kind: 'survey',
          visit,
          agent,
          score: contact.survey,
        });
      } else {
        this.hangUp(contact, at);
      }
    }
    this.startAfterCallWork(agent, at);
  }

  /** The agent's after-call work as the scenario's PBX shows it (scenario `afterCallWork`). */
  private startAfterCallWork(agent: SimAgent, at: number): void {
    const shown = this.scenario.afterCallWork;
    if (shown.kind === 'wrapuptime') {
      // app_queue offers the member again once time(NULL) - lastcall >= wrapuptime.
      agent.status = 'wrapUp';
      this.heap.push((Math.floor(at / 1000) + agent.wrapUpSeconds) * 1000, {
        kind: 'wrapEnd',
        agent,
      });
      return;
    }
    // Whole ms, as the heap keeps them (EventHeap.push).
    const endsAt = Math.round(at + drawSeconds(this.rng, this.scenario.wrapUp) * 1000);
    if (shown.kind === 'pause-code') {
      agent.status = 'paused';
      agent.pauseReason = shown.reason;
      agent.lastPause = Math.floor(at / 1000);
      this.emit({ type: 'memberPaused', at, agent, paused: true, reason: shown.reason });
      this.runtimeOf(agent).afterCallPauseEndsAt = endsAt;
      this.heap.push(endsAt, { kind: 'afterCallPauseEnd', agent });
      this.checkLeaveEmpty(agent.queues);
      return;
    }
    agent.status = 'wrapUp';
    this.heap.push(endsAt, { kind: 'wrapEnd', agent });
  }

  private agentFree(agent: AgentRuntime): void {
    const at = this.clock;
    if (agent.pendingLogout) {
      this.logout(agent);
      return;
    }
    if (agent.pendingBreak !== undefined) {
      const planned = agent.pendingBreak;
      agent.pendingBreak = undefined;
      this.startBreak(agent, planned);
      return;
    }
    if (agent.pendingPause !== undefined) {
      const pause = agent.pendingPause;
      agent.pendingPause = undefined;
      this.startPause(agent, pause);
      return;
    }
    agent.agent.status = 'available';
    agent.idleSince = at;
    this.dispatch();
  }

  private login(agent: AgentRuntime, endAt: number, breaks: readonly PlannedBreak[]): void {
    const at = this.clock;
    const loggedIn = this.agents.filter((a) => a.agent.status !== 'loggedOut').length;
    if (agent.agent.status !== 'loggedOut') return;
    if (loggedIn >= this.scenario.seats) {
      // Every seat is taken: try again in a minute until the shift is over.
      if (at + 60_000 < endAt)
        this.heap.push(at + 60_000, { kind: 'shiftStart', agent: agent.agent, endAt, breaks });
      return;
    }
    agent.agent.status = 'available';
    agent.agent.loginTime = Math.floor(at / 1000);
    agent.agent.pauseReason = '';
    agent.idleSince = at;
    agent.pendingLogout = false;
    agent.pendingPause = undefined;
    agent.pendingBreak = undefined;
    agent.shiftEndAt = endAt;
    this.emit({ type: 'memberAdded', at, agent: agent.agent });
    this.heap.push(endAt, { kind: 'shiftEnd', agent: agent.agent });
    for (const planned of breaks) {
      if (planned.at > at && planned.at < endAt) {
        this.heap.push(planned.at, { kind: 'breakStart', agent: agent.agent, planned });
      }
    }
    this.scenario.pauses.forEach((pause, index) => {
      if (pause.everyMinutes > 0) {
        this.heap.push(at + exponential(this.rotaRng, pause.everyMinutes * 60_000), {
          kind: 'pauseStart',
          agent: agent.agent,
          pause: index,
        });
      }
    });
    this.dispatch();
  }

  private logout(agent: AgentRuntime): void {
    const at = this.clock;
    agent.pendingLogout = false;
    agent.pendingPause = undefined;
    agent.pendingBreak = undefined;
    agent.agent.status = 'loggedOut';
    agent.agent.pauseReason = '';
    this.emit({ type: 'memberRemoved', at, agent: agent.agent });
    this.checkLeaveEmpty(agent.agent.queues);
  }

  private checkLeaveEmpty(queues: readonly string[]): void {
    for (const name of queues) {
      const queue = this.queues.get(name)!;
      if (!queue.leaveWhenEmpty) continue;
      const present = this.loggedInMembers(name).filter((a) => a.agent.status !== 'paused');
      if (present.length > 0) continue;
      for (const runtime of this.waiting.get(name)!) {
        this.heap.push(this.clock + 200 + this.rng.next() * 800, {
          kind: 'leaveEmpty',
          visit: runtime.visit,
        });
      }
    }
  }

  /** A planned break: paused with its reason for its full length from when it starts. */
  private startBreak(agent: AgentRuntime, planned: PlannedBreak): void {
    this.pause(agent.agent, planned.reason);
    this.heap.push(this.clock + planned.ms, { kind: 'breakEnd', agent: agent.agent });
    this.checkLeaveEmpty(agent.agent.queues);
  }

  private startPause(agent: AgentRuntime, pause: number): void {
    const config = this.scenario.pauses[pause];
    this.pause(agent.agent, config.reason);
    this.heap.push(this.clock + drawSeconds(this.rotaRng, config.length) * 1000, {
      kind: 'pauseEnd',
      agent: agent.agent,
      pause,
    });
    this.checkLeaveEmpty(agent.agent.queues);
  }

  /** Paused now with `reason` (QueueMemberPause / member paused, its reason with it). */
  private pause(agent: SimAgent, reason: string): void {
    agent.status = 'paused';
    agent.pauseReason = reason;
    agent.lastPause = Math.floor(this.clock / 1000);
    this.emit({ type: 'memberPaused', at: this.clock, agent, paused: true, reason });
  }

  /** The pause is over (announced; the caller decides what the agent does next). */
  private unpause(agent: SimAgent): void {
    agent.pauseReason = '';
    this.emit({ type: 'memberPaused', at: this.clock, agent, paused: false, reason: '' });
  }

  private handle(action: Action): void {
    switch (action.kind) {
      case 'arrival':
        this.onArrival();
        return;
      case 'join':
        this.onJoin(action.contact, action.queue, action.viaTransfer);
        return;
      case 'patience': {
        if (this.patienceGeneration.get(action.contact) !== action.generation) return;
        const visit = action.contact.visits[action.contact.visits.length - 1];
        const runtime = visit && this.waitingRuntime(visit);
        if (runtime) this.leaveQueue(runtime, 'ABANDON');
        return;
      }
      case 'timeout': {
        const runtime = this.waitingRuntime(action.visit);
        if (!runtime) return;
        const queue = this.queues.get(action.visit.queue)!;
        const overflow =
          queue.overflowTo &&
          action.visit.contact.visits.length < 3 &&
          this.rng.chance(queue.overflowProbability)
            ? queue.overflowTo
            : undefined;
        this.leaveQueue(runtime, 'TIMEOUT', overflow);
        return;
      }
      case 'keyExit': {
        const runtime = this.waitingRuntime(action.visit);
        if (runtime) this.leaveQueue(runtime, 'KEY');
        return;
      }
      case 'leaveEmpty': {
        const runtime = this.waitingRuntime(action.visit);
        if (!runtime) return;
        const present = this.loggedInMembers(action.visit.queue).filter(
          (a) => a.agent.status !== 'paused',
        );
        if (present.length === 0) this.leaveQueue(runtime, 'LEAVEEMPTY');
        return;
      }
      case 'ringEnd':
        this.onRingEnd(action.visit, action.agent, action.answered, action.ringStart);
        return;
      case 'talkEnd':
        this.onTalkEnd(action.visit, action.agent);
        return;
      case 'survey':
        this.emit({
          type: 'survey',
          at: this.clock,
          visit: action.visit,
          agent: action.agent,
          score: action.score,
        });
        this.hangUp(action.visit.contact, this.clock);
        return;
      case 'wrapEnd': {
        const runtime = this.runtimeOf(action.agent);
        if (action.agent.status === 'wrapUp') this.agentFree(runtime);
        return;
      }
      case 'dayPlan':
        // The day that begins now (planning the one after it left the second day of every run
        // without a rota). A shift due at midnight with its jitter before it starts at once.
        this.planDay(action.midnight);
        this.heap.push(action.midnight + DAY_MS, {
          kind: 'dayPlan',
          midnight: action.midnight + DAY_MS,
        });
        return;
      case 'shiftStart':
        this.login(this.runtimeOf(action.agent), action.endAt, action.breaks);
        return;
      case 'breakStart': {
        const runtime = this.runtimeOf(action.agent);
        const status = action.agent.status;
        if (status === 'loggedOut') return;
        if (status === 'available') this.startBreak(runtime, action.planned);
        else if (status === 'paused') {
          // In another pause: take the break when it is over.
          this.heap.push(this.clock + 30_000, action);
        } else runtime.pendingBreak = action.planned;
        return;
      }
      case 'afterCallPauseEnd': {
        const runtime = this.runtimeOf(action.agent);
        // Not this pause's end: the agent logged out (and back in) meanwhile.
        if (action.agent.status !== 'paused' || runtime.afterCallPauseEndsAt !== this.clock) return;
        runtime.afterCallPauseEndsAt = undefined;
        action.agent.pauseReason = '';
        // Unpaused before the event is rendered: the PBX reports the member not paused.
        action.agent.status = 'wrapUp';
        this.emit({
          type: 'memberPaused',
          at: this.clock,
          agent: action.agent,
          paused: false,
          reason: '',
        });
        this.agentFree(runtime);
        return;
      }
      case 'breakEnd': {
        const runtime = this.runtimeOf(action.agent);
        if (action.agent.status !== 'paused') return;
        this.unpause(action.agent);
        action.agent.status = 'wrapUp';
        this.agentFree(runtime);
        return;
      }
      case 'shiftEnd': {
        const runtime = this.runtimeOf(action.agent);
        const status = action.agent.status;
        if (status === 'loggedOut' || Math.abs(runtime.shiftEndAt - this.clock) > 1) return;
        if (status === 'available' || status === 'paused') this.logout(runtime);
        else runtime.pendingLogout = true;
        return;
      }
      case 'pauseStart': {
        const runtime = this.runtimeOf(action.agent);
        const status = action.agent.status;
        if (status === 'loggedOut') return;
        if (status === 'available') this.startPause(runtime, action.pause);
        else if (status !== 'paused') runtime.pendingPause = action.pause;
        else {
          const every = this.scenario.pauses[action.pause].everyMinutes;
          this.heap.push(this.clock + exponential(this.rotaRng, every * 60_000), action);
        }
        return;
      }
      case 'pauseEnd': {
        const runtime = this.runtimeOf(action.agent);
        if (action.agent.status !== 'paused') return;
        this.unpause(action.agent);
        const every = this.scenario.pauses[action.pause].everyMinutes;
        this.heap.push(this.clock + exponential(this.rotaRng, every * 60_000), {
          kind: 'pauseStart',
          agent: action.agent,
          pause: action.pause,
        });
        action.agent.status = 'wrapUp';
        this.agentFree(runtime);
        return;
      }
    }
  }
}

/** Minutes after midnight of a scenario's 'HH:mm' (an end may be '24:00'). */
function clockOf(text: string, endOfDay = false): number {
  const minutes = clockTimeMinutes(text, { endOfDay });
  if (minutes === undefined) throw new Error(`not a clock time (HH:mm): ${text}`);
  return minutes;
}
