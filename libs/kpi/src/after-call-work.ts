import type { AgentState, CallEnded } from '@hotline/call-events';
import { wholeSecond } from './counting-rules';

/**
 * What a pause reason means on the floor. `after-call-work` (话后) is shown and counted as
 * wrap-up; the others stay paused, with their kind beside the PBX's reason.
 */
export const PAUSE_ACTIVITIES = ['after-call-work', 'break', 'training', 'meeting'] as const;
export type PauseActivity = (typeof PAUSE_ACTIVITIES)[number];

/** What a pause (other than after-call work, shown as wrap-up) takes an agent away for. */
export const PAUSE_KINDS = ['break', 'training', 'meeting', 'other'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** The monitor's `agents.*` config: after-call work the PBX does not report by itself. */
export interface AgentWorkConfig {
  /**
   * Wrap-up after every answered call, seconds, when the PBX does not say the agent's own
   * (Asterisk: a queue's `wrapuptime` is not on AMI). 0: none.
   */
  readonly wrapUpSeconds: number;
  /** Per queue, overriding `wrapUpSeconds` (queues.conf `wrapuptime` per queue). */
  readonly wrapUpSecondsByQueue: Readonly<Record<string, number>>;
  /** PBX pause reason → what it means (`话后: after-call-work`, `小休: break`…). */
  readonly pauseReasons: Readonly<Record<string, PauseActivity>>;
}

export const DEFAULT_AGENT_WORK_CONFIG: AgentWorkConfig = {
  wrapUpSeconds: 0,
  wrapUpSecondsByQueue: {},
  // The reasons centres (and the simulator) commonly give, so a break reads 小休 out of the box;
  // a centre's own `agents.pauseReasons` replaces the whole map.
  pauseReasons: {
    话后: 'after-call-work',
    小休: 'break',
    培训: 'training',
    会议: 'meeting',
    break: 'break',
    training: 'training',
    meeting: 'meeting',
  },
};

/**
 * Seconds of wrap-up after a call, as the PBX applies it: the agent's own value when the PBX
 * reports one (app_queue get_wrapuptime: the member's `Wrapuptime` when set, else the
 * queue's; mod_callcenter: the agent's `wrap-up-time`), else the configured queue's, else the
 * configured default.
 */
export function wrapUpSecondsAfter(
  ended: Pick<CallEnded, 'queue' | 'wrapUpSeconds'>,
  config: AgentWorkConfig,
): number {
  if (ended.wrapUpSeconds !== undefined && ended.wrapUpSeconds >= 0) return ended.wrapUpSeconds;
  return config.wrapUpSecondsByQueue[ended.queue] ?? config.wrapUpSeconds;
}

/**
 * The instant the PBX's wrap-up after a call ending at `endedAt` (ms) is over. Both PBXs keep
 * the end in whole seconds (app_queue `lastcall = time(NULL)` and offers again once
 * `time(NULL) - lastcall >= wrapuptime`; mod_callcenter `last_bridge_end`), so the wrap-up ends
 * on the PBX's second: `⌊endedAt⌋ + N s`. (mod_callcenter compares strictly
 * — `last_bridge_end < now - wrap_up_time` — and offers one whole second later still.)
 */
export function wrapUpEndsAt(endedAt: number, wrapUpSeconds: number): number {
  return (wholeSecond(endedAt) + wrapUpSeconds) * 1000;
}

/** The configured meaning of a pause reason; undefined when the config does not name it. */
export function pauseActivity(
  reason: string | undefined,
  config: AgentWorkConfig,
): PauseActivity | undefined {
  if (reason === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(config.pauseReasons, reason)
    ? config.pauseReasons[reason]
    : undefined;
}

/** The state shown for a state the PBX reported: a pause for after-call work is wrap-up. */
export function shownAgentState(
  state: AgentState,
  pauseReason: string | undefined,
  config: AgentWorkConfig,
): AgentState {
  return state === 'paused' && pauseActivity(pauseReason, config) === 'after-call-work'
    ? 'wrap-up'
    : state;
}
