import type { AgentState } from '@hotline/call-events';
import { wrapUpEndsAt } from './after-call-work';
import { FIFTEEN_MINUTES_MS, type ZonedCalendar } from '@hotline/calendar';

export const AGENT_STATES: readonly AgentState[] = [
  'logged-out',
  'available',
  'ringing',
  'on-call',
  'wrap-up',
  'paused',
];

/** A closed span of one agent in one state, for storage (坐席状态). */
export interface AgentStateInterval {
  readonly agent: string;
  readonly state: AgentState;
  readonly pauseReason: string | null;
  readonly startedAt: number;
  readonly endedAt: number;
  /**
   * The queue call of the span: the one ringing or talking, or — for `wrap-up` — the call
   * whose after-call work it is (null for wrap-up before any call the monitor saw end).
   */
  readonly callId: string | null;
}

export interface AgentRecord {
  readonly agent: string;
  state: AgentState;
  since: number;
  pauseReason?: string;
  queues: readonly string[];
  callId?: string;
  /**
   * The PBX's own wrap-up ends at this instant (app_queue lastcall + wrapuptime, mod_callcenter
   * last_bridge_end + wrap_up_time): until then a reported `available` is not (the PBX offers
   * the agent no call); at it the agent becomes available unless something else came first.
   */
  wrapUpUntil?: number;
  /** The last call the agent finished, until it rings for another: after-call work is its. */
  afterCallOf?: string;
  /** The wrap-up `wrapUpUntil` was counted with: its seconds, and its call's answer. */
  wrapUpSeconds?: number;
  wrapUpCallAnsweredAt?: number;
  /** The PBX's own instant of the agent's last call end (app_queue LastCall), when it said. */
  pbxLastCallAt?: number;
  /** ms per state since local midnight, accumulated up to `accountedTo`. */
  stateMsToday: Record<AgentState, number>;
  accountedTo: number;
  ringNoAnswerToday: number;
  dayFrom: number;
}

/** 'unchanged': the same state reported again later (valid, but nothing changed). */
export type AgentChange = 'applied' | 'unchanged' | 'duplicate' | 'out-of-order';

/**
 * Agent states and their durations today, and the count of agents on duty per 15-minute
 * interval (出勤人工客服数量). Fed by agent-state-changed events and by call events.
 */
export class AgentBoard {
  private readonly agents = new Map<string, AgentRecord>();
  /** Max agents on duty per interval start (today only). */
  private readonly onDutyMax = new Map<number, number>();
  private onDutyNow = 0;
  private lastNotedInterval: number | undefined;
  private listeners: ((interval: AgentStateInterval) => void)[] = [];

  constructor(private readonly calendar: ZonedCalendar) {}

  onStateInterval(listener: (interval: AgentStateInterval) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  get(agent: string): AgentRecord | undefined {
    return this.agents.get(agent);
  }

  all(): IterableIterator<AgentRecord> {
    return this.agents.values();
  }

  /** Sets an agent's state at `at`. Same state again keeps `since` (only the reason may change). */
  set(
    agent: string,
    state: AgentState,
    at: number,
    extra: {
      pauseReason?: string;
      queues?: readonly string[];
      callId?: string;
      lastCallEndedAt?: number;
    } = {},
  ): AgentChange {
    let record = this.agents.get(agent);
    const isNew = !record;
    if (!record) {
      record = {
        agent,
        state: 'logged-out',
        since: at,
        queues: extra.queues ?? [],
        stateMsToday: zeroStates(),
        accountedTo: at,
        ringNoAnswerToday: 0,
        dayFrom: this.calendar.dayOf(at).from,
      };
      this.agents.set(agent, record);
    }
    if (at < record.since) return 'out-of-order';
    if (extra.queues) record.queues = extra.queues;
    if (extra.lastCallEndedAt !== undefined) this.notePbxLastCall(record, extra.lastCallEndedAt);
    this.endWrapUpBy(record, at);
    // The PBX says "free" while its wrap-up still holds the agent: it is not (app_queue
    // can_ring_entry, mod_callcenter's last_bridge_end + wrap_up_time check).
    if (state === 'available' && record.wrapUpUntil !== undefined) return 'unchanged';
    record.wrapUpUntil = undefined;
    const reason = state === 'paused' || state === 'wrap-up' ? extra.pauseReason : undefined;
    if (record.state === state && record.pauseReason === reason) {
      if (extra.callId !== undefined) record.callId = extra.callId;
      if (isNew) return 'applied';
      return at === record.since ? 'duplicate' : 'unchanged';
    }
    this.transition(record, state, at, reason, extra.callId);
    return 'applied';
  }

  /**
   * A call the agent answered ended at `at`. When it was what held the agent (ringing or
   * talking on it, or reported free since its answer), the PBX now holds the agent in wrap-up
   * for `wrapUpSeconds` (0: none, available at once) unless a call, a pause or a logout comes
   * first. Either way, after-call work before the agent's next call (a 话后 pause) is this call's.
   */
  callEnded(
    agent: string,
    call: { readonly callId: string; readonly answeredAt?: number },
    at: number,
    wrapUpSeconds: number,
  ): AgentChange {
    const record = this.agents.get(agent);
    const heldByThisCall =
      !record ||
      ((record.state === 'on-call' || record.state === 'ringing') &&
        (record.callId === undefined || record.callId === call.callId)) ||
      (record.state === 'available' &&
        call.answeredAt !== undefined &&
        record.since >= call.answeredAt);
    if (record && !heldByThisCall) {
      if (record.state !== 'on-call' && record.state !== 'ringing')
        record.afterCallOf = call.callId;
      return 'unchanged';
    }
    const from = Math.max(at, record?.since ?? at);
    // The PBX's own end of this call, when it already said it (its LastCall came first).
    const pbxEnd =
      record?.pbxLastCallAt !== undefined &&
      call.answeredAt !== undefined &&
      record.pbxLastCallAt >= wrapUpEndsAt(call.answeredAt, 0)
        ? record.pbxLastCallAt
        : at;
    const until = wrapUpEndsAt(Math.min(pbxEnd, at), wrapUpSeconds);
    const wrapsUp = wrapUpSeconds > 0 && until > from;
    const change = this.set(agent, wrapsUp ? 'wrap-up' : 'available', from);
    const after = this.agents.get(agent);
    if (!after) return change;
    after.afterCallOf = call.callId;
    if (wrapsUp) {
      after.wrapUpUntil = until;
      after.wrapUpSeconds = wrapUpSeconds;
      after.wrapUpCallAnsweredAt = call.answeredAt;
    }
    return change;
  }

  /** The PBX said when the last call ended: a wrap-up counted from our later instant moves back. */
  private notePbxLastCall(record: AgentRecord, lastCallEndedAt: number): void {
    record.pbxLastCallAt = lastCallEndedAt;
    if (record.wrapUpUntil === undefined || record.wrapUpSeconds === undefined) return;
    // A LastCall from before this call's answer is an earlier call's.
    const answered = record.wrapUpCallAnsweredAt;
    if (answered === undefined || lastCallEndedAt < wrapUpEndsAt(answered, 0)) return;
    const pbxUntil = wrapUpEndsAt(lastCallEndedAt, record.wrapUpSeconds);
    if (pbxUntil < record.wrapUpUntil) record.wrapUpUntil = Math.max(pbxUntil, record.since);
  }

  private transition(
    record: AgentRecord,
    state: AgentState,
    at: number,
    reason: string | undefined,
    callId: string | undefined,
  ): void {
    this.noteOnDuty(at);
    this.account(record, at);
    if (at > record.since) {
      for (const l of this.listeners) {
        l({
          agent: record.agent,
          state: record.state,
          pauseReason: record.pauseReason ?? null,
          startedAt: record.since,
          endedAt: at,
          callId: spanCallId(record),
        });
      }
    }
    const wasOnDuty = record.state !== 'logged-out';
    record.state = state;
    record.since = at;
    record.pauseReason = reason;
    record.callId = state === 'ringing' || state === 'on-call' ? callId : undefined;
    if (state === 'ringing' || state === 'on-call' || state === 'logged-out')
      record.afterCallOf = undefined;
    const isOnDuty = state !== 'logged-out';
    if (wasOnDuty !== isOnDuty) this.onDutyNow += isOnDuty ? 1 : -1;
    this.noteOnDuty(at);
  }

  /** The PBX's wrap-up that ended by `at` ends at its own instant: the agent is available. */
  private endWrapUpBy(record: AgentRecord, at: number): void {
    const until = record.wrapUpUntil;
    if (until === undefined || until > at) return;
    record.wrapUpUntil = undefined;
    if (record.state === 'wrap-up')
      this.transition(record, 'available', until, undefined, undefined);
  }

  countRingNoAnswer(agent: string, at: number): void {
    const record = this.agents.get(agent);
    if (!record) return;
    this.rollDay(record, at);
    record.ringNoAnswerToday += 1;
  }

  /** Advances the clock: day roll-over of per-state durations, on-duty interval maxima. */
  tick(now: number): void {
    for (const record of this.agents.values()) this.endWrapUpBy(record, now);
    this.noteOnDuty(now);
    for (const record of this.agents.values()) this.rollDay(record, now);
    const todayFrom = this.calendar.dayOf(now).from;
    for (const from of this.onDutyMax.keys()) if (from < todayFrom) this.onDutyMax.delete(from);
  }

  /** Seconds in each state today up to `now`, including the current state. */
  stateSecondsToday(record: AgentRecord, now: number): Record<AgentState, number> {
    const todayFrom = this.calendar.dayOf(now).from;
    const out = zeroStates();
    if (record.dayFrom === todayFrom) for (const s of AGENT_STATES) out[s] = record.stateMsToday[s];
    const from = Math.max(record.accountedTo, todayFrom);
    if (now > from) out[record.state] += now - from;
    for (const s of AGENT_STATES) out[s] = out[s] / 1000;
    return out;
  }

  dayFromOf(at: number): number {
    return this.calendar.dayOf(at).from;
  }

  /** Most agents on duty during the interval; intervals not yet noted carry the current count. */
  onDutyMaxAt(intervalFrom: number): number {
    const noted = this.onDutyMax.get(intervalFrom) ?? 0;
    if (this.lastNotedInterval === undefined || intervalFrom > this.lastNotedInterval) {
      return Math.max(noted, this.onDutyNow);
    }
    return noted;
  }

  get onDuty(): number {
    return this.onDutyNow;
  }

  get size(): number {
    return this.agents.size;
  }

  private account(record: AgentRecord, at: number): void {
    this.rollDay(record, at);
    if (at > record.accountedTo) {
      record.stateMsToday[record.state] += at - record.accountedTo;
      record.accountedTo = at;
    }
  }

  /** At local midnight the durations restart; the time before it belonged to yesterday. */
  private rollDay(record: AgentRecord, at: number): void {
    const day = this.calendar.dayOf(at);
    if (record.dayFrom === day.from) return;
    if (record.dayFrom > day.from) return;
    record.stateMsToday = zeroStates();
    record.ringNoAnswerToday = 0;
    record.accountedTo = Math.max(record.accountedTo, day.from);
    record.dayFrom = day.from;
  }

  /** Records the current on-duty count in every interval from the last noted one to `at`'s. */
  private noteOnDuty(at: number): void {
    const current = this.calendar.intervalOf(at).from;
    let from = this.lastNotedInterval ?? current;
    if (current < from) from = current;
    const todayFrom = this.calendar.dayOf(at).from;
    from = Math.max(from, todayFrom);
    for (let t = from; t <= current; t += FIFTEEN_MINUTES_MS) {
      this.onDutyMax.set(t, Math.max(this.onDutyMax.get(t) ?? 0, this.onDutyNow));
    }
    if (this.lastNotedInterval === undefined || current > this.lastNotedInterval)
      this.lastNotedInterval = current;
  }
}

function spanCallId(record: AgentRecord): string | null {
  if (record.state === 'wrap-up') return record.afterCallOf ?? null;
  return record.callId ?? null;
}

function zeroStates(): Record<AgentState, number> {
  return { 'logged-out': 0, available: 0, ringing: 0, 'on-call': 0, 'wrap-up': 0, paused: 0 };
}
