import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { dayKey } from '@hotline/calendar';
import type { ScopeKind } from '@hotline/storage';
import { toCsv } from './csv-writer';
import { buildKpiReport, type ReportNaming } from './kpi-report.builder';
import { PEAK_COLUMNS, storedPeakLossIntervals } from './peak-hours';
import { header, SCOPE_LABELS } from './report-columns';
import type { ReportData } from './report-data';
import type { ReportJob, ReportJobs } from './report-jobs';
import type { KpiReportRequest, ReportGrain, ReportLanguage } from './report-query';
import { kpiReportTable, type ReportTable } from './report-table';
import { toXlsx } from './xlsx-writer';

export type PeriodReportKind = 'weekly' | 'monthly';

export interface PeriodReportSpec {
  readonly kind: PeriodReportKind;
  /** [from, to) epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
  readonly folder: string;
  readonly lang: ReportLanguage;
  readonly naming?: ReportNaming;
  /** Rows in the peak-hour sheet. */
  readonly peakIntervals?: number;
}

const SCOPES: readonly ScopeKind[] = ['centre', 'queue', 'line', 'agent'];

/**
 * Builds the weekly (by day) or monthly (centre by day, every scope by month) report and the
 * peak-hour view, and writes one CSV per table plus one XLSX workbook with a sheet per table.
 * Progress goes through `jobs`. Returns the file names written.
 */
export async function writePeriodReport(
  data: ReportData,
  spec: PeriodReportSpec,
  jobs: ReportJobs,
  job?: ReportJob,
): Promise<string[]> {
  const title = `${spec.kind}-${dayKey(spec.from, spec.timeZone)}_${dayKey(spec.to - 1, spec.timeZone)}`;
  const running = job ?? jobs.start(spec.kind, title);
  try {
    await mkdir(spec.folder, { recursive: true });
    const tables: { slug: string; table: ReportTable }[] = [];
    const plan: { scope: ScopeKind; by: ReportGrain }[] =
      spec.kind === 'weekly'
        ? SCOPES.map((scope) => ({ scope, by: 'day' }))
        : [
            { scope: 'centre', by: 'day' },
            ...SCOPES.map((scope) => ({ scope, by: 'month' as const })),
          ];
    for (const [i, step] of plan.entries()) {
      const request: KpiReportRequest = {
        from: dayKey(spec.from, spec.timeZone),
        to: dayKey(spec.to - 1, spec.timeZone),
        fromMs: spec.from,
        toMs: spec.to,
        by: step.by,
        scope: step.scope,
        format: 'xlsx',
        lang: spec.lang,
        timeZone: spec.timeZone,
      };
      const report = await buildKpiReport(data, request, spec.naming ?? {});
      const sheet = `${header(SCOPE_LABELS[step.scope], spec.lang)}-${step.by}`;
      tables.push({ slug: `${step.scope}-by-${step.by}`, table: kpiReportTable(report, sheet) });
      jobs.progress(
        running,
        ((i + 1) / (plan.length + 2)) * 90,
        `${step.scope} by ${step.by}: ${report.rows.length} rows`,
      );
    }
    const peaks = await storedPeakLossIntervals(
      data,
      spec.from,
      spec.to,
      spec.timeZone,
      spec.peakIntervals ?? 20,
    );
    tables.push({
      slug: 'peak-loss',
      table: {
        title: spec.lang === 'en' ? 'Peak loss intervals' : '高峰呼损时段',
        headers: PEAK_COLUMNS.map((c) => header(c, spec.lang)),
        formats: PEAK_COLUMNS.map((c) => c.format),
        rows: peaks.map((p) => PEAK_COLUMNS.map((c) => p[c.id])),
      },
    });
    jobs.progress(running, 92, 'peak-loss intervals');

    const files: string[] = [];
    for (const { slug, table } of tables) {
      const name = `${title}-${slug}.csv`;
      await writeFile(join(spec.folder, name), toCsv(table));
      files.push(name);
    }
    const workbook = `${title}.xlsx`;
    await writeFile(join(spec.folder, workbook), await toXlsx(tables.map((t) => t.table)));
    files.push(workbook);
    jobs.finish(running, files);
    return files;
  } catch (error) {
    jobs.fail(running, error);
    throw error;
  }
}

export interface ReportFile {
  readonly name: string;
  readonly bytes: number;
  readonly modifiedAt: string;
}

/** Report files in the folder, newest first. */
export async function listReportFiles(folder: string): Promise<ReportFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const files = await Promise.all(
    names
      .filter((n) => /\.(csv|xlsx)$/.test(n))
      .map(async (name) => {
        const info = await stat(join(folder, name));
        return { name, bytes: info.size, modifiedAt: info.mtime.toISOString() };
      }),
  );
  return files.sort(
    (a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name),
  );
}

/** Resolves a file name from a request to a path inside the folder, or null if it is not a report file name. */
export function reportFilePath(folder: string, name: string): string | null {
  if (basename(name) !== name || !/^[\w.~-]+\.(csv|xlsx)$/.test(name)) return null;
  return join(folder, name);
}
