import type {
  AgentAnswered,
  AgentRingNoAnswer,
  AgentRinging,
  AgentState,
  AgentStateChanged,
  CallEndReason,
  CallEnded,
  CallEvent,
  CallerAbandoned,
  CallerExited,
  CallerJoinedQueue,
  CallerRefused,
  ExitReason,
  RefusalReason,
  SurveyRated,
} from '@hotline/call-events';

/** Builders of concise call events for the KPI engine specs. */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Epoch ms of a Shanghai wall time 'YYYY-MM-DD HH:mm[:ss[.SSS]]' (UTC+8, no DST). */
export function shanghai(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/.exec(local);
  if (!m) throw new Error(`bad local time ${local}`);
  const [, y, mo, d, h, mi, s, ms] = m;
  return (
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s ?? 0),
      Number(ms ?? 0),
    ) - SHANGHAI_OFFSET_MS
  );
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
/** A Tuesday morning. */
export const T0 = shanghai('2026-03-10 10:00:00');

interface JoinOptions {
  readonly queue?: string;
  readonly contactId?: string;
  readonly line?: string;
  readonly callerNumber?: string;
}

export const ev = {
  joined(callId: string, at: number, o: JoinOptions = {}): CallerJoinedQueue {
    return {
      type: 'caller-joined-queue',
      at,
      callId,
      contactId: o.contactId ?? `contact-${callId}`,
      queue: o.queue ?? 'q1',
      ...(o.line !== undefined ? { line: o.line } : {}),
      ...(o.callerNumber !== undefined ? { callerNumber: o.callerNumber } : {}),
    };
  },
  ringing(callId: string, at: number, agent: string, queue = 'q1'): AgentRinging {
    return { type: 'agent-ringing', at, callId, queue, agent };
  },
  ringNoAnswer(
    callId: string,
    at: number,
    agent: string,
    ringSeconds = 15,
    queue = 'q1',
  ): AgentRingNoAnswer {
    return { type: 'agent-ring-no-answer', at, callId, queue, agent, ringSeconds };
  },
  answered(
    callId: string,
    at: number,
    agent: string,
    waitSeconds: number,
    queue = 'q1',
  ): AgentAnswered {
    return { type: 'agent-answered', at, callId, queue, agent, waitSeconds };
  },
  ended(
    callId: string,
    at: number,
    agent: string,
    talkSeconds: number,
    reason: CallEndReason = 'caller-hangup',
    queue = 'q1',
  ): CallEnded {
    return { type: 'call-ended', at, callId, queue, agent, talkSeconds, reason };
  },
  abandoned(callId: string, at: number, waitSeconds: number, queue = 'q1'): CallerAbandoned {
    return { type: 'caller-abandoned', at, callId, queue, waitSeconds };
  },
  exited(
    callId: string,
    at: number,
    waitSeconds: number,
    reason: ExitReason,
    queue = 'q1',
  ): CallerExited {
    return { type: 'caller-exited', at, callId, queue, waitSeconds, reason };
  },
  refused(
    callId: string,
    at: number,
    reason: RefusalReason = 'full',
    o: JoinOptions = {},
  ): CallerRefused {
    return {
      type: 'caller-refused',
      at,
      callId,
      contactId: o.contactId ?? `contact-${callId}`,
      queue: o.queue ?? 'q1',
      reason,
      ...(o.line !== undefined ? { line: o.line } : {}),
    };
  },
  agentState(
    agent: string,
    at: number,
    state: AgentState,
    pauseReason?: string,
    queues?: readonly string[],
  ): AgentStateChanged {
    return {
      type: 'agent-state-changed',
      at,
      agent,
      state,
      ...(pauseReason !== undefined ? { pauseReason } : {}),
      ...(queues !== undefined ? { queues } : {}),
    };
  },
  rated(
    ratingId: string,
    at: number,
    score: number,
    o: { queue?: string; agent?: string; callId?: string; contactId?: string } = {},
  ): SurveyRated {
    return {
      type: 'survey-rated',
      at,
      ratingId,
      queue: o.queue ?? 'q1',
      score,
      ...(o.agent !== undefined ? { agent: o.agent } : {}),
      ...(o.callId !== undefined ? { callId: o.callId } : {}),
      ...(o.contactId !== undefined ? { contactId: o.contactId } : {}),
    };
  },
};

export interface AnsweredCallSpec extends JoinOptions {
  readonly callId: string;
  readonly joinAt: number;
  readonly waitSeconds: number;
  readonly talkSeconds: number;
  readonly agent?: string;
}

/** Join, ring, answer and end of one answered queue call, with consistent times. */
export function answeredCall(spec: AnsweredCallSpec): CallEvent[] {
  const agent = spec.agent ?? 'agent-1';
  const queue = spec.queue ?? 'q1';
  const answerAt = spec.joinAt + spec.waitSeconds * SECOND;
  return [
    ev.joined(spec.callId, spec.joinAt, spec),
    ev.ringing(spec.callId, answerAt - 2 * SECOND, agent, queue),
    ev.answered(spec.callId, answerAt, agent, spec.waitSeconds, queue),
    ev.ended(
      spec.callId,
      answerAt + spec.talkSeconds * SECOND,
      agent,
      spec.talkSeconds,
      'caller-hangup',
      queue,
    ),
  ];
}

/**
 * A caller timing out of one queue (`first` visit) and joining the next at that instant (`next`
 * visit): two visits, one contact.
 */
export function overflowAfterTimeout(
  first: string,
  next: string,
  joinAt: number,
  waitSeconds: number,
  o: { readonly contactId: string; readonly from?: string; readonly to?: string },
): CallEvent[] {
  const from = o.from ?? 'q1';
  const exitAt = joinAt + waitSeconds * SECOND;
  return [
    ev.joined(first, joinAt, { queue: from, contactId: o.contactId }),
    ev.exited(first, exitAt, waitSeconds, 'timeout', from),
    ev.joined(next, exitAt, { queue: o.to ?? 'q2', contactId: o.contactId }),
  ];
}

/** Applies events in order and returns each outcome. */
export function applyAll(
  engine: { apply(e: CallEvent): string },
  events: readonly CallEvent[],
): string[] {
  return events.map((e) => engine.apply(e));
}
