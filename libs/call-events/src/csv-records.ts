/**
 * RFC 4180 records from text fed in chunks (mod_cdr_csv quotes every field and doubles an
 * embedded quote; a quoted field may hold a line break). A state machine: bounded memory
 * whatever the file's size; `push` returns the records completed by a chunk, `end` the last.
 */
export class CsvRecords {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** A quote seen inside a quoted field: either its end or the first of a doubled quote. */
  private quoteInQuoted = false;
  private afterCr = false;

  push(chunk: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoteInQuoted) {
        this.quoteInQuoted = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (ch === '"') this.quoteInQuoted = true;
        else this.field += ch;
        continue;
      }
      if (ch === '"') this.quoted = true;
      else if (ch === ',') {
        this.record.push(this.field);
        this.field = '';
      } else if (ch === '\n' || ch === '\r') {
        this.afterCr = ch === '\r';
        this.endRecord(out);
      } else this.field += ch;
    }
    return out;
  }

  end(): string[][] {
    const out: string[][] = [];
    if (this.quoteInQuoted) this.quoted = false;
    if (this.field !== '' || this.record.length > 0) this.endRecord(out);
    return out;
  }

  private endRecord(out: string[][]): void {
    this.record.push(this.field);
    this.field = '';
    if (this.record.length > 1 || this.record[0] !== '') out.push(this.record);
    this.record = [];
  }
}
