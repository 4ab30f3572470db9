import type {
  AgentPresence,
  PbxInFlightView,
  TalkingCaller,
  WaitingCaller,
} from '@hotline/call-events';
import { positiveWholeSeconds } from '../protocol/field-values';
import { combineAgentState } from './callcenter-agent-state';
import { parseCallcenterTable } from './callcenter-table';

/** An agent row of `callcenter_config agent list`, reduced to what the monitor uses. */
export interface CallcenterAgentRow {
  readonly agent: string;
  readonly status: string;
  readonly state: string;
  /** `wrap_up_time`: seconds mod_callcenter keeps the agent from calls after each call. */
  readonly wrapUpSeconds?: number;
}

/**
 * Builds the in-flight view on (re)connect from
 *  - `api callcenter_config queue list members <queue>` (one output per queue, concatenated or
 *    passed as an array): columns queue|instance_id|uuid|session_uuid|cid_number|cid_name|
 *    system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|
 *    skill_score|serving_agent|serving_system|state|score; member state Waiting / Trying
 *    (offered to an agent) / Answered (bridged to serving_agent);
 *  - `api callcenter_config agent list`: name|instance_id|uuid|type|contact|status|state|...;
 *  - optionally `api callcenter_config tier list` (queue|agent|state|level|position) to fill
 *    each agent's queues; without it the queues are left empty.
 * callId is the member uuid, as in the events (CC-Member-UUID). joined_epoch and bridge_epoch
 * are mod_callcenter's own whole-second times, the ones it writes to the CDR
 * (`cc_queue_joined_epoch`, `cc_queue_answered_epoch`): a talking member's times are the
 * ledger's. The line (热线) is not in the members table: FreeswitchEventMapper.seedMembers
 * takes it from the member's next event that carries the channel variable.
 */
export function buildInFlightView(
  membersListOutput: string | readonly string[],
  agentsListOutput: string,
  at: number,
  tierListOutput?: string,
): PbxInFlightView {
  const memberOutputs =
    typeof membersListOutput === 'string' ? [membersListOutput] : membersListOutput;
  const waiting: WaitingCaller[] = [];
  const talking: TalkingCaller[] = [];
  for (const output of memberOutputs) {
    for (const row of parseCallcenterTable(output)) {
      const callId = row.uuid;
      if (!callId) continue;
      const joined = positiveWholeSeconds(row.joined_epoch);
      const caller = {
        callId,
        contactId: row.session_uuid || callId,
        queue: row.queue,
        ...(row.cid_number ? { callerNumber: row.cid_number } : {}),
      };
      if (row.state === 'Answered') {
        const bridged = positiveWholeSeconds(row.bridge_epoch);
        const wait =
          joined !== undefined && bridged !== undefined ? Math.max(0, bridged - joined) : undefined;
        const joinedAt = (joined ?? bridged ?? Math.floor(at / 1000)) * 1000;
        talking.push({
          ...caller,
          ...(row.serving_agent ? { agent: row.serving_agent } : {}),
          joinedAt,
          answeredAt: Math.max(joinedAt, (bridged ?? Math.floor(at / 1000)) * 1000),
          ...(wait !== undefined ? { waitSeconds: wait } : {}),
          times: wait !== undefined ? 'ledger' : 'estimate',
        });
      } else if (row.state === 'Waiting' || row.state === 'Trying') {
        waiting.push({ ...caller, joinedAt: joined !== undefined ? joined * 1000 : at });
      }
      // Abandoned / Unknown members are leftovers mod_callcenter has not cleaned up yet.
    }
  }
  const queuesByAgent = new Map<string, string[]>();
  for (const tier of tierListOutput ? parseCallcenterTable(tierListOutput) : []) {
    if (!tier.agent || !tier.queue) continue;
    queuesByAgent.set(tier.agent, [...(queuesByAgent.get(tier.agent) ?? []), tier.queue]);
  }
  const agents: AgentPresence[] = parseAgentList(agentsListOutput).map(
    ({ agent, status, state }) => {
      const combined = combineAgentState({ status, state });
      return {
        agent,
        state: combined.state,
        ...(combined.pauseReason !== undefined ? { pauseReason: combined.pauseReason } : {}),
        queues: queuesByAgent.get(agent) ?? [],
      };
    },
  );
  return { at, waiting, talking, agents };
}

export function parseAgentList(agentsListOutput: string): CallcenterAgentRow[] {
  return parseCallcenterTable(agentsListOutput)
    .filter((row) => row.name)
    .map((row) => {
      const wrapUp = row.wrap_up_time !== undefined ? Number(row.wrap_up_time) : NaN;
      return {
        agent: row.name,
        status: row.status,
        state: row.state,
        ...(Number.isInteger(wrapUp) && wrapUp >= 0 ? { wrapUpSeconds: wrapUp } : {}),
      };
    });
}
