import type { DataSource } from 'typeorm';
import { QueueCallRepository, type StoredQueueCall } from './queue-call.repository';
import { Sql } from './sql';
import type { SurveyRatingRecord } from './stored-records';
import { SurveyRatingRepository } from './survey-rating.repository';
import { startOfMonth, startOfWeek } from '@hotline/calendar';

/** What the KPI engine's `restore(seed)` needs to rebuild today / this week / this month. */
export interface RecoverySeed {
  /** Earliest instant covered (epoch ms): start of the month, or of the week when that is earlier. */
  readonly from: number;
  /** The `now` the seed was read at. */
  readonly to: number;
  /** Finished queue calls that joined in [from, to), in join order. */
  readonly calls: readonly StoredQueueCall[];
  readonly ratings: readonly SurveyRatingRecord[];
}

/**
 * Reads the records the engine needs after a restart, before the live stream resumes. The
 * week can start in the previous month (Monday first), so the seed starts at whichever of
 * "start of this month" and "start of this week" comes first.
 */
export async function loadRecoverySeed(
  dataSource: DataSource,
  now: number,
  timeZone: string,
): Promise<RecoverySeed> {
  const from = Math.min(startOfMonth(now, timeZone), startOfWeek(now, timeZone));
  const sql = Sql.of(dataSource);
  const calls = await new QueueCallRepository(sql).findJoinedBetween(from, now + 1);
  const ratings = await new SurveyRatingRepository(sql).findRatedBetween(from, now + 1);
  return { from, to: now, calls, ratings };
}
