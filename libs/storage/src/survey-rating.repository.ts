import { chunk, num, numOrNull, type Sql, strOrNull, valuesList } from './sql';
import type { SurveyRatingRecord } from './stored-records';

const COLUMNS = [
  'rating_id',
  'contact_id',
  'call_id',
  'queue',
  'agent',
  'score',
  'rated_at',
] as const;

/** survey_rating: the caller's keypress after the call, upserted by rating_id. */
export class SurveyRatingRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly SurveyRatingRecord[]): Promise<void> {
    const latest = new Map(records.map((r) => [r.ratingId, r]));
    for (const part of chunk([...latest.values()], 500)) {
      const params = part.flatMap((r) => [
        r.ratingId,
        r.contactId ?? null,
        r.callId ?? null,
        r.queue,
        r.agent ?? null,
        r.score,
        r.ratedAt,
      ]);
      const updates = COLUMNS.slice(1)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ');
      await this.sql.run(
        `INSERT INTO survey_rating (${COLUMNS.join(', ')}) VALUES ${valuesList(part.length, COLUMNS.length)}
         ON CONFLICT (rating_id) DO UPDATE SET ${updates}`,
        params,
      );
    }
  }

  async findByRatingIds(ids: readonly string[]): Promise<SurveyRatingRecord[]> {
    const out: SurveyRatingRecord[] = [];
    for (const part of chunk([...new Set(ids)], 500)) {
      const rows = await this.sql.rows(
        `SELECT * FROM survey_rating WHERE rating_id IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  async findRatedBetween(from: number, to: number): Promise<SurveyRatingRecord[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM survey_rating WHERE rated_at >= ? AND rated_at < ? ORDER BY rated_at`,
      [from, to],
    );
    return rows.map(toRecord);
  }

  async purgeRatedBefore(before: number): Promise<number> {
    const [row] = await this.sql.rows<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM survey_rating WHERE rated_at < ?`,
      [before],
    );
    await this.sql.run(`DELETE FROM survey_rating WHERE rated_at < ?`, [before]);
    return num(row?.n ?? 0);
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
