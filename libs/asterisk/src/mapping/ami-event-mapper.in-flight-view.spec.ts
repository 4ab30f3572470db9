import { AmiEventMapper } from './ami-event-mapper';
import {
  CALLER,
  type CallerChannel,
  amiMessage,
  complete,
  connect,
  join,
  leave,
} from './ami-event.factory';

const T0 = 1_795_918_800;
const WAITER: CallerChannel = {
  ...CALLER,
  uniqueid: '1795918790.50',
  linkedid: '1795918790.49',
  hotline: '12319',
};
const TALKER: CallerChannel = { ...CALLER, uniqueid: '1795918780.40', linkedid: '1795918780.39' };

function queueEntry(caller: CallerChannel, queue: string, wait: number) {
  return amiMessage('QueueEntry', {
    Queue: queue,
    Position: '1',
    Channel: `Local/s@callers-${caller.uniqueid};2`,
    Uniqueid: caller.uniqueid,
    CallerIDNum: caller.number ?? '',
    CallerIDName: 'x',
    Wait: String(wait),
  });
}

function coreShowChannel(caller: CallerChannel, queue: string, bridged: boolean) {
  return amiMessage('CoreShowChannel', {
    Channel: `Local/s@callers-${caller.uniqueid};2`,
    Uniqueid: caller.uniqueid,
    Linkedid: caller.linkedid,
    ChanVariable: `HOTLINE=${caller.hotline ?? ''}`,
    Application: 'Queue',
    ApplicationData: `${queue},crt,,,,,queue-connected`,
    BridgeId: bridged ? 'b1d9e0f2' : '',
  });
}

function queueMember(agent: string, queue: string, status: number, paused = false, reason = '') {
  return amiMessage('QueueMember', {
    Queue: queue,
    Name: agent,
    Location: `Local/${agent}@agents/n`,
    Status: String(status),
    Paused: paused ? '1' : '0',
    PausedReason: reason,
    InCall: '0',
  });
}

describe(AmiEventMapper.name, () => {
  describe('buildInFlightView, after a (re)connect', () => {
    it('lists waiting callers with the call ids map() gave them, and talking calls', () => {
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
          queueEntry(WAITER, '12345', 7),
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
        talkingCallIds: [`${TALKER.uniqueid}@12345`],
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
        [queueEntry(WAITER, '12345-en', 12)],
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
});
