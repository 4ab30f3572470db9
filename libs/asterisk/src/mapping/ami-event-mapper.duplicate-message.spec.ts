import { KpiEngine } from '@hotline/kpi';
import { AmiEventMapper } from './ami-event-mapper';
import { CALLER, abandon, connect, hangup, join, leave, memberEvent } from './ami-event.factory';

const T0 = 1_795_916_700;

describe(AmiEventMapper.name, () => {
  describe('an AMI event delivered twice (same Timestamp, same headers)', () => {
    it('gives no second call event: the join is not a second visit', () => {
      const mapper = new AmiEventMapper();
      const message = join(T0, CALLER, '12345');
      expect(mapper.map(message, 0)).toHaveLength(1);
      expect(mapper.map(join(T0, CALLER, '12345'), 0)).toEqual([]);
      expect(mapper.map(connect(T0 + 2, CALLER, '12345', 'agent101', 2), 0)).toMatchObject([
        { type: 'agent-answered', callId: `${CALLER.uniqueid}@12345` },
      ]);
    });

    it('gives nothing when a whole call is fed again after it ended', () => {
      const mapper = new AmiEventMapper();
      const call = [
        join(T0, CALLER, '12345'),
        abandon(T0 + 9, CALLER, '12345', 9),
        leave(T0 + 9, CALLER, '12345'),
        hangup(T0 + 9, CALLER),
      ];
      const first = call.flatMap((m) => mapper.map(m, 0));
      expect(first.map((e) => e.type)).toEqual(['caller-joined-queue', 'caller-abandoned']);
      expect(call.flatMap((m) => mapper.map(m, 0))).toEqual([]);
    });

    it('gives identical events from a fresh mapper (a restart replaying them), which the KPI engine drops as duplicates', () => {
      const call = () => [
        join(T0, CALLER, '12345'),
        leave(T0 + 2, CALLER, '12345'),
        connect(T0 + 2, CALLER, '12345', 'agent101', 2),
      ];
      const mapOnce = () => {
        const mapper = new AmiEventMapper();
        return call().flatMap((m) => mapper.map(m, 0));
      };
      const first = mapOnce();
      const second = mapOnce();
      expect(second).toEqual(first);
      const engine = new KpiEngine();
      expect(first.map((e) => engine.apply(e))).toEqual(['applied', 'applied']);
      expect(second.map((e) => engine.apply(e))).toEqual(['duplicate', 'duplicate']);
    });

    it('still maps two different events that share a Timestamp', () => {
      const mapper = new AmiEventMapper();
      expect(
        mapper.map(memberEvent('QueueMemberStatus', T0, '12345', 'agent101', { status: 1 }), 0),
      ).toHaveLength(1);
      expect(
        mapper.map(memberEvent('QueueMemberStatus', T0, '12345', 'agent102', { status: 1 }), 0),
      ).toHaveLength(1);
    });
  });
});
