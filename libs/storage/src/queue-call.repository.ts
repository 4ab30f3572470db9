import { chunk, num, numOrNull, placeholders, type Sql, strOrNull, valuesList } from './sql';
import type { QueueCallOutcome, QueueCallRecord } from './stored-records';
import { FIFTEEN_MINUTES_MS } from '@hotline/calendar';
import type { QueueCallRecord as EngineQueueCallRecord } from '@hotline/kpi';

const COLUMNS = [
  'call_id',
  'contact_id',
  'queue',
  'line',
  'agent',
  'joined_at',
  'answered_at',
  'ended_at',
  'wait_seconds',
  'talk_seconds',
  'outcome',
  'reason',
  'talk_at_least_seconds',
  'estimated',
  'joined_before_monitoring',
] as const;
const ROWS_PER_STATEMENT = 400;

/**
 * A row of queue_call as read back: the engine's record (libs/kpi `QueueCallRecord`, one field
 * list) without its emission count, its end null where an older row has none.
 */
export type StoredQueueCall = Omit<EngineQueueCallRecord, 'revision' | 'endedAt'> & {
  readonly endedAt: number | null;
};

/** queue_call: one row per queue call, upserted by call_id (a correction replaces the row). */
export class QueueCallRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly QueueCallRecord[]): Promise<void> {
    // The last version of a call in the batch wins, as if written one by one.
    const latest = new Map<string, QueueCallRecord>();
    for (const record of records) latest.set(record.callId, record);
    for (const part of chunk([...latest.values()], ROWS_PER_STATEMENT)) {
      const params = part.flatMap((r) => [
        r.callId,
        r.contactId,
        r.queue,
        r.line ?? null,
        r.agent ?? null,
        r.joinedAt,
        r.answeredAt ?? null,
        r.endedAt ?? null,
        r.waitSeconds,
        r.talkSeconds ?? null,
        r.outcome,
        r.reason ?? null,
        r.talkAtLeastSeconds ?? null,
        r.estimated ? 1 : 0,
        r.joinedBeforeMonitoring ? 1 : 0,
      ]);
      const updates = COLUMNS.slice(1)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ');
      await this.sql.run(
        `INSERT INTO queue_call (${COLUMNS.join(', ')}) VALUES ${valuesList(part.length, COLUMNS.length)}
         ON CONFLICT (call_id) DO UPDATE SET ${updates}`,
        params,
      );
    }
  }

  async findByCallIds(callIds: readonly string[]): Promise<StoredQueueCall[]> {
    const out: StoredQueueCall[] = [];
    for (const part of chunk([...new Set(callIds)], 500)) {
      const rows = await this.sql.rows(
        `SELECT * FROM queue_call WHERE call_id IN (${placeholders(part.length)})`,
        part,
      );
      out.push(...rows.map(toStored));
    }
    return out;
  }

  async findByContactIds(contactIds: readonly string[]): Promise<StoredQueueCall[]> {
    const out: StoredQueueCall[] = [];
    for (const part of chunk([...new Set(contactIds)], 500)) {
      const rows = await this.sql.rows(
        `SELECT * FROM queue_call WHERE contact_id IN (${placeholders(part.length)})`,
        part,
      );
      out.push(...rows.map(toStored));
    }
    return out;
  }

  /**
   * Seconds waited by every queue call that joined in [from, to), per 15-minute interval of
   * joining (the staffing advisor's patience estimate), summed in the database.
   */
  async waitSecondsByInterval(from: number, to: number): Promise<Map<number, number>> {
    // interval_start as intervalStart() computes it (epoch ms are positive: no negative modulo).
    const rows = await this.sql.rows<{ interval_start: unknown; wait: unknown }>(
      `SELECT joined_at - (joined_at % ?) AS interval_start, SUM(wait_seconds) AS wait
       FROM queue_call WHERE joined_at >= ? AND joined_at < ? GROUP BY 1`,
      [FIFTEEN_MINUTES_MS, from, to],
    );
    return new Map(rows.map((row) => [num(row.interval_start), num(row.wait)]));
  }

  /** Calls that joined in [from, to). */
  async findJoinedBetween(from: number, to: number): Promise<StoredQueueCall[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM queue_call WHERE joined_at >= ? AND joined_at < ? ORDER BY joined_at, call_id`,
      [from, to],
    );
    return rows.map(toStored);
  }

  /** The latest end of any stored call (epoch ms), undefined when none is stored. */
  async latestEndedAt(): Promise<number | undefined> {
    const [row] = await this.sql.rows<{ t: unknown }>(`SELECT MAX(ended_at) AS t FROM queue_call`);
    return row?.t === null || row?.t === undefined ? undefined : num(row.t);
  }

  async count(): Promise<number> {
    const [row] = await this.sql.rows<{ n: unknown }>(`SELECT COUNT(*) AS n FROM queue_call`);
    return num(row?.n ?? 0);
  }

  /** Deletes calls that joined before the instant; returns how many. */
  async purgeJoinedBefore(before: number): Promise<number> {
    const [row] = await this.sql.rows<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM queue_call WHERE joined_at < ?`,
      [before],
    );
    await this.sql.run(`DELETE FROM queue_call WHERE joined_at < ?`, [before]);
    return num(row?.n ?? 0);
  }
}

function toStored(row: Record<string, unknown>): StoredQueueCall {
  return {
    callId: String(row.call_id),
    contactId: String(row.contact_id),
    queue: String(row.queue),
    line: strOrNull(row.line),
    agent: strOrNull(row.agent),
    joinedAt: num(row.joined_at),
    answeredAt: numOrNull(row.answered_at),
    endedAt: numOrNull(row.ended_at),
    waitSeconds: num(row.wait_seconds),
    talkSeconds: numOrNull(row.talk_seconds),
    talkAtLeastSeconds: numOrNull(row.talk_at_least_seconds),
    outcome: String(row.outcome) as QueueCallOutcome,
    reason: strOrNull(row.reason),
    estimated: num(row.estimated ?? 0) === 1,
    joinedBeforeMonitoring: num(row.joined_before_monitoring ?? 0) === 1,
  };
}
