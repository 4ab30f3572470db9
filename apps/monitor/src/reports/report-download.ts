import type { ServerResponse } from 'node:http';
import {
  drained,
  ReportAbortedError,
  type ReportTable,
  type StreamedReportTable,
  writeXlsx,
} from '@hotline/reports';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Aborted when the client goes away before the response is complete. */
export function abortedWhenClosed(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Sends pieces as they come, waiting for a slow client (back-pressure). The first piece is
 * awaited before the status line goes out, so a failure before any output is still an
 * ordinary error response; a failure later can only cut the connection.
 */
export async function sendPieces(
  response: ServerResponse,
  headers: Readonly<Record<string, string>>,
  pieces: AsyncIterable<string>,
): Promise<void> {
  const iterator = pieces[Symbol.asyncIterator]();
  let next = await iterator.next();
  response.statusCode = 200;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  try {
    while (!next.done) {
      if (!response.write(next.value)) await drained(response);
      if (response.destroyed) {
        await iterator.return?.(undefined);
        throw new ReportAbortedError();
      }
      next = await iterator.next();
    }
    response.end();
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Streams a workbook; its first row is computed before anything is sent (see sendPieces). */
export async function sendXlsx(
  response: ServerResponse,
  fileName: string,
  table: ReportTable | StreamedReportTable,
): Promise<void> {
  // Rows in memory are computed already; streamed ones: the first before the headers go out.
  const ready = isStreamed(table) ? { ...table, rows: await primed(table.rows) } : table;
  response.statusCode = 200;
  response.setHeader('Content-Type', XLSX_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  try {
    await writeXlsx(response, [ready]);
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

function isStreamed(table: ReportTable | StreamedReportTable): table is StreamedReportTable {
  return Symbol.asyncIterator in table.rows;
}

/** The same rows, with the first one already computed. */
async function primed<T>(rows: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  })();
}
