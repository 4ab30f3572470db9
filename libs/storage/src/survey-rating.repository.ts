import { num, numOrNull, type Sql, strOrNull } from './sql';
import { deleteRowsBefore, rowsWhereIn, type UpsertTable, upsertRows } from './table-statements';
import type { SurveyRatingRecord } from './stored-records';

/** Keyed by rating_id. */
const TABLE: UpsertTable<SurveyRatingRecord> = {
  table: 'survey_rating',
  columns: ['rating_id', 'contact_id', 'call_id', 'queue', 'agent', 'score', 'rated_at'],
  keyColumns: 1,
  rowsPerStatement: 500,
  keyOf: (r) => r.ratingId,
  valuesOf: (r) => [
    r.ratingId,
    r.contactId ?? null,
    r.callId ?? null,
    r.queue,
    r.agent ?? null,
    r.score,
    r.ratedAt,
  ],
};

/** survey_rating: the caller's keypress after the call, upserted by rating_id. */
export class SurveyRatingRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly SurveyRatingRecord[]): Promise<void> {
    await upsertRows(this.sql, TABLE, records);
  }

  async findByRatingIds(ids: readonly string[]): Promise<SurveyRatingRecord[]> {
    return (await rowsWhereIn(this.sql, 'survey_rating', 'rating_id', ids)).map(toRecord);
  }

  async findRatedBetween(from: number, to: number): Promise<SurveyRatingRecord[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM survey_rating WHERE rated_at >= ? AND rated_at < ? ORDER BY rated_at`,
      [from, to],
    );
    return rows.map(toRecord);
  }

  async purgeRatedBefore(before: number): Promise<number> {
    return deleteRowsBefore(this.sql, 'survey_rating', 'rated_at', before);
  }
}

function toRecord(row: Record<string, unknown>): SurveyRatingRecord {
  return {
    ratingId: String(row.rating_id),
    contactId: strOrNull(row.contact_id),
    callId: strOrNull(row.call_id),
    queue: String(row.queue),
    agent: strOrNull(row.agent),
    score: num(row.score),
    ratedAt: numOrNull(row.rated_at) ?? 0,
  };
}
