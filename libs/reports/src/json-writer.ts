import type { KpiReportStream } from './kpi-report.builder';

const PIECE_CHARS = 64 * 1024;

/**
 * A KPI report as JSON, produced as its rows are computed, in pieces of ~64 KB: the same
 * document as `JSON.stringify(await buildKpiReport(…))` — request, columns, headers, rows,
 * total, monthlyAverage, and whatever else the summary holds (the platform total: its sites and
 * omitted periods) — without ever holding it whole.
 */
export async function* kpiReportJsonPieces(report: KpiReportStream): AsyncGenerator<string> {
  let piece =
    `{"request":${JSON.stringify(report.request)},"columns":${JSON.stringify(report.columns)}` +
    `,"headers":${JSON.stringify(report.headers)},"rows":[`;
  let first = true;
  for await (const row of report.rows()) {
    piece += (first ? '' : ',') + JSON.stringify(row);
    first = false;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  const summary = Object.entries(report.summary()).map(
    ([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`,
  );
  yield `${piece}]${summary.join('')}}`;
}
