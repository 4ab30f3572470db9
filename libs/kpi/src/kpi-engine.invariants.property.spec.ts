import fc from 'fast-check';
import type { CallEvent } from '@hotline/call-events';
import { SECOND, T0 } from './call-event.factory';
import { contactArb, contactsArb, eventsOf } from './contact-traffic.factory';
import { KpiEngine } from './kpi-engine';
import type { PeriodFigures } from './kpi-snapshot';

/** An engine that has applied `events` in order. */
function engineAfter(events: readonly CallEvent[]): KpiEngine {
  const engine = new KpiEngine();
  for (const e of events) engine.apply(e);
  return engine;
}

function balanced(f: PeriodFigures): boolean {
  return (
    f.offered === f.answered + f.unanswered + f.unknown + f.inProgress &&
    f.unanswered === f.abandoned + f.exited + f.blocked
  );
}

describe(KpiEngine.name, () => {
  const now = T0 + 3 * 3_600 * SECOND;

  it('always balances offered = answered + abandoned + exited + blocked + unknown + in progress, for every scope', () => {
    fc.assert(
      fc.property(contactsArb, (contacts) => {
        const s = engineAfter(eventsOf(contacts)).snapshot(now);
        const scopes = [
          s.periods.centre,
          ...Object.values(s.periods.queues),
          ...Object.values(s.periods.lines),
        ];
        return scopes.every((set) => Object.values(set).every(balanced));
      }),
      { numRuns: 150 },
    );
  });

  it('closes every call in flight when a view lists none: waiting ones unknown, talking ones answered, still balanced', () => {
    fc.assert(
      fc.property(contactsArb, (contacts) => {
        const events = eventsOf(contacts);
        const engine = engineAfter(events);
        const before = engine.snapshot(now).periods;
        const viewAt = Math.max(...events.map((e) => e.at)) + SECOND;
        engine.resync({ at: viewAt, waiting: [], talking: [], agents: [] });
        const after = engine.snapshot(now).periods;
        const scopes = [after.centre, ...Object.values(after.queues)];
        const waitingVisits = contacts
          .flatMap((c) => c.visits)
          .filter((v) => v.outcome === 'waiting');
        return (
          scopes.every((set) => Object.values(set).every(balanced) && set.today.inProgress === 0) &&
          Object.values(after.queues).reduce((n, q) => n + q.today.unknown, 0) ===
            waitingVisits.length &&
          after.centre.today.answered === before.centre.today.answered &&
          after.centre.today.offered === before.centre.today.offered &&
          engine.resync({ at: viewAt, waiting: [], talking: [], agents: [] }).closed === 0
        );
      }),
      { numRuns: 100 },
    );
  });

  it('counts every contact exactly once for the centre and every visit once for its queue', () => {
    fc.assert(
      fc.property(contactsArb, (contacts) => {
        const s = engineAfter(eventsOf(contacts)).snapshot(now);
        const visits = contacts.reduce((n, c) => n + c.visits.length, 0);
        const queueOffered = Object.values(s.periods.queues).reduce(
          (n, q) => n + q.today.offered,
          0,
        );
        const answeredContacts = contacts.filter((c) =>
          c.visits.some((v) => v.outcome === 'answered' || v.outcome === 'talking'),
        ).length;
        return (
          s.periods.centre.today.offered === contacts.length &&
          queueOffered === visits &&
          s.periods.centre.today.answered === answeredContacts
        );
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same figures when events are replayed, duplicated or interleaved with ticks', () => {
    fc.assert(
      fc.property(
        fc.array(contactArb, { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 1, max: 7 }),
        (contacts, every) => {
          const events = eventsOf(contacts);
          const once = engineAfter(events);
          const noisy = new KpiEngine();
          events.forEach((e, i) => {
            noisy.apply(e);
            if (i % every === 0) noisy.apply(e);
            if (i % every === 1) noisy.tick(e.at);
          });
          for (const e of events) noisy.apply(e);
          const a = once.snapshot(now);
          const b = noisy.snapshot(now);
          return JSON.stringify(a.periods) === JSON.stringify(b.periods);
        },
      ),
      { numRuns: 100 },
    );
  });
});
