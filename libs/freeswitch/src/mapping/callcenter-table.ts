/**
 * `callcenter_config ... list` output (mod_callcenter.c list callbacks): a header line of
 * `|`-separated column names, one `|`-separated row per record, and a `+OK` trailer. Rows are
 * returned as objects keyed by column name, so a FreeSWITCH version that adds a column (1.10
 * added `score` to members) still parses. An `-ERR ...` reply yields no rows.
 */
export function parseCallcenterTable(output: string): Record<string, string>[] {
  const lines = output
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.trim() !== '');
  const headerIndex = lines.findIndex((line) => line.includes('|'));
  if (headerIndex < 0) return [];
  const columns = lines[headerIndex].split('|');
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.startsWith('+OK') || line.startsWith('-ERR')) break;
    const cells = line.split('|');
    // A caller name may itself contain `|`: the extra cells belong to cid_name, but keeping
    // the columns after it aligned from the right is what matters (state, uuid, epochs).
    const aligned = alignCells(cells, columns.length, columns.indexOf('cid_name'));
    const row: Record<string, string> = {};
    columns.forEach((column, i) => (row[column] = aligned[i] ?? ''));
    rows.push(row);
  }
  return rows;
}

function alignCells(cells: string[], width: number, freeTextColumn: number): string[] {
  if (cells.length <= width || freeTextColumn < 0) return cells;
  const extra = cells.length - width;
  return [
    ...cells.slice(0, freeTextColumn),
    cells.slice(freeTextColumn, freeTextColumn + extra + 1).join('|'),
    ...cells.slice(freeTextColumn + extra + 1),
  ];
}
