import { num, numOrNull, type Sql, strOrNull } from './sql';

export type HistoryImportStatus = 'running' | 'done' | 'failed';

/** One run of the history import, as stored (history_import). */
export interface HistoryImportRun {
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly source: string;
  readonly rangeFrom: number;
  readonly rangeTo: number;
  readonly status: HistoryImportStatus;
  readonly calls: number;
  /** The import summary as JSON text. */
  readonly summary: string | null;
}

/** history_import: every import run (the monitor's on first start and the command's). */
export class HistoryImportRepository {
  constructor(private readonly sql: Sql) {}

  async save(run: HistoryImportRun): Promise<void> {
    await this.sql.run(
      `INSERT INTO history_import (started_at, finished_at, source, range_from, range_to, status, calls, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (started_at) DO UPDATE SET finished_at = excluded.finished_at,
         status = excluded.status, calls = excluded.calls, summary = excluded.summary`,
      [
        run.startedAt,
        run.finishedAt,
        run.source.slice(0, 512),
        run.rangeFrom,
        run.rangeTo,
        run.status,
        run.calls,
        run.summary,
      ],
    );
  }

  /** The latest runs first. */
  async latest(limit = 10): Promise<HistoryImportRun[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM history_import ORDER BY started_at DESC LIMIT ?`,
      [limit],
    );
    return rows.map((row) => ({
      startedAt: num(row.started_at),
      finishedAt: numOrNull(row.finished_at),
      source: String(row.source),
      rangeFrom: num(row.range_from),
      rangeTo: num(row.range_to),
      status: String(row.status) as HistoryImportStatus,
      calls: num(row.calls),
      summary: strOrNull(row.summary),
    }));
  }
}
