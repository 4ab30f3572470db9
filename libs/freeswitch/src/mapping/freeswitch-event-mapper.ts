import type {
  AgentAnswered,
  CallEvent,
  CallEnded,
  CallerAbandoned,
  CallerExited,
  ExitReason,
  PbxInFlightView,
} from '@hotline/call-events';
import type { EslEvent } from '../protocol/esl-event';
import { nonEmpty, positiveWholeSeconds } from '../protocol/field-values';
import {
  combineAgentState,
  type CallcenterAgentFields,
  type CombinedAgentState,
} from './callcenter-agent-state';
import { DEFAULT_LINE_VARIABLE, type FreeswitchMappingOptions } from './freeswitch-mapping-options';

/** The mod_callcenter events subscribed to (`event plain CUSTOM callcenter::info`). */
export const CALLCENTER_SUBCLASS = 'callcenter::info';

interface MemberVisit {
  readonly queue: string;
  joinedEpoch?: number;
  answered: boolean;
  answeredEpoch?: number;
  /** The listener has this visit's answer (bridge-agent-start, or a view that listed it talking). */
  answerSaid: boolean;
  agent?: string;
  talkEnded: boolean;
  /**
   * Taken from a resync view, which has no line: the join the listener got (its time and
   * contact), to say again with the line once an event of the member carries it.
   */
  lineless?: { readonly at: number; readonly contactId: string; readonly callerNumber?: string };
}

/** The member events that may be the first a link sees of a member that joined while it was away. */
const LATER_MEMBER_ACTIONS: ReadonlySet<string> = new Set([
  'agent-offering',
  'bridge-agent-fail',
  'bridge-agent-start',
  'bridge-agent-end',
  'member-queue-end',
]);

/** How many finished queue calls are remembered, so a late or resent queue-end is judged correctly. */
const FINISHED_MEMORY = 20_000;

/**
 * Translates mod_callcenter events (CUSTOM callcenter::info, FreeSWITCH 1.10) into call events.
 *
 * Identity: a queue call is one mod_callcenter *member* — `CC-Member-UUID`, new for each
 * `callcenter` application run, so a caller moved to a second queue makes a second queue call.
 * The contact is the caller's channel, `CC-Member-Session-UUID`.
 *
 * Times: `at` is `Event-Date-Timestamp` (µs) in ms; waits and talks come from the whole-second
 * CC-* headers, which are what mod_callcenter writes to the CDR (`cc_queue_joined_epoch`,
 * `cc_queue_answered_epoch`). The µs clock would make a 300 s talk 300.06 s — "over 5 minutes"
 * for us but not for the ledger.
 *
 * The mapper keeps a little state per member: the outcome of a queue call is never decided on a
 * `member-queue-end` alone (see onMemberQueueEnd).
 */
export class FreeswitchEventMapper {
  private readonly lineVariable: string;
  private readonly visits = new Map<string, MemberVisit>();
  /** callId → answered?, for queue calls already finished (bounded, oldest forgotten first). */
  private readonly finished = new Map<string, boolean>();
  private readonly agents = new Map<string, CallcenterAgentFields>();
  private readonly lastAgentState = new Map<string, CombinedAgentState>();
  /** Each agent's `wrap_up_time` from `callcenter_config agent list` (not in any event). */
  private readonly wrapUpTime = new Map<string, number>();

  constructor(options: FreeswitchMappingOptions = {}) {
    this.lineVariable = options.lineVariable ?? DEFAULT_LINE_VARIABLE;
  }

  map(event: EslEvent, receivedAt: number): CallEvent[] {
    if (event.name !== 'CUSTOM' || event.subclass !== CALLCENTER_SUBCLASS) return [];
    const at = event.timestampMs ?? receivedAt;
    const lineLearned = this.lineFromLaterEvent(event);
    const events = this.mapAction(event, at);
    return lineLearned ? [lineLearned, ...events] : events;
  }

  /**
   * Follows the callers a resync view listed (waiting or talking) as if their earlier events
   * had been seen: a talking member's end is then matched with its answer, and the first later
   * event of a member that carries the line (`variable_hotline`, with verbose-channel-events)
   * gives the join again with it, which the engine takes to fill the line in.
   */
  seedMembers(view: PbxInFlightView): void {
    const seed = (
      callId: string,
      caller: {
        queue: string;
        joinedAt: number;
        contactId: string;
        line?: string;
        callerNumber?: string;
      },
      answer?: { answeredAt: number; agent?: string },
    ) => {
      if (this.visits.has(callId)) return;
      this.finished.delete(callId);
      this.visits.set(callId, {
        queue: caller.queue,
        joinedEpoch: Math.floor(caller.joinedAt / 1000),
        answered: answer !== undefined,
        ...(answer ? { answeredEpoch: Math.floor(answer.answeredAt / 1000) } : {}),
        answerSaid: answer !== undefined,
        ...(answer?.agent !== undefined ? { agent: answer.agent } : {}),
        talkEnded: false,
        ...(caller.line === undefined
          ? {
              lineless: {
                at: caller.joinedAt,
                contactId: caller.contactId,
                ...(caller.callerNumber !== undefined ? { callerNumber: caller.callerNumber } : {}),
              },
            }
          : {}),
      });
    };
    for (const w of view.waiting) seed(w.callId, w);
    for (const t of view.talking) seed(t.callId, t, t);
  }

  private lineFromLaterEvent(event: EslEvent): CallEvent | undefined {
    const callId = memberCallId(event);
    const visit = callId !== undefined ? this.visits.get(callId) : undefined;
    if (!callId || !visit?.lineless) return undefined;
    const line = nonEmpty(event.variable(this.lineVariable));
    if (line === undefined) return undefined;
    const { at, contactId, callerNumber } = visit.lineless;
    visit.lineless = undefined;
    return {
      type: 'caller-joined-queue',
      at,
      callId,
      contactId,
      queue: visit.queue,
      line,
      ...(callerNumber !== undefined ? { callerNumber } : {}),
    };
  }

  private mapAction(event: EslEvent, at: number): CallEvent[] {
    const action = event.get('CC-Action');
    if (action !== undefined && LATER_MEMBER_ACTIONS.has(action)) {
      const joined = this.joinFirstSeenLater(event);
      if (joined) return [joined, ...this.mapMemberAction(action, event, at)];
    }
    return this.mapMemberAction(action, event, at);
  }

  /**
   * A member whose first event is not its member-queue-start, and that no view listed: it
   * joined while no link was attached and left before the lists were read (they are read
   * after the view's instant, so a caller can leave in between). Its join is said from the
   * event's own CC-Member-* headers — the same whole-second epoch the CDR keeps — so the
   * visit counts from its live end, not only from a CDR read that ends at the view.
   */
  private joinFirstSeenLater(event: EslEvent): CallEvent | undefined {
    const callId = memberCallId(event);
    if (!callId || this.visits.has(callId) || this.finished.has(callId)) return undefined;
    const queue = event.get('CC-Queue');
    const contactId = nonEmpty(event.get('CC-Member-Session-UUID'));
    const joinedEpoch =
      positiveWholeSeconds(event.get('CC-Member-Joined-Time')) ??
      positiveWholeSeconds(event.variable('cc_queue_joined_epoch'));
    if (!queue || !contactId || joinedEpoch === undefined) return undefined;
    return this.startVisit(event, joinedEpoch * 1000, { callId, queue, contactId }, joinedEpoch);
  }

  private mapMemberAction(action: string | undefined, event: EslEvent, at: number): CallEvent[] {
    switch (action) {
      case 'member-queue-start':
        return this.onMemberQueueStart(event, at);
      case 'agent-offering':
        return this.onAgentOffering(event, at);
      case 'bridge-agent-fail':
        return this.onBridgeAgentFail(event, at);
      case 'bridge-agent-start':
        return this.onBridgeAgentStart(event, at);
      case 'bridge-agent-end':
        return this.onBridgeAgentEnd(event, at);
      case 'member-queue-end':
        return this.onMemberQueueEnd(event, at);
      case 'agent-status-change':
        return this.onAgentFields(event, at, { status: event.get('CC-Agent-Status') });
      case 'agent-state-change':
        return this.onAgentFields(event, at, { state: event.get('CC-Agent-State') });
      case undefined:
      default:
        // members-count, agent-offering for outbound tiers etc. carry no KPI fact.
        return [];
    }
  }

  /**
   * Seeds agents' status and state from `callcenter_config agent list` after a (re)connect, so
   * the next single-field change combines with the right other half.
   */
  seedAgents(
    agents: readonly {
      readonly agent: string;
      readonly status?: string;
      readonly state?: string;
      readonly wrapUpSeconds?: number;
    }[],
  ): void {
    for (const { agent, status, state, wrapUpSeconds } of agents) {
      if (wrapUpSeconds !== undefined) this.wrapUpTime.set(agent, wrapUpSeconds);
      this.agents.set(agent, { status, state });
      this.lastAgentState.set(agent, combineAgentState({ status, state }));
    }
  }

  /** Queue calls the mapper is following (joined, not yet finished). */
  get openQueueCalls(): number {
    return this.visits.size;
  }

  private onMemberQueueStart(event: EslEvent, at: number): CallEvent[] {
    const callId = memberCallId(event);
    const queue = event.get('CC-Queue');
    const contactId = event.get('CC-Member-Session-UUID');
    if (!callId || !queue || !contactId) return [];
    // The member a resync view already listed (it joined while the lists were read, its event
    // held until the view was handed on): the view gave its join, with mod_callcenter's whole
    // second; a second join at this event's time would be a different join to the engine.
    if (this.visits.get(callId)?.queue === queue) return [];
    this.finished.delete(callId);
    const joinedEpoch = positiveWholeSeconds(event.variable('cc_queue_joined_epoch'));
    return [this.startVisit(event, at, { callId, queue, contactId }, joinedEpoch)];
  }

  /** Follows a member from its join on; the join, with what the event says of the caller. */
  private startVisit(
    event: EslEvent,
    at: number,
    member: { readonly callId: string; readonly queue: string; readonly contactId: string },
    joinedEpoch: number | undefined,
  ): CallEvent {
    const { callId, queue, contactId } = member;
    this.visits.set(callId, {
      queue,
      joinedEpoch,
      answered: false,
      answerSaid: false,
      talkEnded: false,
    });
    return {
      type: 'caller-joined-queue',
      at,
      callId,
      contactId,
      queue,
      line: nonEmpty(event.variable(this.lineVariable)),
      callerNumber: nonEmpty(event.get('CC-Member-CID-Number')),
      callerName: nonEmpty(event.get('CC-Member-CID-Name')),
    };
  }

  private onAgentOffering(event: EslEvent, at: number): CallEvent[] {
    const leg = memberAndAgent(event);
    if (!leg) return [];
    const { callId, queue, agent } = leg;
    return [{ type: 'agent-ringing', at, callId, queue, agent }];
  }

  private onBridgeAgentFail(event: EslEvent, at: number): CallEvent[] {
    const leg = memberAndAgent(event);
    if (!leg) return [];
    const { callId, queue, agent } = leg;
    const called = positiveWholeSeconds(event.get('CC-Agent-Called-Time'));
    const aborted = positiveWholeSeconds(event.get('CC-Agent-Aborted-Time'));
    const ringSeconds =
      called !== undefined && aborted !== undefined ? Math.max(0, aborted - called) : 0;
    return [{ type: 'agent-ring-no-answer', at, callId, queue, agent, ringSeconds }];
  }

  private onBridgeAgentStart(event: EslEvent, at: number): CallEvent[] {
    const leg = memberAndAgent(event);
    if (!leg) return [];
    const { callId, queue, agent } = leg;
    const visit = this.visitFor(callId, queue);
    const joined = positiveWholeSeconds(event.get('CC-Member-Joined-Time')) ?? visit.joinedEpoch;
    const answered =
      positiveWholeSeconds(event.get('CC-Agent-Answered-Time')) ?? Math.floor(at / 1000);
    visit.joinedEpoch = joined;
    visit.answered = true;
    visit.answeredEpoch = answered;
    visit.answerSaid = true;
    visit.agent = agent;
    const waitSeconds = joined !== undefined ? Math.max(0, answered - joined) : 0;
    const answeredEvent: AgentAnswered = {
      type: 'agent-answered',
      at,
      callId,
      queue,
      agent,
      waitSeconds,
    };
    return [answeredEvent];
  }

  private onBridgeAgentEnd(event: EslEvent, at: number): CallEvent[] {
    const leg = memberAndAgent(event);
    if (!leg) return [];
    const { callId, queue, agent } = leg;
    const visit = this.visitFor(callId, queue);
    visit.talkEnded = true;
    const answered =
      positiveWholeSeconds(event.get('CC-Agent-Answered-Time')) ?? visit.answeredEpoch;
    const terminated =
      positiveWholeSeconds(event.get('CC-Bridge-Terminated-Time')) ?? Math.floor(at / 1000);
    return [
      ...this.unsaidAnswer(visit, callId, agent, answered),
      this.withWrapUp(callEnded(at, callId, queue, agent, answered, terminated)),
    ];
  }

  /**
   * mod_callcenter offers an agent a call again only once `last_bridge_end < now -
   * wrap_up_time` (whole seconds, agents_callback): `wrap_up_time` + 1 whole seconds after the
   * second the call ended. A wrap_up_time of 0 is no wrap-up.
   */
  private withWrapUp(ended: CallEnded): CallEnded {
    const wrapUpTime = this.wrapUpTime.get(ended.agent);
    if (wrapUpTime === undefined) return ended;
    return { ...ended, wrapUpSeconds: wrapUpTime > 0 ? wrapUpTime + 1 : 0 };
  }

  /**
   * `member-queue-end` is not the outcome by itself. FreeSWITCH 1.10 (seen in fs-run1, calls
   * 0015 and 0018): when max-wait-time expires as the agent answers, it sends
   * `bridge-agent-start`, then `member-queue-end` CC-Cause=Cancel CC-Cancel-Reason=TIMEOUT, and
   * at hang-up `member-queue-end` CC-Cause=Terminated; the CDR has `cc_cause=cancel` and
   * `cc_queue_answered_epoch`. The caller talked to an agent: the call is answered, so a Cancel
   * for a member already bridged produces nothing. The Cancel event itself says so too when
   * channel variables ride along (`variable_cc_agent_bridged=true`,
   * `variable_cc_queue_answered_epoch`), which covers a member whose bridge-agent-start we
   * missed (connected mid-call) or that arrived second.
   */
  private onMemberQueueEnd(event: EslEvent, at: number): CallEvent[] {
    const callId = memberCallId(event);
    const queue = event.get('CC-Queue');
    if (!callId || !queue) return [];
    const visit = this.visits.get(callId);
    const cause = event.get('CC-Cause');
    const leaving =
      positiveWholeSeconds(event.get('CC-Member-Leaving-Time')) ?? Math.floor(at / 1000);
    const joined = positiveWholeSeconds(event.get('CC-Member-Joined-Time')) ?? visit?.joinedEpoch;
    const waitSeconds = joined !== undefined ? Math.max(0, leaving - joined) : 0;

    if (cause === 'Terminated') {
      const events: CallEvent[] = [];
      const agent = event.get('CC-Agent') ?? visit?.agent;
      if (visit && !visit.talkEnded && agent) {
        // bridge-agent-end was missed: close the talk from the member's side.
        const answered =
          positiveWholeSeconds(event.get('CC-Agent-Answered-Time')) ?? visit.answeredEpoch;
        events.push(
          ...this.unsaidAnswer(visit, callId, agent, answered),
          this.withWrapUp(callEnded(at, callId, queue, agent, answered, leaving)),
        );
      }
      this.finish(callId, true);
      return events;
    }

    const bridged =
      visit?.answered === true ||
      this.finished.get(callId) === true ||
      event.variable('cc_agent_bridged') === 'true' ||
      positiveWholeSeconds(event.variable('cc_queue_answered_epoch')) !== undefined;
    if (bridged) {
      // Answered: the Terminated queue-end (or bridge-agent-end) closes it later.
      if (visit) visit.answered = true;
      return [];
    }

    this.finish(callId, false);
    return [callcenterCancel(at, callId, queue, waitSeconds, event.get('CC-Cancel-Reason'))];
  }

  private onAgentFields(event: EslEvent, at: number, change: CallcenterAgentFields): CallEvent[] {
    const agent = event.get('CC-Agent');
    if (!agent) return [];
    const known = this.agents.get(agent) ?? {};
    const fields: CallcenterAgentFields = {
      status: change.status ?? known.status,
      state: change.state ?? known.state,
    };
    this.agents.set(agent, fields);
    const combined = combineAgentState(fields);
    const last = this.lastAgentState.get(agent);
    if (last && last.state === combined.state && last.pauseReason === combined.pauseReason)
      return [];
    this.lastAgentState.set(agent, combined);
    return [
      {
        type: 'agent-state-changed',
        at,
        agent,
        state: combined.state,
        ...(combined.pauseReason !== undefined ? { pauseReason: combined.pauseReason } : {}),
      },
    ];
  }

  /**
   * The answer of a talk that ends before its bridge-agent-start was seen (the member first
   * seen at its end), at mod_callcenter's answered epoch: the wait is the PBX's, not inferred.
   */
  private unsaidAnswer(
    visit: MemberVisit,
    callId: string,
    agent: string,
    answeredEpoch: number | undefined,
  ): AgentAnswered[] {
    if (visit.answerSaid || answeredEpoch === undefined) return [];
    visit.answerSaid = true;
    const waitSeconds =
      visit.joinedEpoch !== undefined ? Math.max(0, answeredEpoch - visit.joinedEpoch) : 0;
    return [
      {
        type: 'agent-answered',
        at: answeredEpoch * 1000,
        callId,
        queue: visit.queue,
        agent,
        waitSeconds,
      },
    ];
  }

  private visitFor(callId: string, queue: string): MemberVisit {
    let visit = this.visits.get(callId);
    if (!visit) {
      visit = { queue, answered: false, answerSaid: false, talkEnded: false };
      this.visits.set(callId, visit);
    }
    return visit;
  }

  private finish(callId: string, answered: boolean): void {
    this.visits.delete(callId);
    this.finished.delete(callId);
    this.finished.set(callId, answered);
    if (this.finished.size > FINISHED_MEMORY) {
      const oldest = this.finished.keys().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }
}

/** CC-Member-UUID; without it, the caller's channel plus the queue (one visit per queue at a time). */
function memberCallId(event: EslEvent): string | undefined {
  const member = nonEmpty(event.get('CC-Member-UUID'));
  if (member) return member;
  const session = nonEmpty(event.get('CC-Member-Session-UUID'));
  const queue = nonEmpty(event.get('CC-Queue'));
  return session && queue ? `${session}/${queue}` : undefined;
}

/** The member, its queue and the agent an agent-leg event (offering, bridge) is about. */
function memberAndAgent(
  event: EslEvent,
): { callId: string; queue: string; agent: string } | undefined {
  const callId = memberCallId(event);
  const queue = event.get('CC-Queue');
  const agent = event.get('CC-Agent');
  return callId && queue && agent ? { callId, queue, agent } : undefined;
}

function callEnded(
  at: number,
  callId: string,
  queue: string,
  agent: string,
  answeredEpoch: number | undefined,
  endEpoch: number,
): CallEnded {
  const talkSeconds = answeredEpoch !== undefined ? Math.max(0, endEpoch - answeredEpoch) : 0;
  // mod_callcenter does not say which side hung up (CC-Hangup-Cause is SUCCESS either way).
  return { type: 'call-ended', at, callId, queue, agent, talkSeconds, reason: 'other' };
}

/**
 * A member that left unanswered, by its cancel reason: BREAK_OUT is the member channel gone
 * (the caller hung up) while waiting, an abandon; any other reason is an exit.
 */
export function callcenterCancel(
  at: number,
  callId: string,
  queue: string,
  waitSeconds: number,
  reason: string | undefined,
): CallerAbandoned | CallerExited {
  if (reason === 'BREAK_OUT') return { type: 'caller-abandoned', at, callId, queue, waitSeconds };
  return {
    type: 'caller-exited',
    at,
    callId,
    queue,
    waitSeconds,
    reason: callcenterExitReason(reason),
  };
}

/** mod_callcenter.c cc_member_cancel_reason: NONE, NO_AGENT_TIMEOUT, TIMEOUT, BREAK_OUT, EXIT_WITH_KEY. */
function callcenterExitReason(reason: string | undefined): ExitReason {
  switch (reason) {
    case 'TIMEOUT':
      return 'timeout';
    case 'NO_AGENT_TIMEOUT':
      return 'leave-empty';
    case 'EXIT_WITH_KEY':
      return 'exit-key';
    case undefined:
    default:
      return 'other';
  }
}
