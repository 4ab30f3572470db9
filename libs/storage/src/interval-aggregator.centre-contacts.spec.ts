import { aggregateIntervals, visitsByContact } from './interval-aggregator';
import type { StoredQueueCall } from './queue-call.repository';
import { DEFAULT_AGGREGATION_RULES } from './storage-options';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const visit = (o: Partial<StoredQueueCall> & Pick<StoredQueueCall, 'callId'>): StoredQueueCall => ({
  contactId: 'k',
  queue: 'q',
  line: null,
  agent: null,
  joinedAt: T0,
  answeredAt: null,
  endedAt: null,
  waitSeconds: 0,
  talkSeconds: null,
  talkAtLeastSeconds: null,
  outcome: 'abandoned',
  reason: null,
  estimated: false,
  joinedBeforeMonitoring: false,
  ...o,
});

const centreOf = (visits: StoredQueueCall[]) =>
  aggregateIntervals(
    [T0],
    { calls: visits, contactVisits: visits, ratings: [], ratedVisits: [], agentStates: [] },
    DEFAULT_AGGREGATION_RULES,
  ).find((r) => r.scopeKind === 'centre');

describe(`${aggregateIntervals.name}, centre scope`, () => {
  it('answers a contact if any visit was answered, waiting from the first entry', () => {
    const visits = [
      visit({
        callId: 'b',
        queue: 'q2',
        joinedAt: T0 + 30_000,
        outcome: 'answered',
        waitSeconds: 2,
        talkSeconds: 100,
      }),
      visit({ callId: 'a', queue: 'q1', joinedAt: T0, outcome: 'exited', waitSeconds: 30 }),
    ];
    expect(visitsByContact(visits)[0]?.[0]).toMatchObject({ callId: 'a', joinedAt: T0 });
    expect(centreOf(visits)).toMatchObject({
      offered: 1,
      answered: 1,
      sumWait: 32,
      sumTalk: 100,
      talkUnknown: 0,
    });
  });

  it('gives an unanswered contact the outcome of its last visit', () => {
    const visits = [
      visit({ callId: 'a', joinedAt: T0, outcome: 'exited', waitSeconds: 60 }),
      visit({ callId: 'b', joinedAt: T0 + 60_000, outcome: 'abandoned', waitSeconds: 3 }),
    ];
    expect(centreOf(visits)).toMatchObject({
      offered: 1,
      answered: 0,
      abandoned: 1,
      exited: 0,
      maxWait: 63,
    });
  });

  it("counts the first entry's offset in whole PBX seconds, as the engine does", () => {
    // Joined at …00.900 and …10.100: queue_log has 00 and 10, so 10 s apart (the ms
    // difference, 9.2 s, would round to 9): answered after 0 s in the second queue is 10 s.
    const visits = [
      visit({ callId: 'a', joinedAt: T0 + 900, outcome: 'exited', waitSeconds: 9 }),
      visit({
        callId: 'b',
        joinedAt: T0 + 10_100,
        outcome: 'answered',
        waitSeconds: 1,
        talkSeconds: 60,
      }),
    ];
    expect(centreOf(visits)).toMatchObject({ answered: 1, sumWait: 11, answered10s: 0 });
  });
});

describe(aggregateIntervals.name, () => {
  it('does not count a 300-second talk as over five minutes, but 301 seconds', () => {
    const calls = [
      visit({
        callId: 'a',
        contactId: 'a',
        outcome: 'answered',
        agent: 'x',
        waitSeconds: 10,
        talkSeconds: 300,
      }),
      visit({
        callId: 'b',
        contactId: 'b',
        outcome: 'answered',
        agent: 'x',
        waitSeconds: 11,
        talkSeconds: 301,
      }),
    ];
    const rows = aggregateIntervals(
      [T0],
      { calls, contactVisits: calls, ratings: [], ratedVisits: [], agentStates: [] },
      DEFAULT_AGGREGATION_RULES,
    );
    const agent = rows.find((r) => r.scopeKind === 'agent');
    expect(agent).toMatchObject({
      answered: 2,
      answered10s: 1,
      over5min: 1,
      sumTalk: 601,
      maxWait: 11,
    });
    expect(rows.find((r) => r.scopeKind === 'line')?.scopeKey).toBe('-');
  });
});

describe(`${aggregateIntervals.name}, calls whose end was not seen`, () => {
  it('counts outcome unknown in its own column and keeps an unseen talk out of the talk sum', () => {
    const calls = [
      visit({ callId: 'u', contactId: 'u', outcome: 'unknown', waitSeconds: 40 }),
      visit({
        callId: 's',
        contactId: 's',
        outcome: 'answered',
        agent: 'x',
        waitSeconds: 5,
        talkSeconds: null,
        talkAtLeastSeconds: 320,
      }),
      visit({
        callId: 'z',
        contactId: 'z',
        outcome: 'answered',
        agent: 'x',
        waitSeconds: 5,
        talkSeconds: null,
        talkAtLeastSeconds: 12,
      }),
      visit({
        callId: 'k',
        contactId: 'k',
        outcome: 'answered',
        agent: 'x',
        waitSeconds: 5,
        talkSeconds: 90,
      }),
    ];
    const rows = aggregateIntervals(
      [T0],
      { calls, contactVisits: calls, ratings: [], ratedVisits: [], agentStates: [] },
      DEFAULT_AGGREGATION_RULES,
    );
    for (const kind of ['queue', 'centre'] as const)
      expect(rows.find((r) => r.scopeKind === kind)).toMatchObject({
        offered: 4,
        answered: 3,
        unknown: 1,
        abandoned: 0,
        talkUnknown: 2,
        sumTalk: 90,
        // Known to have talked past 300 s before it was lost from sight.
        over5min: 1,
        maxWait: 40,
      });
  });
});
