import type { SimAgent } from '../model/model-event';

/*
 * app_queue prints a member's state interface, statistics and pause the same way in its events
 * (QueueMemberStatus…, queue_member_blob_create) and in the QueueStatus list (QueueMember,
 * manager_queues_status); only the names of the member and the InCall/Status lines differ.
 */

/** StateInterface … LoginTime. */
export function memberStatistics(agent: SimAgent): [string, string][] {
  return [
    ['StateInterface', agent.iface],
    ['Membership', 'dynamic'],
    ['Penalty', '0'],
    ['CallsTaken', String(agent.callsTaken)],
    ['LastCall', String(agent.lastCall)],
    ['LastPause', String(agent.lastPause)],
    ['LoginTime', String(agent.loginTime)],
  ];
}

/** Paused and PausedReason. */
export function memberPause(agent: SimAgent): [string, string][] {
  const paused = agent.status === 'paused';
  return [
    ['Paused', paused ? '1' : '0'],
    ['PausedReason', paused ? agent.pauseReason : ''],
  ];
}
