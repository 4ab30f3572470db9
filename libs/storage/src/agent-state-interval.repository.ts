import { chunk, num, type Sql, strOrNull, valuesList } from './sql';
import type { AgentStateIntervalRecord } from './stored-records';

const COLUMNS = ['agent', 'started_at', 'state', 'pause_reason', 'ended_at'] as const;

/** agent_state_interval: closed spans of agent states, upserted by (agent, started_at). */
export class AgentStateIntervalRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(records: readonly AgentStateIntervalRecord[]): Promise<void> {
    const latest = new Map(records.map((r) => [`${r.agent}\u0000${r.startedAt}`, r]));
    for (const part of chunk([...latest.values()], 500)) {
      const params = part.flatMap((r) => [
        r.agent,
        r.startedAt,
        r.state,
        r.pauseReason ?? null,
        r.endedAt,
      ]);
      await this.sql.run(
        `INSERT INTO agent_state_interval (${COLUMNS.join(', ')}) VALUES ${valuesList(part.length, COLUMNS.length)}
         ON CONFLICT (agent, started_at) DO UPDATE SET state = excluded.state, pause_reason = excluded.pause_reason, ended_at = excluded.ended_at`,
        params,
      );
    }
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
    const [row] = await this.sql.rows<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM agent_state_interval WHERE ended_at < ?`,
      [before],
    );
    await this.sql.run(`DELETE FROM agent_state_interval WHERE ended_at < ?`, [before]);
    return num(row?.n ?? 0);
  }
}
