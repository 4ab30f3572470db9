import { AmiEventMapper } from './ami-event-mapper';
import {
  type CallerChannel,
  amiMessage,
  complete,
  connect,
  join,
  leave,
  callerChannel,
  queueEntry,
} from './ami-event.factory';

const T0 = 1_795_918_800;
const WAITER = callerChannel('1795918790.50', '1795918790.49', { hotline: '12319' });
const TALKER = callerChannel('1795918780.40', '1795918780.39');

/** As manager.c action_coreshowchannels prints it: channel block, Application…BridgeId. */
function coreShowChannel(
  caller: CallerChannel,
  queue: string,
  bridged: boolean,
  duration = '00:00:07',
) {
  return amiMessage('CoreShowChannel', {
    Channel: `Local/s@callers-${caller.uniqueid};2`,
    CallerIDNum: caller.number ?? '',
    Uniqueid: caller.uniqueid,
    Linkedid: caller.linkedid,
    ChanVariable: `HOTLINE=${caller.hotline ?? ''}`,
    Application: 'Queue',
    ApplicationData: `${queue},crt,,,,,queue-connected`,
    Duration: duration,
    BridgeId: bridged ? bridgeOf(caller) : '',
  });
}

const bridgeOf = (caller: CallerChannel) => `b1d9e0f2-${caller.uniqueid}`;

/** The member's leg app_queue dialled, bridged with the caller (Local/<agent>@agents-<n>;1). */
function agentLeg(caller: CallerChannel, agent: string, duration: string, seq = '0000002a') {
  return amiMessage('CoreShowChannel', {
    Channel: `Local/${agent}@agents-${seq};1`,
    Uniqueid: `${caller.uniqueid}-leg`,
    Linkedid: caller.linkedid,
    ChanVariable: `HOTLINE=${caller.hotline ?? ''}`,
    Application: 'AppDial',
    ApplicationData: '(Outgoing Line)',
    Duration: duration,
    BridgeId: bridgeOf(caller),
  });
}

function queueMember(
  agent: string,
  queue: string,
  status: number,
  paused = false,
  reason = '',
  inCall = false,
) {
  return amiMessage('QueueMember', {
    Queue: queue,
    Name: agent,
    Location: `Local/${agent}@agents/n`,
    Status: String(status),
    Paused: paused ? '1' : '0',
    PausedReason: reason,
    InCall: inCall ? '1' : '0',
  });
}

describe(AmiEventMapper.name, () => {
  describe('buildInFlightView, after a (re)connect', () => {
    it('lists waiting callers with the call ids map() gave them, and talking calls with their answer', () => {
      const mapper = new AmiEventMapper();
      const [joined] = mapper.map(join(T0, WAITER, '12345'), 0);
      for (const m of [
        join(T0 - 20, TALKER, '12345'),
        leave(T0 - 10, TALKER, '12345'),
        connect(T0 - 10, TALKER, '12345', 'agent101', 10),
      ])
        mapper.map(m, 0);
      const view = mapper.buildInFlightView(
        [
          queueEntry(WAITER, '12345', 7, 'x'),
          queueMember('agent101', '12345', 2),
          queueMember('agent102', '12345', 1, true, 'meeting'),
        ],
        [coreShowChannel(WAITER, '12345', false), coreShowChannel(TALKER, '12345', true)],
        (T0 + 7) * 1000,
      );
      expect(view).toEqual({
        at: (T0 + 7) * 1000,
        // No QueueParams in this list: no configured queue to report.
        queues: [],
        waiting: [
          {
            callId: joined?.type === 'caller-joined-queue' ? joined.callId : 'missing',
            contactId: WAITER.linkedid,
            queue: '12345',
            line: '12319',
            callerNumber: WAITER.number,
            joinedAt: T0 * 1000,
          },
        ],
        talking: [
          {
            callId: `${TALKER.uniqueid}@12345`,
            contactId: TALKER.linkedid,
            queue: '12345',
            line: TALKER.hotline,
            callerNumber: TALKER.number,
            agent: 'agent101',
            joinedAt: (T0 - 20) * 1000,
            // No peer channel listed: its own age (7 s) is all the PBX says of the answer.
            answeredAt: T0 * 1000,
            times: 'estimate',
          },
        ],
        agents: [
          { agent: 'agent101', state: 'on-call', queues: ['12345'] },
          { agent: 'agent102', state: 'paused', pauseReason: 'meeting', queues: ['12345'] },
        ],
      });
      // Events after the view continue the same calls.
      expect(
        mapper.map(complete(T0 + 30, TALKER, '12345', 'agent101', 40, 'caller'), 0),
      ).toMatchObject([{ type: 'call-ended', callId: `${TALKER.uniqueid}@12345` }]);
    });

    it('gives a caller it never saw join the id map() would have given, and joinedAt = at − Wait', () => {
      const mapper = new AmiEventMapper();
      const view = mapper.buildInFlightView(
        [queueEntry(WAITER, '12345-en', 12, 'x')],
        [coreShowChannel(WAITER, '12345-en', false)],
        T0 * 1000,
      );
      expect(view.waiting).toMatchObject([
        {
          callId: `${WAITER.uniqueid}@12345-en`,
          joinedAt: (T0 - 12) * 1000,
          contactId: WAITER.linkedid,
        },
      ]);
      expect(mapper.map(leave(T0 + 1, WAITER, '12345-en'), 0)).toEqual([]);
      expect(mapper.map(connect(T0 + 1, WAITER, '12345-en', 'agent103', 13), 0)).toMatchObject([
        { type: 'agent-answered', callId: `${WAITER.uniqueid}@12345-en`, waitSeconds: 13 },
      ]);
    });

    it('lists every configured queue from QueueParams, even one with no member or caller', () => {
      const mapper = new AmiEventMapper();
      const params = (queue: string) =>
        amiMessage('QueueParams', { Queue: queue, Max: '0', Calls: '0' });
      const view = mapper.buildInFlightView(
        [params('12345-full'), params('12345'), queueMember('agent101', '12345', 1)],
        [],
        T0 * 1000,
      );
      expect(view.queues).toEqual(['12345', '12345-full']);
    });

    it('forgets calls the PBX no longer has, so their late events map to nothing', () => {
      const mapper = new AmiEventMapper();
      mapper.map(join(T0, WAITER, '12345'), 0);
      mapper.buildInFlightView([], [], (T0 + 60) * 1000);
      expect(mapper.map(connect(T0 + 61, WAITER, '12345', 'agent101', 61), 0)).toEqual([]);
    });
  });

  describe('buildInFlightView, callers talking when the monitor attaches', () => {
    const AT = T0 * 1000;

    it('takes a caller bridged inside Queue() as talking: agent from the bridged leg, times from channel ages', () => {
      const mapper = new AmiEventMapper();
      const view = mapper.buildInFlightView(
        [
          queueMember('agent101', '12345', 2, false, '', true),
          queueMember('agent102', '12345', 2, false, '', true),
        ],
        [
          coreShowChannel(TALKER, '12345', true, '00:04:21'),
          agentLeg(TALKER, 'agent102', '00:04:02'),
        ],
        AT,
      );
      expect(view.talking).toEqual([
        {
          callId: `${TALKER.uniqueid}@12345`,
          contactId: TALKER.linkedid,
          queue: '12345',
          line: TALKER.hotline,
          callerNumber: TALKER.number,
          agent: 'agent102',
          joinedAt: AT - 261_000,
          answeredAt: AT - 242_000,
          times: 'estimate',
        },
      ]);
      // The member leg is not a caller; the end that follows is matched to the call.
      expect(
        mapper.map(complete(T0 + 60, TALKER, '12345', 'agent102', 302, 'agent'), 0),
      ).toMatchObject([
        {
          type: 'call-ended',
          callId: `${TALKER.uniqueid}@12345`,
          agent: 'agent102',
          talkSeconds: 302,
        },
      ]);
    });

    it('matches an AgentComplete without the caller block by the bridged leg', () => {
      const mapper = new AmiEventMapper();
      mapper.buildInFlightView(
        [queueMember('agent101', '12345', 2, false, '', true)],
        [
          coreShowChannel(TALKER, '12345', true, '00:01:00'),
          agentLeg(TALKER, 'agent101', '00:00:50'),
        ],
        AT,
      );
      const bare = amiMessage('AgentComplete', {
        Timestamp: String(T0 + 5),
        DestUniqueid: `${TALKER.uniqueid}-leg`,
        Queue: '12345',
        Interface: 'Local/agent101@agents/n',
        MemberName: 'agent101',
        TalkTime: '55',
        Reason: 'caller',
      });
      expect(mapper.map(bare, 0)).toMatchObject([
        { type: 'call-ended', callId: `${TALKER.uniqueid}@12345`, talkSeconds: 55 },
      ]);
    });

    it('names the one member of the queue in a call when the bridged leg is not listed', () => {
      const mapper = new AmiEventMapper();
      const view = mapper.buildInFlightView(
        [queueMember('agent101', '12345', 1), queueMember('agent103', '12345', 2, false, '', true)],
        [coreShowChannel(TALKER, '12345', true, '00:00:30')],
        AT,
      );
      expect(view.talking[0]).toMatchObject({ agent: 'agent103', times: 'estimate' });
    });

    it('takes the exact join, answer, agent, line and call id from queue_log when given', () => {
      const mapper = new AmiEventMapper();
      const view = mapper.buildInFlightView(
        [
          queueMember('agent101', '12345', 2, false, '', true),
          queueEntry(WAITER, '12345', 12, 'x'),
        ],
        [
          coreShowChannel(TALKER, '12345', true, '00:04:21'),
          agentLeg(TALKER, 'agent101', '00:04:02'),
          coreShowChannel(WAITER, '12345', false, '00:00:13'),
        ],
        AT + 400,
        [
          // An earlier visit of the same channel to the same queue: the talk is its second.
          {
            callId: `${TALKER.uniqueid}@12345`,
            uniqueid: TALKER.uniqueid,
            queue: '12345',
            joinedAt: AT - 900_000,
          },
          {
            callId: `${TALKER.uniqueid}@12345#2`,
            uniqueid: TALKER.uniqueid,
            queue: '12345',
            joinedAt: AT - 260_000,
            line: '12319',
            answer: { at: AT - 241_000, waitSeconds: 19, agent: 'agent101' },
          },
          {
            callId: `${WAITER.uniqueid}@12345`,
            uniqueid: WAITER.uniqueid,
            queue: '12345',
            joinedAt: AT - 12_000,
          },
        ],
      );
      expect(view.talking).toEqual([
        expect.objectContaining({
          callId: `${TALKER.uniqueid}@12345#2`,
          agent: 'agent101',
          joinedAt: AT - 260_000,
          answeredAt: AT - 241_000,
          waitSeconds: 19,
          times: 'ledger',
        }),
      ]);
      expect(view.waiting).toEqual([
        expect.objectContaining({ callId: `${WAITER.uniqueid}@12345`, joinedAt: AT - 12_000 }),
      ]);
      // The channel's next visit to that queue is numbered after queue_log's.
      mapper.map(complete(T0 + 1, TALKER, '12345', 'agent101', 242, 'transfer'), 0);
      expect(mapper.map(join(T0 + 2, TALKER, '12345'), 0)).toMatchObject([
        { callId: `${TALKER.uniqueid}@12345#3` },
      ]);
    });

    it('takes the Join and AgentConnect of a talking caller, buffered while the lists were read, as the view’s call', () => {
      const mapper = new AmiEventMapper();
      const view = mapper.buildInFlightView(
        [queueMember('agent101', '12345', 2, false, '', true)],
        [
          coreShowChannel(TALKER, '12345', true, '00:00:09'),
          agentLeg(TALKER, 'agent101', '00:00:06'),
        ],
        AT,
      );
      expect(view.talking.map((t) => t.callId)).toEqual([`${TALKER.uniqueid}@12345`]);
      expect(mapper.map(join(T0 - 8, TALKER, '12345'), 0)).toEqual([]);
      expect(mapper.map(leave(T0 - 5, TALKER, '12345'), 0)).toEqual([]);
      // The answer with app_queue's exact HoldTime: the engine takes it over the view's estimate.
      expect(mapper.map(connect(T0 - 5, TALKER, '12345', 'agent101', 3), 0)).toMatchObject([
        { type: 'agent-answered', callId: `${TALKER.uniqueid}@12345`, waitSeconds: 3 },
      ]);
      expect(
        mapper.map(complete(T0 + 30, TALKER, '12345', 'agent101', 35, 'caller'), 0),
      ).toMatchObject([
        { type: 'call-ended', callId: `${TALKER.uniqueid}@12345`, talkSeconds: 35 },
      ]);
      // One visit only: a later visit to the queue is the second.
      expect(mapper.map(join(T0 + 60, TALKER, '12345'), 0)).toMatchObject([
        { callId: `${TALKER.uniqueid}@12345#2` },
      ]);
    });

    it('keeps following a caller that left the queue for an answer not yet connected', () => {
      const mapper = new AmiEventMapper();
      mapper.map(join(T0 - 5, TALKER, '12345'), 0);
      mapper.map(leave(T0, TALKER, '12345'), 0);
      const view = mapper.buildInFlightView([], [coreShowChannel(TALKER, '12345', false)], AT);
      expect(view.waiting).toEqual([]);
      expect(view.talking).toEqual([]);
      expect(mapper.map(connect(T0 + 1, TALKER, '12345', 'agent101', 6), 0)).toMatchObject([
        { type: 'agent-answered', callId: `${TALKER.uniqueid}@12345` },
      ]);
    });
  });
});
