import { chunk, num, type Sql, strOrNull } from './sql';
import { deleteRowsBefore, type UpsertTable, upsertRows } from './table-statements';
import { FIFTEEN_MINUTES_MS } from '@hotline/calendar';
import type { AgentStateIntervalRecord } from './stored-records';

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
   * Seconds of after-call work (wrap-up spans) per 15-minute interval in which they began, for
   * spans beginning in [from, to): the rota planner's measured after-call work.
   */
  async wrapUpSecondsByInterval(from: number, to: number): Promise<Map<number, number>> {
    // interval_start as intervalStart() computes it (epoch ms are positive: no negative modulo).
    const rows = await this.sql.rows<{ interval_start: unknown; ms: unknown }>(
      `SELECT started_at - (started_at % ?) AS interval_start, SUM(ended_at - started_at) AS ms
       FROM agent_state_interval
       WHERE state = 'wrap-up' AND started_at >= ? AND started_at < ? GROUP BY 1`,
      [FIFTEEN_MINUTES_MS, from, to],
    );
    return new Map(rows.map((row) => [num(row.interval_start), num(row.ms) / 1000]));
  }

  async purgeEndedBefore(before: number): Promise<number> {
    return deleteRowsBefore(this.sql, 'agent_state_interval', 'ended_at', before);
  }
}
