import type { KpiReportStream } from './kpi-report.builder';

const PIECE_CHARS = 64 * 1024;

/**
 * A KPI report as JSON, produced as its rows are computed, in pieces of ~64 KB: the same
 * document as `JSON.stringify(await buildKpiReport(…))` — request, columns, headers, rows,
 * total, monthlyAverage — without ever holding it whole.
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
  const { total, monthlyAverage } = report.summary();
  yield `${piece}],"total":${JSON.stringify(total)},"monthlyAverage":${JSON.stringify(monthlyAverage)}}`;
}
