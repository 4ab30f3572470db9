import type { CallEvent } from '@hotline/call-events';
import { GapBackfill } from './gap-backfill';
import { queueLogPerTest } from './testing/queue-log-per-test';

const T0 = 1_795_918_733;
/** Stored before the crash: joined, answered and over well before the monitor died. */
const STORED = `${T0}.1`;
/** In progress when the monitor died: joined and answered before the gap's margin, ended in it. */
const SPANNING = `${T0 + 10}.5`;
/** Came and went while no monitor ran. */
const MISSED = `${T0 + 300}.9`;

const QUEUE_LOG = [
  `${T0}|${STORED}|12345|NONE|ENTERQUEUE|12315|0753868427|1`,
  `${T0 + 5}|${STORED}|12345|agent101|CONNECT|5|${T0}.2|2`,
  `${T0 + 10}|${SPANNING}|12345|NONE|ENTERQUEUE|12369|0776285580|1`,
  `${T0 + 20}|${SPANNING}|12345|agent102|CONNECT|10|${T0 + 10}.6|3`,
  `${T0 + 100}|${STORED}|12345|agent101|COMPLETEAGENT|5|95|1`,
  `${T0 + 300}|${MISSED}|12345|NONE|ENTERQUEUE|12345|0712345678|1`,
  `${T0 + 320}|${MISSED}|12345|NONE|ABANDON|1|1|20`,
  `${T0 + 400}|${SPANNING}|12345|agent102|COMPLETECALLER|10|380|1`,
];

function parts(events: readonly CallEvent[]): string[] {
  return events.map((e) => `${e.type} ${'callId' in e ? e.callId : ''}`);
}

describe(GapBackfill.name, () => {
  const queueLog = queueLogPerTest('gap-backfill-resume-', QUEUE_LOG);

  it('after a restart gives every part of the calls not stored, the spanning one from its join, and nothing of the stored one', async () => {
    const backfill = new GapBackfill({ queueLog: queueLog.path, settleMs: 0, marginMs: 60_000 });
    const until = (T0 + 100) * 1000;
    backfill.noteStored([
      {
        callId: `${STORED}@12345`,
        contactId: STORED,
        joinedAt: T0 * 1000,
        endedAt: until,
      },
    ]);
    const candidates = await backfill.backfill(until, (T0 + 500) * 1000);
    expect(parts(backfill.take(candidates))).toEqual([
      `caller-joined-queue ${SPANNING}@12345`,
      `agent-answered ${SPANNING}@12345`,
      `caller-joined-queue ${MISSED}@12345`,
      `caller-abandoned ${MISSED}@12345`,
      `call-ended ${SPANNING}@12345`,
    ]);
  });

  it('on a reconnect leaves out the earlier parts the live link already gave', async () => {
    const backfill = new GapBackfill({ queueLog: queueLog.path, settleMs: 0, marginMs: 60_000 });
    const contact = { contactId: SPANNING, queue: '12345' };
    backfill.noteDelivered([
      {
        type: 'caller-joined-queue',
        at: (T0 + 10.3) * 1000,
        callId: `${SPANNING}@12345`,
        ...contact,
      },
      {
        type: 'agent-answered',
        at: (T0 + 20.4) * 1000,
        callId: `${SPANNING}@12345`,
        queue: '12345',
        agent: 'agent102',
        waitSeconds: 10,
      },
    ]);
    const candidates = await backfill.backfill((T0 + 200) * 1000, (T0 + 500) * 1000);
    expect(parts(backfill.take(candidates))).toEqual([
      `caller-joined-queue ${MISSED}@12345`,
      `caller-abandoned ${MISSED}@12345`,
      `call-ended ${SPANNING}@12345`,
    ]);
  });
});
