import type { CallEvent } from '@hotline/call-events';
import { ev, MINUTE, SECOND, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

/**
 * 200,000 queue calls over two weeks (10 a minute, day and night): the engine's maps
 * must stay bounded by what is in flight, the retention window and the current periods.
 */
describe(KpiEngine.name, () => {
  it('keeps its internal maps bounded over 200,000 calls', () => {
    const retention = 2 * 60 * MINUTE;
    const engine = new KpiEngine({ contactRetentionMs: retention });
    const start = shanghai('2026-03-01 00:00');
    const gap = 6 * SECOND; // 10 calls a minute
    const calls = 200_000;
    let finished = 0;
    engine.onCallFinished(() => finished++);
    let maxStats = engine.stats();
    // Follow-up events wait in slots by the call index at which they fall due.
    const slots = new Map<number, CallEvent[]>();
    const slotOf = (at: number): number => Math.ceil((at - start) / gap);
    const insert = (events: CallEvent[]): void => {
      for (const e of events) {
        const slot = slotOf(e.at);
        const list = slots.get(slot) ?? [];
        list.push(e);
        slots.set(slot, list);
      }
    };
    const flushSlot = (slot: number): void => {
      const due = slots.get(slot);
      if (!due) return;
      slots.delete(slot);
      due.sort((x, y) => x.at - y.at);
      for (const e of due) engine.apply(e);
    };
    for (let i = 0; i < calls; i++) {
      const at = start + i * gap;
      const id = `c${i}`;
      const agent = `a${i % 60}`;
      const wait = i % 23;
      engine.apply(ev.joined(id, at, { queue: `q${i % 4}`, line: `L${i % 90}` }));
      if (i % 10 === 9) {
        insert([ev.abandoned(id, at + wait * SECOND, wait, `q${i % 4}`)]);
      } else {
        const answerAt = at + wait * SECOND;
        const talk = 30 + ((i * 37) % 400);
        insert([
          ev.answered(id, answerAt, agent, wait, `q${i % 4}`),
          ev.ended(id, answerAt + talk * SECOND, agent, talk, 'caller-hangup', `q${i % 4}`),
          ev.rated(`r${i}`, answerAt + talk * SECOND + 10 * SECOND, 1 + (i % 5), {
            queue: `q${i % 4}`,
            callId: id,
          }),
        ]);
      }
      flushSlot(i);
      if (i % 50 === 0) {
        engine.tick(at);
        const s = engine.stats();
        maxStats = {
          inFlightCalls: Math.max(maxStats.inFlightCalls, s.inFlightCalls),
          finishedCalls: Math.max(maxStats.finishedCalls, s.finishedCalls),
          contacts: Math.max(maxStats.contacts, s.contacts),
          rollingRows: Math.max(maxStats.rollingRows, s.rollingRows),
          periods: Math.max(maxStats.periods, s.periods),
          periodCounters: Math.max(maxStats.periodCounters, s.periodCounters),
          agents: Math.max(maxStats.agents, s.agents),
          ratingIds: Math.max(maxStats.ratingIds, s.ratingIds),
        };
      }
    }
    const end = start + calls * gap + 60 * MINUTE;
    for (let slot = calls; slot <= slotOf(end); slot++) flushSlot(slot);
    engine.tick(end);

    expect(finished).toBe(calls);
    const perRetention = retention / gap; // 1,200 calls per 2 h
    expect(maxStats.inFlightCalls).toBeLessThan(200);
    expect(maxStats.finishedCalls).toBeLessThanOrEqual(perRetention + 200);
    expect(maxStats.contacts).toBeLessThanOrEqual(perRetention + 400);
    // A row per call, per contact and per rating in the last hour, evicted every 50 calls.
    expect(maxStats.rollingRows).toBeLessThanOrEqual(3 * ((60 * MINUTE) / gap + 50) + 10);
    // Today's 96 intervals + day, week, month, two weeks at a week boundary, shifts.
    expect(maxStats.periods).toBeLessThan(96 + 20);
    expect(maxStats.periodCounters).toBeLessThan(200 * (1 + 4 + 90 + 60));
    expect(maxStats.agents).toBe(54); // a9, a19 … a59 only ever get abandoned calls
    expect(maxStats.ratingIds).toBeLessThanOrEqual((24 * 60 * MINUTE) / gap + 100);
    expect(engine.stats().inFlightCalls).toBe(0);
    // And the figures still add up: the 13.9 days all fall in March, so the month has every call.
    const month = engine.snapshot(end).periods.centre.month;
    expect(month.offered).toBe(calls);
    expect(month.abandoned).toBe(calls / 10);
    expect(month.answered + month.abandoned).toBe(calls);
  });
});
