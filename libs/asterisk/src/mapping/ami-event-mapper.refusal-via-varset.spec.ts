import { AmiEventMapper, UNKNOWN_QUEUE } from './ami-event-mapper';
import { enterQueueApp, hangup, varSet, callerChannel } from './ami-event.factory';

const T0 = 1_795_918_836;
const REFUSED = callerChannel('1795918835.99', '1795918835.98', { hotline: '12319' });

describe(AmiEventMapper.name, () => {
  describe('a caller the queue refused, seen only as VarSet QUEUESTATUS (no queue event at all)', () => {
    it.each([
      ['FULL', 'full'],
      ['JOINEMPTY', 'join-empty'],
      ['JOINUNAVAIL', 'join-unavailable'],
    ])(
      'QUEUESTATUS=%s after entering Queue(12345-full,…) is a refusal by 12345-full (%s)',
      (status, reason) => {
        const mapper = new AmiEventMapper();
        expect(mapper.map(enterQueueApp(T0, REFUSED, '12345-full'), 0)).toEqual([]);
        expect(mapper.map(varSet(T0 + 0.001, REFUSED, 'QUEUESTATUS', status), 0)).toEqual([
          {
            type: 'caller-refused',
            at: (T0 + 0.001) * 1000,
            callId: `${REFUSED.uniqueid}@12345-full`,
            contactId: REFUSED.linkedid,
            queue: '12345-full',
            line: '12319',
            reason,
          },
        ]);
        expect(mapper.map(hangup(T0 + 1, REFUSED), 0)).toEqual([]);
      },
    );

    it('counts a second refusal of the same channel by the same queue as another queue call', () => {
      const mapper = new AmiEventMapper();
      const ids = [0, 5].flatMap((dt) => [
        ...mapper.map(enterQueueApp(T0 + dt, REFUSED, '12345-full'), 0),
        ...mapper.map(varSet(T0 + dt + 0.001, REFUSED, 'QUEUESTATUS', 'FULL'), 0),
      ]);
      expect(ids.map((e) => ('callId' in e ? e.callId : ''))).toEqual([
        `${REFUSED.uniqueid}@12345-full`,
        `${REFUSED.uniqueid}@12345-full#2`,
      ]);
    });

    it('still counts the refusal, under the queue "unknown", when the Queue() step was not seen', () => {
      const mapper = new AmiEventMapper();
      expect(mapper.map(varSet(T0, REFUSED, 'QUEUESTATUS', 'JOINEMPTY'), 0)).toMatchObject([
        { type: 'caller-refused', queue: UNKNOWN_QUEUE, reason: 'join-empty' },
      ]);
    });

    it('is not a refusal when QUEUESTATUS=CONTINUE ends an answered call', () => {
      const mapper = new AmiEventMapper();
      mapper.map(enterQueueApp(T0, REFUSED, '12345'), 0);
      expect(mapper.map(varSet(T0 + 20, REFUSED, 'QUEUESTATUS', 'CONTINUE'), 0)).toEqual([]);
    });
  });
});
