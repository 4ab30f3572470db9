import type { CallEvent } from '@hotline/call-events';
import { AmiEventMapper } from '../mapping/ami-event-mapper';
import {
  type CallerChannel,
  complete,
  connect,
  hangup,
  join,
  leave,
  callerChannel,
  queueEntry,
  timedOut,
} from '../mapping/ami-event.factory';
import { GapBackfill } from './gap-backfill';
import { queueLogPerTest } from './testing/queue-log-per-test';

const T0 = 1_767_657_600;
const C = callerChannel('1767657613.1', '1767657613.0');
const D = callerChannel('1767657640.5', '1767657640.4');

/** A live event of an agent free again in 12345, at PBX epoch seconds. */
function agentAvailable(at: number, agent: string): CallEvent {
  return {
    type: 'agent-state-changed',
    at: at * 1000,
    agent,
    state: 'available',
    queues: ['12345'],
  };
}

function callIdsOf(events: readonly CallEvent[]): [string, string | undefined][] {
  return events.map((e) => [e.type, 'callId' in e ? e.callId : undefined]);
}

describe(GapBackfill.name, () => {
  const queueLog = queueLogPerTest('gap-backfill-');
  const log = (...lines: string[]) => queueLog.append(...lines);
  /** The caller joined 12345 at T0 + 40 and agent110 answered it at T0 + 43. */
  const logAnsweredAt43 = (caller: CallerChannel) =>
    log(
      `${T0 + 40}|${caller.uniqueid}|12345|NONE|ENTERQUEUE|12345|${caller.number}|1`,
      `${T0 + 43}|${caller.uniqueid}|12345|agent110|CONNECT|3|x|3`,
    );

  it('a call joining as the link came back is delivered once: view, buffered Join and queue_log agree on one id', async () => {
    // The link was lost at T0 + 5; C joins at T0 + 13.6, after the reconnect; its Join is
    // buffered, QueueStatus (answered at T0 + 14.2) already lists it. queue_log has the line.
    log(`${T0 + 13}|${C.uniqueid}|12345|NONE|ENTERQUEUE|12345|${C.number}|1`);
    const backfill = new GapBackfill({ queueLog: queueLog.path, settleMs: 0 });
    const mapper = new AmiEventMapper();
    const delivered: CallEvent[] = [];
    // What AsteriskCallSource.resync does, in its order.
    const viewAt = (T0 + 14.2) * 1000;
    const view = mapper.buildInFlightView([queueEntry(C, '12345', 0)], [], viewAt);
    const candidates = await backfill.backfill((T0 + 5) * 1000, viewAt);
    const live = mapper.map(join(T0 + 13.6, C, '12345'), 0);
    backfill.noteDelivered(
      view.waiting.map((w) => ({
        type: 'caller-joined-queue' as const,
        at: w.joinedAt,
        callId: w.callId,
        contactId: w.contactId,
        queue: w.queue,
      })),
    );
    backfill.noteDelivered(live);
    delivered.push(...backfill.take(candidates), ...live);
    // Then the call goes on live.
    for (const m of [
      leave(T0 + 15.5, C, '12345'),
      connect(T0 + 15.5, C, '12345', 'agent103', 2),
      complete(T0 + 399.6, C, '12345', 'agent103', 384, 'agent'),
      hangup(T0 + 399.6, C),
    ]) {
      const events = mapper.map(m, 0);
      backfill.noteDelivered(events);
      delivered.push(...events);
    }
    log(
      `${T0 + 15}|${C.uniqueid}|12345|agent103|CONNECT|2|x|2`,
      `${T0 + 399}|${C.uniqueid}|12345|agent103|COMPLETEAGENT|2|384|1`,
    );
    delivered.push(...(await backfill.followUp()));
    expect(view.waiting.map((w) => w.callId)).toEqual([`${C.uniqueid}@12345`]);
    expect(callIdsOf(delivered)).toEqual([
      ['agent-answered', `${C.uniqueid}@12345`],
      ['call-ended', `${C.uniqueid}@12345`],
    ]);
    expect(backfill.following).toBe(false);
    await backfill.close();
  });

  it('a link lost again before the follow-up ran: the next gap starts where queue_log was read up to', async () => {
    // D was answered while the link was down and talks at the view: followed in queue_log.
    logAnsweredAt43(D);
    const first = new GapBackfill({ queueLog: queueLog.path, marginMs: 0 });
    const viewAt = (T0 + 100) * 1000;
    const taken = first.take(await first.backfill((T0 + 30) * 1000, viewAt));
    expect(callIdsOf(taken)).toEqual([
      ['caller-joined-queue', `${D.uniqueid}@12345`],
      ['agent-answered', `${D.uniqueid}@12345`],
    ]);
    expect(first.following).toBe(true);
    expect(first.followedUntil).toBe(viewAt - 2_000);
    // Its end is written, the live link goes on past it and is lost before any followUp().
    log(`${T0 + 180}|${D.uniqueid}|12345|agent110|COMPLETEAGENT|3|137|1`);
    first.noteDelivered([agentAvailable(T0 + 300, 'agent101')]);
    // AsteriskCallSource: lostAt = min(last delivered, followedUntil).
    const lostAt = Math.min(first.lastDeliveredAt, first.followedUntil ?? Infinity);
    first.stopFollowing();
    const again = first.take(await first.backfill(lostAt, (T0 + 400) * 1000));
    expect(callIdsOf(again)).toEqual([['call-ended', `${D.uniqueid}@12345`]]);
    // From the last live event instead, the end would have been lost.
    const naive = new GapBackfill({ queueLog: queueLog.path, marginMs: 0 });
    naive.noteDelivered(taken);
    expect(await naive.backfill((T0 + 300) * 1000, (T0 + 400) * 1000)).toEqual([]);
    await first.close();
    await naive.close();
  });

  it('calls that begin in the last settle before the view, over by it, are taken by the follow-up', async () => {
    const viewAt = (T0 + 100) * 1000;
    // D refused at T0 + 99 (inside viewAt − settle); C joined live at T0 + 99.5 (its Join buffered).
    log(
      `${T0 + 99}|${D.uniqueid}|12345-full|NONE|FULL|12345|${D.number}|0`,
      `${T0 + 99}|${C.uniqueid}|12345|NONE|ENTERQUEUE|12345|${C.number}|1`,
    );
    const backfill = new GapBackfill({ queueLog: queueLog.path, settleMs: 2_000 });
    const candidates = await backfill.backfill((T0 + 50) * 1000, viewAt);
    const mapper = new AmiEventMapper();
    const live = mapper.map(join(T0 + 99.5, C, '12345'), 0);
    backfill.noteDelivered(live);
    expect(backfill.take(candidates)).toEqual([]);
    expect(backfill.following).toBe(true);
    // The live link moves past the view by more than the settle time.
    const later = [
      ...mapper.map(leave(T0 + 103.2, C, '12345'), 0),
      ...mapper.map(connect(T0 + 103.2, C, '12345', 'agent103', 4), 0),
    ];
    backfill.noteDelivered(later);
    log(`${T0 + 103}|${C.uniqueid}|12345|agent103|CONNECT|4|x|2`);
    expect(callIdsOf(await backfill.followUp())).toEqual([
      ['caller-refused', `${D.uniqueid}@12345-full`],
    ]);
    // C came from the live link; its end, live too, ends the follow-up.
    backfill.noteDelivered(mapper.map(complete(T0 + 200, C, '12345', 'agent103', 97, 'caller'), 0));
    log(`${T0 + 200}|${C.uniqueid}|12345|agent103|COMPLETECALLER|4|97|1`);
    backfill.noteDelivered([agentAvailable(T0 + 205, 'agent103')]);
    expect(await backfill.followUp()).toEqual([]);
    expect(backfill.following).toBe(false);
    await backfill.close();
  });

  it('a caller back in a queue it first visited while the link was down gets the id queue_log gives (#2)', async () => {
    // X joined 12345 and was answered during the gap; at the view it talks (the mapper never
    // saw it, so the view does not list it). Then, live: blind transfer to 12345-en, timeout,
    // overflow back into 12345 — its second visit there.
    logAnsweredAt43(C);
    const backfill = new GapBackfill({ queueLog: queueLog.path });
    const mapper = new AmiEventMapper();
    const viewAt = (T0 + 100) * 1000;
    // AsteriskCallSource.resync's order: gap, visits over, view, all visits of the gap.
    const candidates = await backfill.backfill((T0 + 30) * 1000, viewAt);
    const up = new Set([C.uniqueid]);
    expect(backfill.visitsOfGap(up, 'over')).toEqual([]);
    mapper.noteVisitsSeenElsewhere(backfill.visitsOfGap(up, 'over'));
    const view = mapper.buildInFlightView([], [], viewAt);
    mapper.noteVisitsSeenElsewhere(backfill.visitsOfGap(up, 'all'));
    expect(view.talking).toEqual([]);
    expect(callIdsOf(backfill.take(candidates))).toEqual([
      ['caller-joined-queue', `${C.uniqueid}@12345`],
      ['agent-answered', `${C.uniqueid}@12345`],
    ]);
    const live = [
      join(T0 + 200, C, '12345-en'),
      complete(T0 + 200, C, '12345', 'agent110', 157, 'transfer'),
      ...timedOut(T0 + 260, C, '12345-en'),
      join(T0 + 260.02, C, '12345'),
    ].flatMap((m) => mapper.map(m, 0));
    expect(callIdsOf(live)).toEqual([
      ['caller-joined-queue', `${C.uniqueid}@12345-en`],
      ['caller-exited', `${C.uniqueid}@12345-en`],
      ['caller-joined-queue', `${C.uniqueid}@12345#2`],
    ]);
    await backfill.close();
  });
});
