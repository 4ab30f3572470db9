/**
 * Asterisk's CDR as cdr_csv writes it with `newcdrcolumns = yes` (run2.cdr.csv has no header):
 * accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start,
 * answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield, peeraccount,
 * linkedid, sequence. The queue_log ledger uses it to group queue visits into contacts
 * (uniqueid → linkedid) and as a fallback for the line (userfield holds HOTLINE in the lab).
 */

export interface AsteriskCdrRow {
  readonly src: string;
  readonly channel: string;
  readonly lastapp: string;
  readonly lastdata: string;
  readonly uniqueid: string;
  readonly userfield: string;
  readonly linkedid: string;
}

const COLUMNS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
  'peeraccount',
  'linkedid',
  'sequence',
] as const;

export function parseAsteriskCdr(csv: string): AsteriskCdrRow[] {
  return parseCsvRows(csv)
    .filter((cells) => cells.length >= COLUMNS.length)
    .map((cells) => {
      const cell = (name: (typeof COLUMNS)[number]): string => cells[COLUMNS.indexOf(name)] ?? '';
      return {
        src: cell('src'),
        channel: cell('channel'),
        lastapp: cell('lastapp'),
        lastdata: cell('lastdata'),
        uniqueid: cell('uniqueid'),
        userfield: cell('userfield'),
        linkedid: cell('linkedid'),
      };
    });
}

/** Uniqueid → Linkedid over every CDR row (a channel's rows all share its linkedid). */
export function linkedidByUniqueid(rows: readonly AsteriskCdrRow[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of rows) if (row.uniqueid && row.linkedid) map.set(row.uniqueid, row.linkedid);
  return map;
}

/** Uniqueid → userfield (the line in the lab dialplan), first non-empty. */
export function userfieldByUniqueid(rows: readonly AsteriskCdrRow[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of rows)
    if (row.uniqueid && row.userfield && !map.has(row.uniqueid))
      map.set(row.uniqueid, row.userfield);
  return map;
}

/** RFC 4180 rows: quoted cells, doubled quotes inside, commas and newlines inside quotes. */
function parseCsvRows(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
