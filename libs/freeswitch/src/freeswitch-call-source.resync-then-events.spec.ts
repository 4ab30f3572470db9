import type { CallEvent, PbxInFlightView } from '@hotline/call-events';
import { FreeswitchCallSource } from './freeswitch-call-source';
import { FakeEslServer } from './testing/fake-esl-server.factory';

const MEMBERS = `queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state|score
12345@default|single_box|m-1|s-1|79300000000|caller|1795918900|1795918900|0|0|0|0|0|||Waiting|0
+OK
`;
const AGENTS = `name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count
1001@default|single_box||callback|loopback/agentphone_1001|On Break|Waiting|3|0|0|0|0|0|0|0|0|0|0|0|0|0
+OK
`;

/** A member's end (CUSTOM callcenter::info member-queue-end, caller hung up), as FreeSWITCH sends it. */
function memberEnd(member: string, session: string, joined: number, left: number, atUs: string) {
  return {
    'Event-Name': 'CUSTOM',
    'Event-Subclass': 'callcenter::info',
    'Event-Date-Timestamp': atUs,
    'CC-Action': 'member-queue-end',
    'CC-Queue': '12345@default',
    'CC-Member-UUID': member,
    'CC-Member-Session-UUID': session,
    'CC-Cause': 'Cancel',
    'CC-Cancel-Reason': 'BREAK_OUT',
    'CC-Member-Joined-Time': String(joined),
    'CC-Member-Leaving-Time': String(left),
  };
}

/**
 * The resync's commands answered; `whileListing` is sent just before the member list's reply.
 * mod_dptools prints switch_micro_time_now() for strmicroepoch: the view is dated by the PBX's clock.
 */
function answerResync(server: FakeEslServer, whileListing: Record<string, string>): void {
  server.onCommand = ({ socket }, command) => {
    if (command === 'api callcenter_config queue list members 12345@default') {
      FakeEslServer.event(socket, whileListing);
      FakeEslServer.apiResponse(socket, MEMBERS);
    } else if (command === 'api callcenter_config agent list')
      FakeEslServer.apiResponse(socket, AGENTS);
    else if (command === 'api callcenter_config tier list')
      FakeEslServer.apiResponse(socket, 'queue|agent|state|level|position\n+OK\n');
    else if (command === 'api strmicroepoch') FakeEslServer.apiResponse(socket, '1795918910500000');
  };
}

describe(FreeswitchCallSource.name, () => {
  let server: FakeEslServer;
  let source: FreeswitchCallSource | undefined;

  beforeEach(() => {
    server = new FakeEslServer();
  });

  afterEach(async () => {
    await source?.stop();
    await server.close();
  });

  it('hands over the in-flight view first, then the events that arrived during the resync, mapped', async () => {
    const port = await server.listen();
    // An event overtakes the resync reply: it must be delivered after the view.
    answerResync(server, memberEnd('m-1', 's-1', 1795918900, 1795918910, '1795918910000000'));
    const order: string[] = [];
    let view: PbxInFlightView | undefined;
    const delivered = new Promise<CallEvent[]>((resolve) => {
      source = new FreeswitchCallSource({
        esl: { host: '127.0.0.1', port, password: 'ClueCon' },
        queues: ['12345@default'],
        now: () => 1795918911_000,
      });
      source.start({
        onLink: (up) => order.push(`link:${up}`),
        onResync: (v) => {
          view = v;
          order.push('resync');
        },
        onEvents: (events) => {
          order.push('events');
          resolve(events);
        },
      });
    });
    const events = await delivered;
    expect(order).toEqual(['link:true', 'resync', 'events']);
    expect(view?.at).toBe(1795918910500);
    expect(view?.waiting.map((w) => w.callId)).toEqual(['m-1']);
    expect(view?.agents).toEqual([
      { agent: '1001@default', state: 'paused', pauseReason: 'On Break', queues: [] },
    ]);
    expect(events).toEqual([
      {
        type: 'caller-abandoned',
        at: 1795918910000,
        callId: 'm-1',
        queue: '12345@default',
        waitSeconds: 10,
      },
    ]);
    expect(source?.ready).toBe(true);
  });

  it('gives a caller who left between the view’s instant and the list read whole, from its end', async () => {
    const port = await server.listen();
    // m-2 joined while no link was attached and hung up after strmicroepoch was read:
    // FreeSWITCH has already removed it from the members, and its end is the link's first word of it.
    answerResync(server, {
      ...memberEnd('m-2', 's-2', 1795918880, 1795918910, '1795918910800000'),
      'CC-Member-CID-Number': '79300000002',
    });
    const events = await new Promise<CallEvent[]>((resolve) => {
      source = new FreeswitchCallSource({
        esl: { host: '127.0.0.1', port, password: 'ClueCon' },
        queues: ['12345@default'],
        now: () => 1795918911_000,
      });
      source.start({ onLink: () => undefined, onResync: () => undefined, onEvents: resolve });
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'caller-joined-queue',
        at: 1795918880_000,
        callId: 'm-2',
        contactId: 's-2',
      }),
      expect.objectContaining({ type: 'caller-abandoned', callId: 'm-2', waitSeconds: 30 }),
    ]);
  });

  it('refuses a queue name that would add words to the api command', () => {
    expect(
      () =>
        new FreeswitchCallSource({
          esl: { host: '127.0.0.1', port: 1, password: 'x' },
          queues: ['12345@default hupall'],
        }),
    ).toThrow(expect.objectContaining({ code: 'ESL_ERR_INJECTION' }));
  });
});
