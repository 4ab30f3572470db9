import type { CallEvent } from '@hotline/call-events';
import { AmiEventMapper } from './ami-event-mapper';
import { CALLER, abandon, hangup, join, leave, varSet } from './ami-event.factory';

const T0 = 1_795_916_782;
const callId = `${CALLER.uniqueid}@12345`;

function mapAll(mapper: AmiEventMapper, messages: ReturnType<typeof join>[]): CallEvent[] {
  return messages.flatMap((message) => mapper.map(message, 0));
}

describe(AmiEventMapper.name, () => {
  describe('QueueCallerAbandon, which app_queue sends for hang-ups, timeouts and leave-empty alike', () => {
    it('is an abandon when the caller channel hangs up with no QUEUESTATUS (run1 1795916710.31)', () => {
      const mapper = new AmiEventMapper();
      mapAll(mapper, [join(T0, CALLER, '12345')]);
      // Nothing is decided by the QueueCallerAbandon itself.
      expect(
        mapAll(mapper, [
          varSet(T0 + 8.1, CALLER, 'QUEUEWAIT', '8'),
          abandon(T0 + 8.2, CALLER, '12345', 8),
        ]),
      ).toEqual([]);
      expect(mapAll(mapper, [leave(T0 + 8.3, CALLER, '12345')])).toEqual([]);
      expect(mapAll(mapper, [hangup(T0 + 8.4, CALLER)])).toEqual([
        { type: 'caller-abandoned', at: (T0 + 8.2) * 1000, callId, queue: '12345', waitSeconds: 8 },
      ]);
    });

    it('is a timeout exit when QUEUESTATUS=TIMEOUT follows, before the hang-up (run1 1795916782.111)', () => {
      const mapper = new AmiEventMapper();
      mapAll(mapper, [join(T0, CALLER, '12345')]);
      const events = mapAll(mapper, [
        abandon(T0 + 40, CALLER, '12345', 40),
        leave(T0 + 40, CALLER, '12345'),
        varSet(T0 + 40, CALLER, 'QUEUESTATUS', 'TIMEOUT'),
        hangup(T0 + 40, CALLER),
      ]);
      expect(events).toEqual([
        {
          type: 'caller-exited',
          at: (T0 + 40) * 1000,
          callId,
          queue: '12345',
          waitSeconds: 40,
          reason: 'timeout',
        },
      ]);
    });

    it('is a leave-empty exit on QUEUESTATUS=LEAVEEMPTY', () => {
      const mapper = new AmiEventMapper();
      mapAll(mapper, [join(T0, CALLER, '12345-en'), abandon(T0 + 3, CALLER, '12345-en', 3)]);
      expect(mapAll(mapper, [varSet(T0 + 3, CALLER, 'QUEUESTATUS', 'LEAVEEMPTY')])).toMatchObject([
        { type: 'caller-exited', reason: 'leave-empty', waitSeconds: 3 },
      ]);
    });

    it('decides as soon as the evidence comes, even when QUEUESTATUS precedes the abandon', () => {
      const mapper = new AmiEventMapper();
      mapAll(mapper, [join(T0, CALLER, '12345')]);
      expect(mapAll(mapper, [varSet(T0 + 30.5, CALLER, 'QUEUESTATUS', 'TIMEOUT')])).toEqual([
        {
          type: 'caller-exited',
          at: (T0 + 30.5) * 1000,
          callId,
          queue: '12345',
          waitSeconds: 30,
          reason: 'timeout',
        },
      ]);
      expect(
        mapAll(mapper, [abandon(T0 + 30.6, CALLER, '12345', 30), hangup(T0 + 31, CALLER)]),
      ).toEqual([]);
    });

    it('overflow after a timeout keeps the Uniqueid: the next queue is a new queue call', () => {
      const mapper = new AmiEventMapper();
      const events = mapAll(mapper, [
        join(T0, CALLER, '12345'),
        abandon(T0 + 30, CALLER, '12345', 30),
        varSet(T0 + 30, CALLER, 'QUEUESTATUS', 'TIMEOUT'),
        join(T0 + 31, CALLER, '12345-en'),
        abandon(T0 + 61, CALLER, '12345-en', 30),
        varSet(T0 + 61, CALLER, 'QUEUESTATUS', 'TIMEOUT'),
        join(T0 + 62, CALLER, '12345'),
      ]);
      expect(events.map((e) => [e.type, 'callId' in e ? e.callId : ''])).toEqual([
        ['caller-joined-queue', callId],
        ['caller-exited', callId],
        ['caller-joined-queue', `${CALLER.uniqueid}@12345-en`],
        ['caller-exited', `${CALLER.uniqueid}@12345-en`],
        ['caller-joined-queue', `${CALLER.uniqueid}@12345#2`],
      ]);
      expect(events.filter((e) => e.type === 'caller-joined-queue')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ contactId: CALLER.linkedid, line: '12345' }),
        ]),
      );
    });

    it('closes a waiting call as abandoned when the caller hangs up with no QueueCallerAbandon seen', () => {
      const mapper = new AmiEventMapper();
      mapAll(mapper, [join(T0 + 0.9, CALLER, '12345')]);
      expect(mapAll(mapper, [hangup(T0 + 12.2, CALLER)])).toEqual([
        {
          type: 'caller-abandoned',
          at: (T0 + 12.2) * 1000,
          callId,
          queue: '12345',
          waitSeconds: 12,
        },
      ]);
    });

    it('is an exit (other) when the still-living channel joins another queue before any QUEUESTATUS', () => {
      const mapper = new AmiEventMapper();
      mapAll(mapper, [join(T0, CALLER, '12345'), abandon(T0 + 5, CALLER, '12345', 5)]);
      expect(mapAll(mapper, [join(T0 + 6, CALLER, '12345-en')]).map((e) => e.type)).toEqual([
        'caller-exited',
        'caller-joined-queue',
      ]);
    });
  });
});
