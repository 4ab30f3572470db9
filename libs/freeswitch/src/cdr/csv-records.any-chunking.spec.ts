import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvRecords } from '@hotline/call-events';
import { cdrCsvTemplateColumns } from './cdr-csv-template';

const CDR = readFileSync(
  join(__dirname, '../../../../test/fixtures/freeswitch/fs-run1.cdr.csv'),
  'utf8',
);

function records(chunks: readonly string[]): string[][] {
  const parser = new CsvRecords();
  const out = chunks.flatMap((chunk) => parser.push(chunk));
  return [...out, ...parser.end()];
}

describe('CsvRecords: mod_cdr_csv rows from chunks of any size', () => {
  const whole = records([CDR]);

  it('reads the fs-run1 CDR: a header of 30 columns and one record per leg', () => {
    expect(whole[0]).toContain('cc_member_uuid');
    expect(whole.every((r) => r.length === 30)).toBe(true);
    expect(whole.length).toBe(CDR.trim().split('\n').length);
  });

  it('gives the same records fed one byte at a time and in odd chunks', () => {
    expect(records([...CDR])).toEqual(whole);
    const odd: string[] = [];
    for (let i = 0; i < CDR.length; i += 977) odd.push(CDR.slice(i, i + 977));
    expect(records(odd)).toEqual(whole);
  });

  it('keeps doubled quotes, commas and line breaks inside quoted fields, and CRLF endings', () => {
    const text = '"a","say ""hi""","x,y","two\r\nlines"\r\n"b","","",""';
    expect(records([text])).toEqual([
      ['a', 'say "hi"', 'x,y', 'two\r\nlines'],
      ['b', '', '', ''],
    ]);
    expect(records([...text])).toEqual(records([text]));
  });

  it('names the columns of a cdr_csv template', () => {
    expect(cdrCsvTemplateColumns('"${uuid}","${cc_queue}","${cc_member_uuid}"')).toEqual([
      'uuid',
      'cc_queue',
      'cc_member_uuid',
    ]);
    expect(() => cdrCsvTemplateColumns('"${uuid}","static"')).toThrow(/not a \$\{variable\}/);
  });
});
