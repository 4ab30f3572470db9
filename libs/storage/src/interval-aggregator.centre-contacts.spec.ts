import { aggregateIntervals, contactsOf } from './interval-aggregator';
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
  outcome: 'abandoned',
  reason: null,
  ...o,
});

describe(contactsOf.name, () => {
  it('answers a contact if any visit was answered, waiting from the first entry', () => {
    const [contact] = contactsOf([
      visit({
        callId: 'b',
        queue: 'q2',
        joinedAt: T0 + 30_000,
        outcome: 'answered',
        waitSeconds: 2,
        talkSeconds: 100,
      }),
      visit({ callId: 'a', queue: 'q1', joinedAt: T0, outcome: 'exited', waitSeconds: 30 }),
    ]);
    expect(contact).toMatchObject({
      outcome: 'answered',
      waitSeconds: 32,
      talkSeconds: 100,
      firstJoinedAt: T0,
    });
  });

  it('gives an unanswered contact the outcome of its last visit', () => {
    const [contact] = contactsOf([
      visit({ callId: 'a', joinedAt: T0, outcome: 'exited', waitSeconds: 60 }),
      visit({ callId: 'b', joinedAt: T0 + 60_000, outcome: 'abandoned', waitSeconds: 3 }),
    ]);
    expect(contact).toMatchObject({ outcome: 'abandoned', waitSeconds: 63 });
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
      { calls, contactVisits: calls, ratings: [], lineByCallId: new Map(), agentStates: [] },
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
