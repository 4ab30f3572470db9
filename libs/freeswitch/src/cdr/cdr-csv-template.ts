import { CsvRecords } from '@hotline/call-events';

/**
 * The column names of a mod_cdr_csv template (cdr_csv.conf.xml `<template>`):
 * `"${uuid}","${caller_id_number}",…` → uuid, caller_id_number, …
 */
export function cdrCsvTemplateColumns(template: string): string[] {
  const [cells = []] = new CsvRecords().push(`${template.trim()}\n`);
  return cells.map((cell) => {
    const match = /^\$\{([^}]+)\}$/.exec(cell.trim());
    if (!match) throw new RangeError(`not a \${variable} column in the CDR template: ${cell}`);
    return match[1];
  });
}
