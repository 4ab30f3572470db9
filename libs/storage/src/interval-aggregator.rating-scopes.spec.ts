import { aggregateIntervals } from './interval-aggregator';
import type { StoredQueueCall } from './queue-call.repository';
import { DEFAULT_AGGREGATION_RULES } from './storage-options';
import type { SurveyRatingRecord } from './stored-records';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const answered: StoredQueueCall = {
  callId: 'c1',
  contactId: 'k1',
  queue: 'q1',
  line: '12315',
  agent: 'a1',
  joinedAt: T0,
  answeredAt: T0 + 2_000,
  endedAt: T0 + 62_000,
  waitSeconds: 2,
  talkSeconds: 60,
  talkAtLeastSeconds: null,
  outcome: 'answered',
  reason: 'caller-hangup',
  estimated: false,
  joinedBeforeMonitoring: false,
};
const rating = (o: Partial<SurveyRatingRecord>): SurveyRatingRecord => ({
  ratingId: 'r',
  queue: 'q1',
  score: 5,
  ratedAt: T0 + 120_000,
  ...o,
});

function scopesRated(ratings: SurveyRatingRecord[], ratedVisits: StoredQueueCall[]): string[] {
  return aggregateIntervals(
    [T0],
    { calls: [], contactVisits: [], ratings, ratedVisits, agentStates: [] },
    DEFAULT_AGGREGATION_RULES,
  )
    .filter((r) => r.ratings > 0)
    .map((r) => `${r.scopeKind}:${r.scopeKey}`);
}

describe(`${aggregateIntervals.name}, ratings`, () => {
  it('counts a rating naming only its contact in the line and agent of that contact, as the engine does', () => {
    expect(scopesRated([rating({ contactId: 'k1' })], [answered])).toEqual([
      'agent:a1',
      'centre:*',
      'line:12315',
      'queue:q1',
    ]);
  });

  it('takes the rated call’s agent when the rating names none', () => {
    expect(scopesRated([rating({ callId: 'c1' })], [answered])).toContain('agent:a1');
  });

  it('does not take a line or agent the contact only had after the rating', () => {
    const later = { ...answered, joinedAt: T0 + 130_000, answeredAt: T0 + 131_000 };
    expect(scopesRated([rating({ contactId: 'k1' })], [later])).toEqual(['centre:*', 'queue:q1']);
  });
});
