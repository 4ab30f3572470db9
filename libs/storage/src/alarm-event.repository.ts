import { num, numOrNull, type Sql, strOrNull } from './sql';
import { deleteRowsBefore, type UpsertTable, upsertRows } from './table-statements';
import type { AlarmEventRecord } from './stored-records';

const TABLE: UpsertTable<AlarmEventRecord> = {
  table: 'alarm_event',
  columns: [
    'alarm_id',
    'event',
    'at',
    'kind',
    'subject',
    'severity',
    'value',
    'threshold',
    'detail',
    'raised_at',
    'acknowledged_by',
  ],
  keyColumns: 2,
  rowsPerStatement: 200,
  keyOf: (r) => `${r.alarmId}\u0000${r.event}`,
  valuesOf: (r) => [
    r.alarmId,
    r.event,
    r.at,
    r.kind,
    r.subject,
    r.severity,
    r.value,
    r.threshold,
    JSON.stringify(r.detail),
    r.raisedAt,
    r.acknowledgedBy,
  ],
};

/** alarm_event: what happened to each alarm and when, keyed by (alarm_id, event). */
export class AlarmEventRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly AlarmEventRecord[]): Promise<void> {
    await upsertRows(this.sql, TABLE, records);
  }

  /** Events in [from, to), newest first, at most `limit`. */
  async findBetween(from: number, to: number, limit: number): Promise<AlarmEventRecord[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM alarm_event WHERE at >= ? AND at < ? ORDER BY at DESC, alarm_id, event LIMIT ?`,
      [from, to, limit],
    );
    return rows.map(toRecord);
  }

  async purgeBefore(before: number): Promise<number> {
    return deleteRowsBefore(this.sql, 'alarm_event', 'at', before);
  }
}

function toRecord(row: Record<string, unknown>): AlarmEventRecord {
  return {
    alarmId: String(row.alarm_id),
    event: String(row.event) as AlarmEventRecord['event'],
    at: num(row.at),
    kind: String(row.kind),
    subject: String(row.subject),
    severity: String(row.severity),
    value: numOrNull(row.value),
    threshold: numOrNull(row.threshold),
    detail: JSON.parse(String(row.detail)) as Record<string, string>,
    raisedAt: num(row.raised_at),
    acknowledgedBy: strOrNull(row.acknowledged_by),
  };
}
