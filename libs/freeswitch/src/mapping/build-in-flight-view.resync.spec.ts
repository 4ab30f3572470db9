import { buildInFlightView } from './build-in-flight-view';

const MEMBERS = `queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state|score
12345@default|single_box|m-wait|s-wait|79377840126|张|三|1795918900|1795918918|0|0|0|0|0|||Waiting|0
12345@default|single_box|m-try|s-try|79300000000|caller|1795918920|1795918920|0|0|0|0|0|1002@default|single_box|Trying|0
12345@default|single_box|m-talk|s-talk|79300000001|caller|1795918800|1795918800|0|1795918810|0|0|0|1001@default|single_box|Answered|0
12345@default|single_box|m-gone|s-gone|79300000002|caller|1795918700|1795918700|0|0|1795918760|0|0|||Abandoned|0
+OK
`;

const AGENTS = `name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count
1001@default|single_box||callback|loopback/agentphone_1001|Available|In a queue call|3|0|0|0|0|1795918810|0|1795918808|1795918800|0|4|100|0|0
1002@default|single_box||callback|loopback/agentphone_1002|Available|Receiving|3|0|0|0|0|0|0|1795918920|1795918800|0|0|0|0|0
1004@default|single_box||callback|loopback/agentphone_1004|On Break|Waiting|3|0|0|0|0|0|0|0|1795918800|0|0|0|0|0
1005@default|single_box||callback|loopback/agentphone_1005|Logged Out|Waiting|3|0|0|0|0|0|0|0|1795918800|0|0|0|0|0
+OK
`;

const TIERS = `queue|agent|state|level|position
12345@default|1001@default|Ready|1|1
12345@default|1004@default|Ready|1|1
+OK
`;

/** The ids, queue and number of MEMBERS' row m-<id> (session s-<id>), as the view gives them. */
function memberRow(id: string, callerNumber: string) {
  return { callId: `m-${id}`, contactId: `s-${id}`, queue: '12345@default', callerNumber };
}

describe(buildInFlightView.name, () => {
  const view = buildInFlightView(MEMBERS, AGENTS, 1795918930_000, TIERS);

  it('lists waiting and offered members as waiting, with the joined epoch, even with a | in the caller name', () => {
    expect(view.waiting).toEqual([
      { ...memberRow('wait', '79377840126'), joinedAt: 1795918918_000 },
      { ...memberRow('try', '79300000000'), joinedAt: 1795918920_000 },
    ]);
  });

  it('lists bridged members as talking, with mod_callcenter’s own join and bridge times, and drops abandoned leftovers', () => {
    expect(view.talking).toEqual([
      {
        ...memberRow('talk', '79300000001'),
        agent: '1001@default',
        joinedAt: 1795918800_000,
        answeredAt: 1795918810_000,
        waitSeconds: 10,
        times: 'ledger',
      },
    ]);
    expect(view.at).toBe(1795918930_000);
  });

  it('combines agent status and state and fills queues from the tier list', () => {
    expect(view.agents).toEqual([
      { agent: '1001@default', state: 'on-call', queues: ['12345@default'] },
      { agent: '1002@default', state: 'ringing', queues: [] },
      {
        agent: '1004@default',
        state: 'paused',
        pauseReason: 'On Break',
        queues: ['12345@default'],
      },
      { agent: '1005@default', state: 'logged-out', queues: [] },
    ]);
  });

  it('gives an empty view for an -ERR reply', () => {
    expect(buildInFlightView('-ERR Queue not found\n', '+OK\n', 1)).toEqual({
      at: 1,
      waiting: [],
      talking: [],
      agents: [],
    });
  });
});
