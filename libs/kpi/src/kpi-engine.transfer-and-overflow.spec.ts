import { applyAll, ev, overflowAfterTimeout, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('overflow after a timeout, answered at once in queue 2', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ...overflowAfterTimeout('v1', 'v2', T0, 30, { contactId: 'k' }),
      ev.answered('v2', T0 + 32 * SECOND, 'a1', 2, 'q2'),
      ev.ended('v2', T0 + 92 * SECOND, 'a1', 60, 'caller-hangup', 'q2'),
    ]);
    const s = engine.snapshot(T0 + 120 * SECOND);

    it('is an exit for queue 1 and answered within 10 s for queue 2', () => {
      expect(s.periods.queues.q1?.today).toMatchObject({ offered: 1, answered: 0, exited: 1 });
      expect(s.periods.queues.q2?.today).toMatchObject({
        offered: 1,
        answered: 1,
        answeredWithin10s: 1,
      });
    });

    it('is one contact for the centre, answered, but not within 10 s (wait from the first entry)', () => {
      expect(s.periods.centre.today).toMatchObject({
        offered: 1,
        answered: 1,
        answeredWithin10s: 0,
        exited: 0,
        asaSeconds: 32,
      });
    });
  });

  describe('transfer between queues after an answer', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ev.joined('v1', T0, { queue: 'q1', contactId: 'k' }),
      ev.answered('v1', T0 + 4 * SECOND, 'a1', 4, 'q1'),
      ev.ended('v1', T0 + 64 * SECOND, 'a1', 60, 'transfer', 'q1'),
      ev.joined('v2', T0 + 64 * SECOND, { queue: 'q2', contactId: 'k' }),
      ev.answered('v2', T0 + 84 * SECOND, 'a2', 20, 'q2'),
      ev.ended('v2', T0 + 344 * SECOND, 'a2', 260, 'caller-hangup', 'q2'),
    ]);
    const s = engine.snapshot(T0 + 400 * SECOND);

    it('counts the contact once for the centre, answered within 10 s of its first entry', () => {
      expect(s.periods.centre.today).toMatchObject({
        offered: 1,
        answered: 1,
        answeredWithin10s: 1,
        asaSeconds: 4,
      });
    });

    it('takes the centre talk as the whole conversation across both agents (320 s: over 5 minutes)', () => {
      expect(s.periods.centre.today.overFiveMinutes).toBe(1);
      expect(s.periods.centre.today.ahtSeconds).toBe(320);
      expect(s.periods.queues.q1?.today.overFiveMinutes).toBe(0);
      expect(s.periods.queues.q2?.today.overFiveMinutes).toBe(0);
    });

    it('counts each queue call in its own queue with its own wait', () => {
      expect(s.periods.queues.q2?.today).toMatchObject({
        offered: 1,
        answered: 1,
        answeredWithin10s: 0,
      });
      expect(s.periods.agents.a1?.today.answered).toBe(1);
      expect(s.periods.agents.a2?.today.answered).toBe(1);
    });
  });

  describe('blind transfer: the join into the new queue arrives before the old call-ended', () => {
    const engine = new KpiEngine();
    const outcomes = applyAll(engine, [
      ev.joined('v1', T0, { queue: 'q1', contactId: 'k' }),
      ev.answered('v1', T0 + 3 * SECOND, 'a1', 3, 'q1'),
      ev.joined('v2', T0 + 63 * SECOND, { queue: 'q2', contactId: 'k' }),
      ev.ended('v1', T0 + 63 * SECOND, 'a1', 60, 'transfer', 'q1'),
      ev.abandoned('v2', T0 + 93 * SECOND, 30, 'q2'),
    ]);
    const s = engine.snapshot(T0 + 120 * SECOND);

    it('applies every event', () => {
      expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    });

    it('keeps the contact answered for the centre even though its last visit was abandoned', () => {
      expect(s.periods.centre.today).toMatchObject({
        offered: 1,
        answered: 1,
        abandoned: 0,
        inProgress: 0,
      });
      expect(s.periods.queues.q2?.today).toMatchObject({ offered: 1, abandoned: 1 });
    });
  });

  describe('attended transfer: a new call id with the same contact id', () => {
    it('counts the contact once for the centre while both visits are in flight', () => {
      const engine = new KpiEngine();
      applyAll(engine, [
        ev.joined('v1', T0, { queue: 'q1', contactId: 'k' }),
        ev.answered('v1', T0 + 2 * SECOND, 'a1', 2, 'q1'),
        ev.joined('v2', T0 + 30 * SECOND, { queue: 'q2', contactId: 'k' }),
      ]);
      const s = engine.snapshot(T0 + 40 * SECOND);
      expect(s.periods.centre.today).toMatchObject({ offered: 1, answered: 1 });
      expect(s.live.waiting.map((w) => w.callId)).toEqual(['v2']);
      expect(s.live.talking.map((t) => t.callId)).toEqual(['v1']);
    });
  });

  describe('a contact whose every visit went unanswered', () => {
    it('takes the outcome of its last visit and the wait from its first entry', () => {
      const engine = new KpiEngine();
      applyAll(engine, [
        ...overflowAfterTimeout('v1', 'v2', T0, 30, { contactId: 'k' }),
        ev.abandoned('v2', T0 + 33 * SECOND, 3, 'q2'),
      ]);
      const centre = engine.snapshot(T0 + 60 * SECOND).periods.centre.today;
      expect(centre).toMatchObject({
        offered: 1,
        abandoned: 1,
        exited: 0,
        shortAbandons: 0,
        longestWaitSeconds: 33,
      });
    });
  });
});
