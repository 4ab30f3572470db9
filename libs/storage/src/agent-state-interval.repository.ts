import { chunk, num, type Sql, strOrNull } from './sql';
import { deleteRowsBefore, type UpsertTable, upsertRows } from './table-statements';
import type { AfterCallWorkSummary, AgentStateIntervalRecord } from './stored-records';

/** Keyed by (agent, started_at). */
const TABLE: UpsertTable<AgentStateIntervalRecord> = {
  table: 'agent_state_interval',
  columns: ['agent', 'started_at', 'state', 'pause_reason', 'ended_at', 'call_id'],
  keyColumns: 2,
  rowsPerStatement: 500,
  keyOf: (r) => `${r.agent}\u0000${r.startedAt}`,
  valuesOf: (r) => [
    r.agent,
    r.startedAt,
    r.state,
    r.pauseReason ?? null,
    r.endedAt,
    r.callId ?? null,
  ],
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
      callId: strOrNull(row.call_id),
    }));
  }

  /** Seconds of after-call work (wrap-up spans) per call, for the calls that had any. */
  async afterCallSeconds(callIds: readonly string[]): Promise<Map<string, number>> {
    const seconds = new Map<string, number>();
    for (const part of chunk([...new Set(callIds)], 500)) {
      const rows = await this.sql.rows(
        `SELECT call_id, SUM(ended_at - started_at) AS ms FROM agent_state_interval
         WHERE state = 'wrap-up' AND call_id IN (${part.map(() => '?').join(', ')})
         GROUP BY call_id`,
        part,
      );
      for (const row of rows) seconds.set(String(row.call_id), num(row.ms) / 1000);
    }
    return seconds;
  }

  /**
   * After-call work after the calls whose wrap-up began in [from, to): how many calls had any
   * and its seconds in all (the staffing advisor's handle time = talk + this per call).
   */
  async afterCallWork(from: number, to: number): Promise<AfterCallWorkSummary> {
    const [row] = await this.sql.rows(
      `SELECT COUNT(DISTINCT call_id) AS calls, COALESCE(SUM(ended_at - started_at), 0) AS ms
       FROM agent_state_interval
       WHERE state = 'wrap-up' AND call_id IS NOT NULL AND started_at >= ? AND started_at < ?`,
      [from, to],
    );
    return { calls: num(row?.calls ?? 0), seconds: num(row?.ms ?? 0) / 1000 };
  }

  async purgeEndedBefore(before: number): Promise<number> {
    return deleteRowsBefore(this.sql, 'agent_state_interval', 'ended_at', before);
  }
}
