import type { AgentState } from '@hotline/call-events';

/**
 * mod_callcenter keeps two independent fields per agent (mod_callcenter.c cc_agent_status /
 * cc_agent_state): the *status* the agent chose (`Logged Out`, `Available`,
 * `Available (On Demand)`, `On Break`) and the *state* of its current work (`Waiting`,
 * `Receiving`, `In a queue call`, `Idle`, `Reserved`). Our single AgentState combines them:
 * the work state wins while the agent is ringing or talking (an agent who chose On Break
 * mid-call is still on the call), otherwise the status decides.
 */
export interface CallcenterAgentFields {
  readonly status?: string;
  readonly state?: string;
}

export interface CombinedAgentState {
  readonly state: AgentState;
  readonly pauseReason?: string;
}

export function combineAgentState(fields: CallcenterAgentFields): CombinedAgentState {
  switch (fields.state) {
    case 'Receiving':
    case 'Reserved':
      return { state: 'ringing' };
    case 'In a queue call':
      return { state: 'on-call' };
    case undefined:
    default:
      break;
  }
  switch (fields.status) {
    case 'Logged Out':
      return { state: 'logged-out' };
    case 'On Break':
      return { state: 'paused', pauseReason: 'On Break' };
    case 'Available':
    case 'Available (On Demand)':
    case undefined:
      // `Idle` is a state an agent (or a supervisor) sets so that no calls are offered.
      return fields.state === 'Idle'
        ? { state: 'paused', pauseReason: 'Idle' }
        : { state: 'available' };
    default:
      // A status this code does not know (a newer FreeSWITCH): treat as not taking calls, keep the word.
      return { state: 'paused', pauseReason: fields.status };
  }
}
