import { AmiEventMapper } from './ami-event-mapper';
import {
  type CallerChannel,
  amiMessage,
  complete,
  connect,
  hangup,
  join,
  leave,
  callerChannel,
  queueEntry,
  timedOut,
} from './ami-event.factory';

const T0 = 1_767_660_042;
const CALLER_C = callerChannel('1767660042.237', '1767660042.236');

function coreShowChannel(caller: CallerChannel, queue: string) {
  return amiMessage('CoreShowChannel', {
    Channel: `Local/s@callers-${caller.uniqueid};2`,
    Uniqueid: caller.uniqueid,
    Linkedid: caller.linkedid,
    Context: 'callers',
    ChanVariable: `HOTLINE=${caller.hotline ?? ''}`,
    Application: 'Queue',
    ApplicationData: `${queue},crt,,,,,queue-connected`,
    BridgeId: '',
  });
}

/**
 * The race of a reconnect: the caller's QueueCallerJoin reaches the monitor after the connect
 * (so AsteriskCallSource buffers it and maps it after the view), but app_queue had already
 * queued the caller when it answered QueueStatus, so the view lists it as waiting too.
 */
describe(AmiEventMapper.name, () => {
  describe('a QueueCallerJoin buffered while the resync view was read, of a caller the view lists', () => {
    function viewThenBufferedJoin() {
      const mapper = new AmiEventMapper();
      const view = mapper.buildInFlightView(
        [queueEntry(CALLER_C, '12345', 0)],
        [coreShowChannel(CALLER_C, '12345')],
        (T0 + 1.3) * 1000,
      );
      const buffered = mapper.map(join(T0 + 0.8, CALLER_C, '12345'), 0);
      return { mapper, view, buffered };
    }

    it('is the visit the view listed: no second call id, and its answer and end go to that id', () => {
      const { mapper, view, buffered } = viewThenBufferedJoin();
      expect(view.waiting.map((w) => w.callId)).toEqual([`${CALLER_C.uniqueid}@12345`]);
      expect(buffered).toEqual([]);
      const after = [
        leave(T0 + 6, CALLER_C, '12345'),
        connect(T0 + 6, CALLER_C, '12345', 'agent114', 6),
        complete(T0 + 171, CALLER_C, '12345', 'agent114', 165, 'caller'),
        hangup(T0 + 171, CALLER_C),
      ].flatMap((m) => mapper.map(m, 0));
      expect(after.map((e) => [e.type, 'callId' in e ? e.callId : undefined])).toEqual([
        ['agent-answered', `${CALLER_C.uniqueid}@12345`],
        ['call-ended', `${CALLER_C.uniqueid}@12345`],
      ]);
    });

    it('dates the visit by its Join, so a wait app_queue does not report is counted from it', () => {
      const { mapper } = viewThenBufferedJoin();
      const exited = timedOut(T0 + 300.2, CALLER_C, '12345').flatMap((m) => mapper.map(m, 0));
      // Whole PBX seconds from the Join (T0 + 0.8), not from the view's estimate (T0 + 1.3 − Wait 0 s).
      expect(exited).toMatchObject([
        { type: 'caller-exited', callId: `${CALLER_C.uniqueid}@12345`, waitSeconds: 300 },
      ]);
    });

    it('still numbers a real later visit of the channel to the same queue #2', () => {
      const { mapper } = viewThenBufferedJoin();
      const events = [
        ...timedOut(T0 + 60, CALLER_C, '12345'),
        join(T0 + 61, CALLER_C, '12345'),
      ].flatMap((m) => mapper.map(m, 0));
      expect(events.map((e) => [e.type, 'callId' in e ? e.callId : undefined])).toEqual([
        ['caller-exited', `${CALLER_C.uniqueid}@12345`],
        ['caller-joined-queue', `${CALLER_C.uniqueid}@12345#2`],
      ]);
    });
  });
});
