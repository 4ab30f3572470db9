import { num, type Sql } from './sql';

/** What the stored coverage rests on: an import from the PBX's ledger, or the live link alone. */
export type CoverageBasis = 'import' | 'live';

/** From when the stored queue calls are complete (up to now, while the monitor runs). */
export interface StoredCoverage {
  /** Epoch ms. */
  readonly coveredFrom: number;
  readonly basis: CoverageBasis;
  readonly updatedAt: number;
}

const CALLS_SCOPE = 'calls';

/**
 * data_coverage: the instant from which the queue_call rows are complete. Read on start and
 * handed to the KPI engine's restore (`KpiRestoreSeed.coveredFrom`) so figures that begin later
 * than their period say so; written by the history import and on the first live attach.
 */
export class CoverageRepository {
  constructor(private readonly sql: Sql) {}

  async read(): Promise<StoredCoverage | undefined> {
    const [row] = await this.sql.rows<{
      covered_from: unknown;
      basis: unknown;
      updated_at: unknown;
    }>(`SELECT covered_from, basis, updated_at FROM data_coverage WHERE scope = ?`, [CALLS_SCOPE]);
    if (!row) return undefined;
    return {
      coveredFrom: num(row.covered_from),
      basis: String(row.basis) === 'import' ? 'import' : 'live',
      updatedAt: num(row.updated_at),
    };
  }

  async write(coverage: StoredCoverage): Promise<void> {
    await this.sql.run(
      `INSERT INTO data_coverage (scope, covered_from, basis, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET covered_from = excluded.covered_from,
         basis = excluded.basis, updated_at = excluded.updated_at`,
      [CALLS_SCOPE, coverage.coveredFrom, coverage.basis, coverage.updatedAt],
    );
  }
}
