import { num, type Sql, strOrNull } from './sql';
import { deleteRowsBefore, type UpsertTable, upsertRows } from './table-statements';
import type { AgentStateIntervalRecord } from './stored-records';

/** Keyed by (agent, started_at). */
const TABLE: UpsertTable<AgentStateIntervalRecord> = {
  table: 'agent_state_interval',
  columns: ['agent', 'started_at', 'state', 'pause_reason', 'ended_at'],
  keyColumns: 2,
  rowsPerStatement: 500,
  keyOf: (r) => `${r.agent}\u0000${r.startedAt}`,
  valuesOf: (r) => [r.agent, r.startedAt, r.state, r.pauseReason ?? null, r.endedAt],
};

/** agent_state_interval: closed spans of agent states, upserted by (agent, started_at). */
export class AgentStateIntervalRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly AgentStateIntervalRecord[]): Promise<void> {
    await upsertRows(this.sql, TABLE, records);
  }

  /** Spans overlapping [from, to). */
  async findOverlapping(from: number, to: number): Promise<AgentStateIntervalRecord[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM agent_state_interval WHERE started_at < ? AND ended_at > ? ORDER BY agent, started_at`,
      [to, from],
    );
    return rows.map((row) => ({
      agent: String(row.agent),
      state: String(row.state),
      pauseReason: strOrNull(row.pause_reason),
      startedAt: num(row.started_at),
      endedAt: num(row.ended_at),
    }));
  }

  async purgeEndedBefore(before: number): Promise<number> {
    return deleteRowsBefore(this.sql, 'agent_state_interval', 'ended_at', before);
  }
}
