import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { CsvRecords } from '@hotline/call-events';
import { findRotatedFiles } from '../queue-log/queue-log-files';

/**
 * cdr_csv's columns with `newcdrcolumns = yes` (cdr.conf `[csv]`; Asterisk's cdr_csv.c): …,
 * uniqueid (16), userfield, peeraccount, linkedid (19), sequence. Without that option a row
 * has 18 columns and no Linkedid.
 */
const UNIQUEID = 16;
const LINKEDID = 19;

/** What the CDR says of contacts: each channel's Linkedid where it differs from its Uniqueid. */
export interface AsteriskCdrContacts {
  readonly contactOf: ReadonlyMap<string, string>;
  readonly rows: number;
  readonly files: number;
}

/**
 * Reads Asterisk's CDR (cdr_csv `Master.csv` and its rotated siblings, plain or gzip) for the
 * one thing queue_log lacks: which channels belong to one contact (Linkedid). Streamed; keeps
 * only the channels whose Linkedid is another channel's, so a month stays small. A file
 * without the Linkedid column is an error that says which option writes it.
 */
export async function readAsteriskCdrContacts(path: string): Promise<AsteriskCdrContacts> {
  const contactOf = new Map<string, string>();
  let rows = 0;
  const files = await findRotatedFiles(path);
  if (files.length === 0) throw new Error(`Asterisk CDR ${path}: no such file`);
  for (const file of files) {
    const raw = createReadStream(file.path, { highWaterMark: 256 * 1024 });
    const input = file.compressed ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (error) => input.destroy(error));
    input.setEncoding('utf8');
    const parser = new CsvRecords();
    const take = (records: string[][]) => {
      for (const record of records) {
        rows++;
        if (record.length <= LINKEDID)
          throw new Error(
            `Asterisk CDR ${file.path}: row ${rows} has ${record.length} columns, no Linkedid; set newcdrcolumns = yes in cdr.conf [csv]`,
          );
        const uniqueid = record[UNIQUEID];
        const linkedid = record[LINKEDID];
        if (uniqueid && linkedid && uniqueid !== linkedid) contactOf.set(uniqueid, linkedid);
      }
    };
    try {
      for await (const chunk of input as AsyncIterable<string>) take(parser.push(chunk));
      take(parser.end());
    } finally {
      raw.destroy();
    }
  }
  return { contactOf, rows, files: files.length };
}
