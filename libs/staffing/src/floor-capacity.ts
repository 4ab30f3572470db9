import type { AgentState } from '@hotline/call-events';
import {
  type AgentWorkConfig,
  type PauseActivity,
  type PauseKind,
  pauseActivity,
} from '@hotline/kpi';

/** One agent as the floor count reads it: its shown state and, when paused, what for. */
export interface FloorAgent {
  readonly state: AgentState;
  /** The configured meaning of its pause reason (agents.pauseReasons); undefined: not named. */
  readonly pauseActivity?: PauseActivity;
}

/**
 * Where the agents on duty are (在岗 = 可接 + 话后 + 小休…): the staffing advice says where the
 * capacity went.
 */
export interface FloorCapacity {
  /** Logged in (出勤人工客服数量). */
  readonly onDuty: number;
  /** 可接: logged in, not paused, not in wrap-up (idle, ringing or talking). */
  readonly ableToAnswer: number;
  /** 话后: in wrap-up (the PBX's wrap-up, or a pause whose reason means after-call work). */
  readonly afterCallWork: number;
  /** Paused for anything but after-call work, by kind; `other`: a reason the config does not name. */
  readonly paused: number;
  readonly pausedByKind: Readonly<Record<PauseKind, number>>;
  /**
   * 可接 + 话后: the agents working the calls. The handle time holds the after-call work, so an
   * agent in wrap-up is a busy server of Erlang's model exactly like one talking; this is the
   * count the agents needed are compared with (leaving 话后 out as well would count the
   * after-call work twice).
   */
  readonly answering: number;
}

/** Counts the floor by state; paused agents by what their pause reason means. */
export function floorCapacity(agents: readonly FloorAgent[]): FloorCapacity {
  let onDuty = 0;
  let ableToAnswer = 0;
  let afterCallWork = 0;
  const pausedByKind: Record<PauseKind, number> = { break: 0, training: 0, meeting: 0, other: 0 };
  for (const agent of agents) {
    if (agent.state === 'logged-out') continue;
    onDuty++;
    if (agent.state === 'wrap-up') afterCallWork++;
    else if (agent.state === 'paused') {
      // A pause meant for after-call work is shown as wrap-up already; were it not, it still is.
      if (agent.pauseActivity === 'after-call-work') afterCallWork++;
      else pausedByKind[agent.pauseActivity ?? 'other']++;
    } else ableToAnswer++;
  }
  return {
    onDuty,
    ableToAnswer,
    afterCallWork,
    paused: onDuty - ableToAnswer - afterCallWork,
    pausedByKind,
    answering: ableToAnswer + afterCallWork,
  };
}

/** The floor of the snapshot's agents: each pause reason read as `agents.pauseReasons` means it. */
export function floorOf(
  agents: readonly { readonly state: AgentState; readonly pauseReason: string | null }[],
  work: AgentWorkConfig,
): FloorCapacity {
  return floorCapacity(
    agents.map((agent) => ({
      state: agent.state,
      pauseActivity: pauseActivity(agent.pauseReason ?? undefined, work),
    })),
  );
}
