import type { SimAgent } from '../model/model-event';
import type { CallcenterAgentRow, CallcenterMemberRow } from './callcenter-event-renderer';
import { eslAgentName, eslQueueName } from './esl-identities';

/**
 * The text mod_callcenter 1.10 prints for `callcenter_config … list` (mod_callcenter.c
 * list_result_callback: a `|`-separated header of the table's columns, one row per record,
 * `+OK`), and `status` (switch_core's status API).
 */
const MEMBER_COLUMNS = [
  'queue',
  'instance_id',
  'uuid',
  'session_uuid',
  'cid_number',
  'cid_name',
  'system_epoch',
  'joined_epoch',
  'rejoined_epoch',
  'bridge_epoch',
  'abandoned_epoch',
  'base_score',
  'skill_score',
  'serving_agent',
  'serving_system',
  'state',
  'score',
];

const AGENT_COLUMNS = [
  'name',
  'instance_id',
  'uuid',
  'type',
  'contact',
  'status',
  'state',
  'max_no_answer',
  'wrap_up_time',
  'reject_delay_time',
  'busy_delay_time',
  'no_answer_delay_time',
  'last_bridge_start',
  'last_bridge_end',
  'last_offered_call',
  'last_status_change',
  'no_answer_count',
  'calls_answered',
  'talk_time',
  'ready_time',
  'external_calls_count',
];

const TIER_COLUMNS = ['queue', 'agent', 'state', 'level', 'position'];

function table(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [columns.join('|'), ...rows.map((r) => r.join('|')), '+OK', ''].join('\n');
}

/** `callcenter_config queue list members <queue>`. */
export function memberList(
  queue: string,
  members: readonly CallcenterMemberRow[],
  nowEpoch: number,
): string {
  const rows = members
    .filter((m) => m.queue === queue)
    .map((m) => [
      m.queue,
      'single_box',
      m.uuid,
      m.sessionUuid,
      m.cidNumber,
      m.cidName,
      m.systemEpoch,
      m.joinedEpoch,
      0,
      m.bridgeEpoch,
      0,
      0,
      0,
      m.servingAgent,
      m.state === 'Waiting' ? '' : 'single_box',
      m.state,
      // mod_callcenter's score: seconds since joining (+ base and skill scores, 0 here).
      Math.max(0, nowEpoch - m.joinedEpoch),
    ]);
  return table(MEMBER_COLUMNS, rows);
}

/** `callcenter_config agent list`: every configured agent, logged in or not. */
export function agentList(
  agents: readonly SimAgent[],
  rowOf: (name: string) => CallcenterAgentRow | undefined,
): string {
  const rows = agents.map((agent) => {
    const name = eslAgentName(agent.name);
    const row = rowOf(name);
    return [
      name,
      'single_box',
      '',
      'callback',
      `[call_timeout=15]user/${agent.name.replace(/^agent/, '')}`,
      row?.status ?? 'Logged Out',
      row?.state ?? 'Waiting',
      3,
      // mod_callcenter offers again once last_bridge_end < now - wrap_up_time: a hold of N
      // whole seconds after the call's second is wrap_up_time N − 1.
      Math.max(0, agent.wrapUpSeconds - 1),
      10,
      60,
      60,
      row?.lastBridgeStart ?? 0,
      row?.lastBridgeEnd ?? 0,
      row?.lastOfferedCall ?? 0,
      row?.lastStatusChange ?? 0,
      row?.noAnswerCount ?? 0,
      row?.callsAnswered ?? 0,
      row?.talkTime ?? 0,
      0,
      0,
    ];
  });
  return table(AGENT_COLUMNS, rows);
}

/** `callcenter_config tier list`: one tier per agent and queue it serves. */
export function tierList(agents: readonly SimAgent[]): string {
  const rows = agents.flatMap((agent) =>
    agent.queues.map((queue, i) => [
      eslQueueName(queue),
      eslAgentName(agent.name),
      'Ready',
      1,
      i + 1,
    ]),
  );
  return table(TIER_COLUMNS, rows);
}

/** `callcenter_config queue list`: the queues and their settings (a subset of the columns). */
export function queueList(queues: readonly { name: string; maxWaitSeconds: number }[]): string {
  return table(
    ['name', 'strategy', 'moh_sound', 'time_base_score', 'max_wait_time'],
    queues.map((q) => [
      eslQueueName(q.name),
      'longest-idle-agent',
      'local_stream://moh',
      'system',
      q.maxWaitSeconds,
    ]),
  );
}

/** `status` (switch_core.c status API), as FreeSWITCH 1.10.12 prints it. */
export function statusText(uptimeMs: number, sessions: number, sinceStartup: number): string {
  const s = Math.floor(uptimeMs / 1000);
  const up =
    `UP 0 years, ${Math.floor(s / 86400)} days, ${Math.floor((s % 86400) / 3600)} hours, ` +
    `${Math.floor((s % 3600) / 60)} minutes, ${s % 60} seconds, ${Math.floor(uptimeMs % 1000)} milliseconds, 0 microseconds`;
  return [
    up,
    'FreeSWITCH (Version 1.10.12-release 64bit) is ready',
    `${sinceStartup} session(s) since startup`,
    `${sessions} session(s) - peak ${sessions}, last 5min ${sessions} `,
    '0 session(s) per Sec out of max 30, peak 6, last 5min 6 ',
    '1000 session(s) max',
    'min idle cpu 0.00/91.20',
    'Current Stack Size/Max 240K/8192K',
    '',
  ].join('\n');
}
