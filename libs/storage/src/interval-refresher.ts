import { AgentStateIntervalRepository } from './agent-state-interval.repository';
import { aggregateIntervals } from './interval-aggregator';
import { IntervalAggregateRepository } from './interval-aggregate.repository';
import { QueueCallRepository } from './queue-call.repository';
import type { Sql } from './sql';
import type { AggregationRules } from './storage-options';
import { SurveyRatingRepository } from './survey-rating.repository';
import { FIFTEEN_MINUTES_MS } from '@hotline/calendar';

/** Intervals recomputed per round trip: one day's worth keeps each query small. */
const INTERVALS_PER_CHUNK = 96;

/**
 * Recomputes the aggregates of the given 15-minute intervals from the raw rows and replaces
 * them. Idempotent: running it twice, or after a replayed batch, gives the same rows.
 */
export async function refreshIntervals(
  sql: Sql,
  intervalStarts: Iterable<number>,
  rules: AggregationRules,
): Promise<number> {
  const starts = [...new Set(intervalStarts)].sort((a, b) => a - b);
  const calls = new QueueCallRepository(sql);
  const ratings = new SurveyRatingRepository(sql);
  const agentStates = new AgentStateIntervalRepository(sql);
  const aggregates = new IntervalAggregateRepository(sql);
  let written = 0;
  for (let i = 0; i < starts.length;) {
    // A chunk: consecutive wanted intervals within one day-length window.
    const group = [starts[i]];
    const windowEnd = starts[i] + INTERVALS_PER_CHUNK * FIFTEEN_MINUTES_MS;
    for (i++; i < starts.length && starts[i] < windowEnd; i++) group.push(starts[i]);
    const from = group[0];
    const to = group[group.length - 1] + FIFTEEN_MINUTES_MS;

    const joined = await calls.findJoinedBetween(from, to);
    const contactVisits = await calls.findByContactIds(joined.map((c) => c.contactId));
    const rated = await ratings.findRatedBetween(from, to);
    const ratedCallIds = rated.map((r) => r.callId).filter((id): id is string => !!id);
    const ratedCalls = await calls.findByCallIds(ratedCallIds);
    const ratedContactIds = [
      ...rated.map((r) => r.contactId).filter((id): id is string => !!id),
      ...ratedCalls.map((c) => c.contactId),
    ];
    const ratedVisits = [...ratedCalls, ...(await calls.findByContactIds(ratedContactIds))];
    const states = await agentStates.findOverlapping(from, to);

    const rows = aggregateIntervals(
      group,
      { calls: joined, contactVisits, ratings: rated, ratedVisits, agentStates: states },
      rules,
    );
    await aggregates.replaceIntervals(group, rows);
    written += rows.length;
  }
  return written;
}
