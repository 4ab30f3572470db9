import { num, numOrNull, type Sql, strOrNull } from './sql';
import { deleteRowsBefore, rowsWhereIn, type UpsertTable, upsertRows } from './table-statements';
import type { QueueCallOutcome, QueueCallRecord } from './stored-records';
import { FIFTEEN_MINUTES_MS } from '@hotline/calendar';
import type { QueueCallRecord as EngineQueueCallRecord } from '@hotline/kpi';

/**
 * A row of queue_call as read back: the engine's record (libs/kpi `QueueCallRecord`, one field
 * list) without its emission count, its end null where an older row has none.
 */
export type StoredQueueCall = Omit<EngineQueueCallRecord, 'revision' | 'endedAt'> & {
  readonly endedAt: number | null;
};

/** Keyed by call_id; 400 rows (15 columns) a statement. */
const TABLE: UpsertTable<QueueCallRecord> = {
  table: 'queue_call',
  columns: [
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
  ],
  keyColumns: 1,
  rowsPerStatement: 400,
  keyOf: (r) => r.callId,
  valuesOf: (r) => [
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
  ],
};

/** queue_call: one row per queue call, upserted by call_id (a correction replaces the row). */
export class QueueCallRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly QueueCallRecord[]): Promise<void> {
    await upsertRows(this.sql, TABLE, records);
  }

  async findByCallIds(callIds: readonly string[]): Promise<StoredQueueCall[]> {
    return (await rowsWhereIn(this.sql, 'queue_call', 'call_id', callIds)).map(toStored);
  }

  async findByContactIds(contactIds: readonly string[]): Promise<StoredQueueCall[]> {
    return (await rowsWhereIn(this.sql, 'queue_call', 'contact_id', contactIds)).map(toStored);
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
    return deleteRowsBefore(this.sql, 'queue_call', 'joined_at', before);
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
