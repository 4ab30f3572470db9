import { applyAll, ev, MINUTE, SECOND, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('longest wait when a contact’s earlier visit is told late (a ledger after a link gap)', () => {
    const t = shanghai('2026-03-10 09:00');
    // Visit a (q1) joined first, answered after 5 s, transferred to q2 (visit b), answered
    // after 20 s there. The contact waited 5 s; b's events reach the engine before a's.
    const visitA = [
      ev.joined('a', t, { contactId: 'k', queue: 'q1' }),
      ev.answered('a', t + 5 * SECOND, 'a1', 5, 'q1'),
      ev.ended('a', t + MINUTE, 'a1', 55, 'transfer', 'q1'),
    ];
    const visitB = [
      ev.joined('b', t + MINUTE, { contactId: 'k', queue: 'q2' }),
      ev.answered('b', t + MINUTE + 20 * SECOND, 'a2', 20, 'q2'),
      ev.ended('b', t + 3 * MINUTE, 'a2', 100, 'caller-hangup', 'q2'),
    ];
    const now = t + 10 * MINUTE;
    const today = (engine: KpiEngine) => engine.snapshot(now).periods.centre.today;

    it('is the same whichever visit the engine hears of first: a wait taken back no longer counts', () => {
      const inOrder = new KpiEngine();
      applyAll(inOrder, [...visitA, ...visitB]);
      const late = new KpiEngine();
      // While b alone is known the contact waited 20 s, then 80 s (a joined a minute before b).
      applyAll(late, [...visitB, visitA[0]]);
      expect(today(late).longestWaitSeconds).toBe(80);
      applyAll(late, visitA.slice(1));
      expect(today(inOrder).longestWaitSeconds).toBe(5);
      expect(today(late)).toEqual(today(inOrder));
    });
  });
});
