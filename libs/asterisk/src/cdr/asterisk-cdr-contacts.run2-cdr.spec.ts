import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readAsteriskCdrContacts } from './asterisk-cdr-contacts';

const RUN2_CDR = readFileSync(
  join(__dirname, '../../../../test/fixtures/asterisk/run2/run2.cdr.csv'),
  'utf8',
);
const rows = RUN2_CDR.split('\n').filter((line) => line !== '');

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-cdr-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('readAsteriskCdrContacts: channels grouped by the CDR’s Linkedid', () => {
  it('maps the consultation channel of run2’s attended transfer to its caller’s contact', async () => {
    const dir = folder({ 'Master.csv': RUN2_CDR });
    const cdr = await readAsteriskCdrContacts(join(dir, 'Master.csv'));
    expect(cdr.rows).toBe(rows.length);
    // 1795918806.61 (caller, queue 12345) is transferred by agent107 to 1795918818.73 (12345-en).
    expect(cdr.contactOf.get('1795918818.73')).toBe('1795918806.60');
    expect(cdr.contactOf.get('1795918806.61')).toBe('1795918806.60');
    // A channel that is its own contact is not kept.
    for (const [uniqueid, linkedid] of cdr.contactOf) expect(uniqueid).not.toBe(linkedid);
  });

  it('reads the rotated files too, gzip by its bytes', async () => {
    const half = Math.floor(rows.length / 2);
    const dir = folder({
      'Master.csv': `${rows.slice(half).join('\n')}\n`,
      'Master.csv.1': gzipSync(`${rows.slice(0, half).join('\n')}\n`),
    });
    const whole = await readAsteriskCdrContacts(
      join(folder({ 'Master.csv': RUN2_CDR }), 'Master.csv'),
    );
    const split = await readAsteriskCdrContacts(join(dir, 'Master.csv'));
    expect([split.files, split.rows]).toEqual([2, rows.length]);
    expect([...split.contactOf].sort()).toEqual([...whole.contactOf].sort());
  });

  it('says which cdr.conf option writes the Linkedid when a row lacks it', async () => {
    // cdr_csv without newcdrcolumns: 18 columns, up to userfield.
    const short = rows[0].split(',').slice(0, 18).join(',');
    const dir = folder({ 'Master.csv': `${short}\n` });
    await expect(readAsteriskCdrContacts(join(dir, 'Master.csv'))).rejects.toThrow(
      /row 1 has 18 columns, no Linkedid; set newcdrcolumns = yes/,
    );
    await expect(readAsteriskCdrContacts(join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
  });
});
