import type { CallEvent } from '@hotline/call-events';
import { AmiEventMapper } from './ami-event-mapper';
import {
  CALLER,
  type CallerChannel,
  agentCalled,
  complete,
  connect,
  join,
  leave,
} from './ami-event.factory';

const T0 = 1_795_918_789;

function brief(events: CallEvent[]): string[] {
  return events.map((e) => `${e.type} ${'callId' in e ? e.callId : ''}`.trim());
}

describe(AmiEventMapper.name, () => {
  describe('blind transfer: the caller joins the new queue before the old queue’s AgentComplete', () => {
    it('keeps the two visits apart (run2 1795918788.43: 12345-en → 12345)', () => {
      const mapper = new AmiEventMapper();
      const events = [
        join(T0, CALLER, '12345-en'),
        agentCalled(T0, CALLER, '12345-en', 'agent106'),
        leave(T0 + 4, CALLER, '12345-en'),
        connect(T0 + 4, CALLER, '12345-en', 'agent106', 4),
        join(T0 + 8, CALLER, '12345', 2),
        complete(T0 + 8.001, CALLER, '12345-en', 'agent106', 4, 'transfer'),
        leave(T0 + 10, CALLER, '12345'),
        connect(T0 + 10, CALLER, '12345', 'agent107', 2),
        complete(T0 + 19, CALLER, '12345', 'agent107', 9, 'agent'),
      ].flatMap((m) => mapper.map(m, 0));
      const first = `${CALLER.uniqueid}@12345-en`;
      const second = `${CALLER.uniqueid}@12345`;
      expect(brief(events)).toEqual([
        `caller-joined-queue ${first}`,
        `agent-ringing ${first}`,
        `agent-answered ${first}`,
        `caller-joined-queue ${second}`,
        `call-ended ${first}`,
        `agent-answered ${second}`,
        `call-ended ${second}`,
      ]);
      expect(events[4]).toMatchObject({ reason: 'transfer', talkSeconds: 4, agent: 'agent106' });
      expect(events[6]).toMatchObject({
        reason: 'agent-hangup',
        talkSeconds: 9,
        agent: 'agent107',
      });
    });

    it('keeps them apart when the transfer goes back into the same queue', () => {
      const mapper = new AmiEventMapper();
      const events = [
        join(T0, CALLER, '12345'),
        leave(T0 + 4, CALLER, '12345'),
        connect(T0 + 4, CALLER, '12345', 'agent106', 4),
        join(T0 + 8, CALLER, '12345', 2),
        complete(T0 + 8.001, CALLER, '12345', 'agent106', 4, 'transfer'),
      ].flatMap((m) => mapper.map(m, 0));
      expect(brief(events)).toEqual([
        `caller-joined-queue ${CALLER.uniqueid}@12345`,
        `agent-answered ${CALLER.uniqueid}@12345`,
        `caller-joined-queue ${CALLER.uniqueid}@12345#2`,
        `call-ended ${CALLER.uniqueid}@12345`,
      ]);
    });
  });

  describe('attended transfer: a new channel of the same contact joins the new queue', () => {
    it('is a new queue call of the same contact (same Linkedid)', () => {
      const mapper = new AmiEventMapper();
      const transferLeg: CallerChannel = {
        ...CALLER,
        uniqueid: '1795918818.73',
        context: 'xfer-att',
      };
      const events = [
        join(T0, CALLER, '12345'),
        leave(T0 + 5, CALLER, '12345'),
        connect(T0 + 5, CALLER, '12345', 'agent107', 5),
        join(T0 + 12, transferLeg, '12345-en'),
        complete(T0 + 15, CALLER, '12345', 'agent107', 10, 'transfer'),
      ].flatMap((m) => mapper.map(m, 0));
      const joins = events.filter((e) => e.type === 'caller-joined-queue');
      expect(joins.map((e) => [e.callId, e.contactId])).toEqual([
        [`${CALLER.uniqueid}@12345`, CALLER.linkedid],
        ['1795918818.73@12345-en', CALLER.linkedid],
      ]);
    });
  });
});
