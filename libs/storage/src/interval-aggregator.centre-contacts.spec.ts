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

/** An answered call of its own contact, taken by agent x. */
const answered = (
  callId: string,
  o: Partial<StoredQueueCall> & Pick<StoredQueueCall, 'waitSeconds'>,
): StoredQueueCall => visit({ callId, contactId: callId, outcome: 'answered', agent: 'x', ...o });

/** The interval T0's rows of these calls, each its own visit list (no ratings, no agent states). */
const aggregate = (calls: StoredQueueCall[]) =>
  aggregateIntervals(
    [T0],
    { calls, contactVisits: calls, ratings: [], ratedVisits: [], agentStates: [] },
    DEFAULT_AGGREGATION_RULES,
  );

const centreOf = (visits: StoredQueueCall[]) =>
  aggregate(visits).find((r) => r.scopeKind === 'centre');

describe(`${aggregateIntervals.name}, centre scope`, () => {
  /** One contact: exited q1 after 30 s, then answered in q2 after 2 s more. */
  const movedAndAnswered = [
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

  it("lists a contact's visits from its first entry", () => {
    expect(visitsByContact(movedAndAnswered)[0]?.[0]).toMatchObject({ callId: 'a', joinedAt: T0 });
  });

  it.each<[scenario: string, visits: StoredQueueCall[], centre: Record<string, number>]>([
    [
      'answers a contact if any visit was answered, waiting from the first entry',
      movedAndAnswered,
      { offered: 1, answered: 1, sumWait: 32, sumTalk: 100, talkUnknown: 0 },
    ],
    [
      'gives an unanswered contact the outcome of its last visit',
      [
        visit({ callId: 'a', joinedAt: T0, outcome: 'exited', waitSeconds: 60 }),
        visit({ callId: 'b', joinedAt: T0 + 60_000, outcome: 'abandoned', waitSeconds: 3 }),
      ],
      { offered: 1, answered: 0, abandoned: 1, exited: 0, maxWait: 63 },
    ],
    [
      // Joined at …00.900 and …10.100: queue_log has 00 and 10, so 10 s apart (the ms
      // difference, 9.2 s, would round to 9): answered after 0 s in the second queue is 10 s.
      "counts the first entry's offset in whole PBX seconds, as the engine does",
      [
        visit({ callId: 'a', joinedAt: T0 + 900, outcome: 'exited', waitSeconds: 9 }),
        visit({
          callId: 'b',
          joinedAt: T0 + 10_100,
          outcome: 'answered',
          waitSeconds: 1,
          talkSeconds: 60,
        }),
      ],
      { answered: 1, sumWait: 11, answered10s: 0 },
    ],
  ])('%s', (_scenario, visits, centre) => {
    expect(centreOf(visits)).toMatchObject(centre);
  });
});

describe(aggregateIntervals.name, () => {
  it('does not count a 300-second talk as over five minutes, but 301 seconds', () => {
    const rows = aggregate([
      answered('a', { waitSeconds: 10, talkSeconds: 300 }),
      answered('b', { waitSeconds: 11, talkSeconds: 301 }),
    ]);
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
    const rows = aggregate([
      visit({ callId: 'u', contactId: 'u', outcome: 'unknown', waitSeconds: 40 }),
      answered('s', { waitSeconds: 5, talkSeconds: null, talkAtLeastSeconds: 320 }),
      answered('z', { waitSeconds: 5, talkSeconds: null, talkAtLeastSeconds: 12 }),
      answered('k', { waitSeconds: 5, talkSeconds: 90 }),
    ]);
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
