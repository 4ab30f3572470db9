import type { DataSource } from 'typeorm';
import { AgentStateIntervalRepository } from './agent-state-interval.repository';
import { AlarmEventRepository } from './alarm-event.repository';
import { refreshIntervals } from './interval-refresher';
import { QueueCallRepository, type StoredQueueCall } from './queue-call.repository';
import { Sql } from './sql';
import type { AggregationRules } from './storage-options';
import type { QueueCallRecord, StorageItem, SurveyRatingRecord } from './stored-records';
import { SurveyRatingRepository } from './survey-rating.repository';
import { FIFTEEN_MINUTES_MS, intervalStart } from '@hotline/calendar';

/** The one thing the writer needs from the database: write a batch, all or nothing. */
export interface StorageSink {
  writeBatch(items: readonly StorageItem[]): Promise<void>;
}

/**
 * Writes batches of records in one transaction: upserts the raw rows, then recomputes the
 * 15-minute aggregates of every interval the batch touched (including where a corrected row
 * used to be, the first-entry interval of every contact involved, and the intervals of the
 * ratings given while one of the written calls was in progress).
 */
export class CallStore implements StorageSink {
  readonly sql: Sql;

  constructor(
    readonly dataSource: DataSource,
    readonly rules: AggregationRules,
  ) {
    this.sql = Sql.of(dataSource);
  }

  async writeBatch(items: readonly StorageItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const sql = this.sql.within(manager);
      const calls = new QueueCallRepository(sql);
      const ratings = new SurveyRatingRepository(sql);
      const states = new AgentStateIntervalRepository(sql);
      const callRecords = items.flatMap((i) => (i.kind === 'queue-call' ? [i.record] : []));
      const ratingRecords = items.flatMap((i) => (i.kind === 'rating' ? [i.record] : []));
      const stateRecords = items.flatMap((i) => (i.kind === 'agent-state' ? [i.record] : []));
      const alarmRecords = items.flatMap((i) => (i.kind === 'alarm-event' ? [i.record] : []));

      const touched = new Set<number>();
      const contactIds = callRecords.map((c) => c.contactId);
      if (callRecords.length > 0) {
        for (const old of await calls.findByCallIds(callRecords.map((c) => c.callId))) {
          touched.add(intervalStart(old.joinedAt));
          contactIds.push(old.contactId);
        }
        await calls.upsert(callRecords);
        const visits = await calls.findByContactIds(contactIds);
        for (const visit of visits) touched.add(intervalStart(visit.joinedAt));
        for (const rating of await ratingsDuring(ratings, callRecords, visits))
          touched.add(intervalStart(rating.ratedAt));
      }
      if (ratingRecords.length > 0) {
        for (const old of await ratings.findByRatingIds(ratingRecords.map((r) => r.ratingId)))
          touched.add(intervalStart(old.ratedAt));
        for (const r of ratingRecords) touched.add(intervalStart(r.ratedAt));
        await ratings.upsert(ratingRecords);
      }
      if (stateRecords.length > 0) {
        for (const s of stateRecords) {
          for (
            let t = intervalStart(s.startedAt);
            t < Math.max(s.endedAt, s.startedAt + 1);
            t += FIFTEEN_MINUTES_MS
          )
            touched.add(t);
        }
        await states.upsert(stateRecords);
      }
      // Alarm events touch no aggregate.
      if (alarmRecords.length > 0) await new AlarmEventRepository(sql).upsert(alarmRecords);
      await refreshIntervals(sql, touched, this.rules);
    });
  }
}

/**
 * Ratings of the contacts of `written` given while one of those calls was in progress: a
 * rating counts in the line and agent its contact had by its time (libs/kpi ratingScopes), so
 * a visit stored after the rating (a transfer still talking when the caller rated the first
 * leg) changes the rating's interval too.
 */
async function ratingsDuring(
  ratings: SurveyRatingRepository,
  written: readonly QueueCallRecord[],
  visits: readonly StoredQueueCall[],
): Promise<SurveyRatingRecord[]> {
  let from = Infinity;
  let to = -Infinity;
  for (const call of written) {
    from = Math.min(from, call.joinedAt);
    to = Math.max(to, call.endedAt ?? call.joinedAt);
  }
  if (from > to) return [];
  const contacts = new Set(visits.map((v) => v.contactId));
  const calls = new Set(visits.map((v) => v.callId));
  return (await ratings.findRatedBetween(from, to + 1)).filter(
    (r) =>
      (r.contactId != null && contacts.has(r.contactId)) ||
      (r.callId != null && calls.has(r.callId)),
  );
}
