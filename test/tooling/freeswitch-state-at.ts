/**
 * What a real FreeSWITCH 1.10 mod_callcenter would answer `callcenter_config queue list members`,
 * `agent list` and `tier list` with at one instant of a recorded Event Socket capture
 * (test/fixtures/freeswitch), rebuilt from the capture's callcenter events before it and the
 * configuration it ran with (callcenter.conf.xml) — so an attach test can present the monitor
 * with the PBX as it was then.
 *
 * The members table as mod_callcenter.c keeps it: a row per member-queue-start (state Waiting,
 * joined_epoch = cc_queue_joined_epoch); agent-offering → Trying with serving_agent;
 * bridge-agent-fail → Waiting again; bridge-agent-start → Answered, bridge_epoch = the bridge's
 * second (`UPDATE members SET state = 'Answered', bridge_epoch = local_epoch_time_now`); a
 * member-queue-end Cancel leaves the row as Abandoned (`session_uuid = ''`, abandoned_epoch), a
 * Terminated one (the bridge ended) deletes it. Agents: the configured ones, with the status and
 * state their last agent-status-change / agent-state-change gave.
 */
import type { EslEvent } from '@hotline/freeswitch';

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

export interface CallcenterConfig {
  readonly agents: readonly { readonly name: string; readonly status: string }[];
  readonly tiers: readonly { readonly agent: string; readonly queue: string }[];
}

/** The agents (with their configured status) and tiers of a callcenter.conf.xml. */
export function parseCallcenterConfig(xml: string): CallcenterConfig {
  const attrs = (tag: string) =>
    [...xml.matchAll(new RegExp(`<${tag}\\s([^>]*)/>`, 'g'))].map((m) =>
      Object.fromEntries([...m[1].matchAll(/(\w[\w-]*)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
    );
  return {
    agents: attrs('agent').map((a) => ({ name: a.name, status: a.status ?? 'Logged Out' })),
    tiers: attrs('tier').map((t) => ({ agent: t.agent, queue: t.queue })),
  };
}

export interface CallcenterStateAt {
  readonly at: number;
  /** `callcenter_config queue list members <queue>` output, per queue. */
  readonly members: ReadonlyMap<string, string>;
  readonly agents: string;
  readonly tiers: string;
}

function table(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [columns.join('|'), ...rows.map((r) => r.join('|')), '+OK', ''].join('\n');
}

interface Member {
  queue: string;
  uuid: string;
  sessionUuid: string;
  cidNumber: string;
  cidName: string;
  joined: string;
  bridge: string;
  abandoned: string;
  servingAgent: string;
  state: 'Waiting' | 'Trying' | 'Answered' | 'Abandoned';
}

/** The lists at `at` from the callcenter events before it (`before`, in capture order). */
export function callcenterStateAt(
  before: readonly EslEvent[],
  at: number,
  config: CallcenterConfig,
  queues: readonly string[],
): CallcenterStateAt {
  const members = new Map<string, Member>();
  const agents = new Map(
    config.agents.map((a) => [
      a.name,
      { status: a.status, state: 'Waiting', lastStatusChange: '0' },
    ]),
  );
  for (const event of before) {
    if (event.subclass !== 'callcenter::info') continue;
    const action = event.get('CC-Action') ?? '';
    const uuid = event.get('CC-Member-UUID') ?? '';
    const member = members.get(uuid);
    const second = String(Math.floor((event.timestampMs ?? at) / 1000));
    switch (action) {
      case 'member-queue-start':
        members.set(uuid, {
          queue: event.get('CC-Queue') ?? '',
          uuid,
          sessionUuid: event.get('CC-Member-Session-UUID') ?? '',
          cidNumber: event.get('CC-Member-CID-Number') ?? '',
          cidName: event.get('CC-Member-CID-Name') ?? '',
          joined: event.variable('cc_queue_joined_epoch') ?? second,
          bridge: '0',
          abandoned: '0',
          servingAgent: '',
          state: 'Waiting',
        });
        break;
      case 'agent-offering':
        if (member)
          Object.assign(member, { state: 'Trying', servingAgent: event.get('CC-Agent') ?? '' });
        break;
      case 'bridge-agent-fail':
        if (member && member.state === 'Trying')
          Object.assign(member, { state: 'Waiting', servingAgent: '' });
        break;
      case 'bridge-agent-start':
        if (member)
          Object.assign(member, {
            state: 'Answered',
            servingAgent: event.get('CC-Agent') ?? member.servingAgent,
            bridge: event.get('CC-Agent-Answered-Time') ?? second,
          });
        break;
      case 'member-queue-end':
        if (event.get('CC-Cause') === 'Terminated') members.delete(uuid);
        else if (member)
          Object.assign(member, { state: 'Abandoned', sessionUuid: '', abandoned: second });
        break;
      case 'agent-status-change':
      case 'agent-state-change': {
        const name = event.get('CC-Agent') ?? '';
        const agent = agents.get(name) ?? {
          status: 'Logged Out',
          state: 'Waiting',
          lastStatusChange: '0',
        };
        if (action === 'agent-status-change') {
          agent.status = event.get('CC-Agent-Status') ?? agent.status;
          agent.lastStatusChange = second;
        } else agent.state = event.get('CC-Agent-State') ?? agent.state;
        agents.set(name, agent);
        break;
      }
      default:
        break;
    }
  }
  const nowSecond = Math.floor(at / 1000);
  const byQueue = new Map<string, string>();
  for (const queue of queues) {
    const rows = [...members.values()]
      .filter((m) => m.queue === queue)
      .map((m) => [
        m.queue,
        'single_box',
        m.uuid,
        m.sessionUuid,
        m.cidNumber,
        m.cidName,
        m.joined,
        m.joined,
        0,
        m.bridge,
        m.abandoned,
        0,
        0,
        m.servingAgent,
        m.servingAgent ? 'single_box' : '',
        m.state,
        Math.max(0, nowSecond - Number(m.joined)),
      ]);
    byQueue.set(queue, table(MEMBER_COLUMNS, rows));
  }
  const agentRows = [...agents.entries()].map(([name, a]) => [
    name,
    'single_box',
    '',
    'callback',
    '[leg_timeout=15]loopback/agent',
    a.status,
    a.state,
    3,
    5,
    10,
    30,
    10,
    0,
    0,
    0,
    a.lastStatusChange,
    0,
    0,
    0,
    0,
    0,
  ]);
  const tierRows = config.tiers.map((t) => [t.queue, t.agent, 'Ready', 1, 1]);
  return {
    at,
    members: byQueue,
    agents: table(AGENT_COLUMNS, agentRows),
    tiers: table(['queue', 'agent', 'state', 'level', 'position'], tierRows),
  };
}
