import type { AgentState } from '@hotline/call-events';
import { type AgentWorkConfig, type PauseKind, pauseActivity } from './after-call-work';

/**
 * What a shift leader acts on: a talk past the KPI's long-talk threshold (超5分钟, the same
 * `kpi.longTalkSeconds` the over-5-minute rate counts with) and a pause past its kind's limit
 * (`agents.breakLimitMinutes`). The boards flag an agent the moment this says so, counting up
 * between pushes from `overAfter`.
 */
export type BreakLimitMinutes = Readonly<Record<PauseKind, number>>;

/** A 10-minute break, an hour of training or a meeting; a pause the config does not name: 10. */
export const DEFAULT_BREAK_LIMIT_MINUTES: BreakLimitMinutes = {
  break: 10,
  training: 60,
  meeting: 60,
  other: 10,
};

export interface TimeInStateLimits {
  /** The KPI's over-5-minute threshold (kpi.longTalkSeconds): a talk longer than this. */
  readonly longTalkSeconds: number;
  /** Per pause kind: a pause longer than this many minutes. */
  readonly breakLimitMinutes: BreakLimitMinutes;
  /** What each pause reason means (agents.pauseReasons). */
  readonly work: AgentWorkConfig;
}

/** One agent's current state as the limits read it. */
export interface AgentInState {
  readonly state: AgentState;
  /** Start of the state (PBX clock, ms). */
  readonly since: number;
  readonly pauseReason: string | null;
  /**
   * When the call the agent is talking on was answered (the KPI's talk start), when known;
   * the state's start otherwise.
   */
  readonly answeredAt?: number | null;
}

export interface TimeInStateLimit {
  /** long-talk: 超5分钟; long-pause: a pause of `pauseKind` past its limit. */
  readonly kind: 'long-talk' | 'long-pause';
  readonly pauseKind: PauseKind | null;
  readonly limitSeconds: number;
  /** Over the limit at any instant strictly after this one (PBX clock, ms). */
  readonly overAfter: number;
}

/** The limit the agent's current state runs against; null when the state has none. */
export function timeInStateLimit(
  agent: AgentInState,
  limits: TimeInStateLimits,
): TimeInStateLimit | null {
  if (agent.state === 'on-call') {
    return {
      kind: 'long-talk',
      pauseKind: null,
      limitSeconds: limits.longTalkSeconds,
      overAfter: longTalkAfter(agent.answeredAt ?? agent.since, limits.longTalkSeconds),
    };
  }
  if (agent.state !== 'paused') return null;
  const activity = pauseActivity(agent.pauseReason ?? undefined, limits.work);
  // A pause meant for after-call work is wrap-up, not a break.
  if (activity === 'after-call-work') return null;
  const pauseKind: PauseKind = activity ?? 'other';
  const limitSeconds = limits.breakLimitMinutes[pauseKind] * 60;
  return {
    kind: 'long-pause',
    pauseKind,
    limitSeconds,
    overAfter: agent.since + limitSeconds * 1000,
  };
}

/**
 * The instant after which a talk answered at `answeredAt` is over `longTalkSeconds`: talk
 * "over 5 minutes" is more than 300 s (exactly 300 is not), as the engine counts it live.
 */
export function longTalkAfter(answeredAt: number, longTalkSeconds: number): number {
  return answeredAt + longTalkSeconds * 1000;
}

/** Whether the state is over its limit at `now`. */
export function isOverLimit(limit: TimeInStateLimit | null, now: number): boolean {
  return limit !== null && now > limit.overAfter;
}
