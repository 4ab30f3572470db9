import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync } from 'node:zlib';
import {
  CsvRecords,
  type LedgerBatch,
  LedgerFileRead,
  type LedgerRange,
  type LedgerSource,
} from '@hotline/call-events';
import { DEFAULT_LINE_VARIABLE } from '../mapping/freeswitch-mapping-options';
import { percentDecode } from '../protocol/percent-decode';
import { cdrMemberVisit, type CdrVariables, type CdrVisit } from './cdr-member-visit';
import { cdrCsvTemplateColumns } from './cdr-csv-template';

export interface FreeswitchCdrOptions {
  /** A CDR file (its rotated siblings are read too) or a folder of CDR files. */
  readonly path: string;
  /** mod_cdr_csv (one row per leg) or mod_json_cdr (one JSON document per leg). */
  readonly format: 'csv' | 'json';
  /**
   * mod_cdr_csv writes no header: the columns are its template's (cdr_csv.conf.xml), given here
   * as the template text. Without it, each file's first line must name the columns.
   */
  readonly csvTemplate?: string;
  /** The channel variable with the hotline (热线), as the live mapper reads it. Default `hotline`. */
  readonly lineVariable?: string;
  /** Events per batch handed on. Default 2,000. */
  readonly batchEvents?: number;
}

/** What FreeSWITCH's CDR cannot tell. */
export const FREESWITCH_CDR_KNOWN_GAPS: readonly string[] = [
  'several queues in one call: mod_callcenter keeps its cc_* variables on the caller channel, so the CDR holds only the last callcenter visit of a caller moved to another queue',
  'refusals: mod_callcenter refuses no caller, a dialplan that turns callers away before callcenter leaves no queue visit in the CDR',
  'survey ratings and agent states are not in the CDR',
];

/** A call lasts less than this: CDR rows are written at hang-up, out of join order by up to a call's length. */
const MAX_CALL_MS = 12 * 60 * 60 * 1000;
/** A JSON CDR file up to this size is read whole (one document, or an array); larger: one per line. */
const WHOLE_JSON_BYTES = 8 * 1024 * 1024;
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/** mod_cdr_csv's rotation (`Master.csv.2024-01-01-12-00-00`), logrotate's `.1`, `.2.gz`, `-20240101`. */
const ROTATED_SUFFIX = /^[.-][\d-]+(\.gz)?$/;

interface CdrFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * FreeSWITCH's CDR as a ledger: the caller legs mod_callcenter marked (`cc_side=member`) become
 * the call events the live ESL mapper gives for the same queue calls (call id = the member
 * uuid). Files are read oldest first (by modification time), streamed; a file last written
 * before the range holds no call of it and is skipped.
 */
export class FreeswitchCdrLedger implements LedgerSource {
  readonly maxDisorderMs = MAX_CALL_MS;
  readonly knownGaps = FREESWITCH_CDR_KNOWN_GAPS;
  private readonly lineVariable: string;
  private readonly templateColumns: string[] | undefined;
  /** Member legs without an outcome, and records that were not CDR records. */
  noOutcome = 0;

  constructor(private readonly options: FreeswitchCdrOptions) {
    this.lineVariable = options.lineVariable ?? DEFAULT_LINE_VARIABLE;
    this.templateColumns = options.csvTemplate
      ? cdrCsvTemplateColumns(options.csvTemplate)
      : undefined;
  }

  get description(): string {
    return `FreeSWITCH ${this.options.format === 'csv' ? 'mod_cdr_csv' : 'mod_json_cdr'} ${this.options.path}`;
  }

  async *read(range: LedgerRange): AsyncGenerator<LedgerBatch> {
    const files = (await this.files()).filter((f) => f.mtimeMs >= range.from);
    const read = new LedgerFileRead(files, this.options.batchEvents);
    for (const file of files) {
      read.startFile(file);
      const source =
        this.options.format === 'csv'
          ? this.csvRecords(file, read.readTo)
          : this.jsonRecords(file, read.readTo);
      for await (const vars of source) {
        read.lines++;
        if (!vars) {
          read.unreadable++;
          continue;
        }
        const visit = cdrMemberVisit(vars, this.lineVariable);
        if (visit.status === 'no-outcome') this.noOutcome++;
        if (visit.status !== 'mapped' || visit.joinedAt === undefined) continue;
        if (visit.joinedAt < range.from || visit.joinedAt >= range.to) continue;
        const batch = read.add(visit.events);
        if (batch) yield batch;
      }
      read.endFile(file);
    }
    yield read.finish();
  }

  /**
   * Every caller leg's visit in the files last written at or after `writtenSince` (epoch ms; a
   * row is written at the leg's hang-up, so an older file holds no visit that ended later),
   * oldest file first, in file order — what the gap backfill (CdrGapBackfill) reads.
   */
  async *memberVisits(writtenSince: number): AsyncGenerator<CdrVisit> {
    const files = (await this.files()).filter((f) => f.mtimeMs >= writtenSince);
    const ignore = (): void => undefined;
    for (const file of files) {
      const source =
        this.options.format === 'csv'
          ? this.csvRecords(file, ignore)
          : this.jsonRecords(file, ignore);
      for await (const vars of source) {
        if (!vars) continue;
        const visit = cdrMemberVisit(vars, this.lineVariable);
        if (visit.status === 'mapped') yield visit;
      }
    }
  }

  /** The file and its rotated siblings, or every file of a folder; oldest first. */
  private async files(): Promise<CdrFile[]> {
    const { path } = this.options;
    const info = await stat(path);
    let paths: string[];
    if (info.isDirectory()) {
      paths = (await readdir(path)).map((n) => join(path, n));
    } else {
      const name = basename(path);
      paths = (await readdir(dirname(path)))
        .filter(
          (n) => n === name || (n.startsWith(name) && ROTATED_SUFFIX.test(n.slice(name.length))),
        )
        .map((n) => join(dirname(path), n));
    }
    const files: CdrFile[] = [];
    for (const p of paths) {
      const s = await stat(p).catch(() => undefined);
      if (s?.isFile()) files.push({ path: p, size: s.size, mtimeMs: s.mtimeMs });
    }
    return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.path.localeCompare(b.path));
  }

  private async *csvRecords(
    file: CdrFile,
    onBytes: (bytes: number) => void,
  ): AsyncGenerator<CdrVariables | undefined> {
    const parser = new CsvRecords();
    let columns = this.templateColumns;
    let first = true;
    const toVars = (cells: string[]): CdrVariables | undefined | 'header' => {
      if (first) {
        first = false;
        if (cells.includes('cc_side') && cells.includes('cc_member_uuid')) {
          columns ??= cells;
          return 'header';
        }
      }
      if (!columns)
        throw new Error(
          `${file.path}: the CDR CSV has no header line naming its columns; give the cdr_csv template`,
        );
      const index = new Map(columns.map((name, i) => [name, i]));
      return (name) => {
        const i = index.get(name);
        return i === undefined ? undefined : cells[i];
      };
    };
    for await (const chunk of textChunks(file.path, onBytes)) {
      for (const cells of parser.push(chunk)) {
        const vars = toVars(cells);
        if (vars !== 'header') yield vars;
      }
    }
    for (const cells of parser.end()) {
      const vars = toVars(cells);
      if (vars !== 'header') yield vars;
    }
  }

  private async *jsonRecords(
    file: CdrFile,
    onBytes: (bytes: number) => void,
  ): AsyncGenerator<CdrVariables | undefined> {
    if (file.size <= WHOLE_JSON_BYTES) {
      const raw = await readFile(file.path);
      const text = (raw.subarray(0, 2).equals(GZIP_MAGIC) ? gunzipSync(raw) : raw).toString('utf8');
      onBytes(file.size);
      const whole = parseJson(text);
      if (whole !== undefined) {
        for (const doc of Array.isArray(whole) ? whole : [whole]) yield jsonVariables(doc);
        return;
      }
      for (const line of text.split('\n'))
        if (line.trim() !== '') yield jsonVariables(parseJson(line));
      return;
    }
    const input = await textStream(file.path, onBytes);
    for await (const line of createInterface({ input, crlfDelay: Infinity }))
      if (line.trim() !== '') yield jsonVariables(parseJson(line));
  }
}

/** A JSON CDR's variables (mod_json_cdr percent-encodes values by default: `encode-values`). */
function jsonVariables(doc: unknown): CdrVariables | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const variables = (doc as { variables?: unknown }).variables;
  if (typeof variables !== 'object' || variables === null) return undefined;
  const record = variables as Record<string, unknown>;
  return (name) => {
    const value = record[name];
    return typeof value === 'string'
      ? percentDecode(value)
      : typeof value === 'number'
        ? String(value)
        : undefined;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function textStream(
  path: string,
  onBytes: (bytes: number) => void,
): Promise<NodeJS.ReadableStream> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(2);
  await handle.read(head, 0, 2, 0);
  await handle.close();
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  let read = 0;
  raw.on('data', (chunk) => {
    read += chunk.length;
    onBytes(read);
  });
  const input = head.equals(GZIP_MAGIC) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  input.setEncoding('utf8');
  return input;
}

async function* textChunks(path: string, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const input = await textStream(path, onBytes);
  for await (const chunk of input) yield chunk as string;
}
