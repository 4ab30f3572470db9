import type { CallEvent, LedgerBatch, LedgerRange, LedgerSource } from '@hotline/call-events';
import { ZonedCalendar } from '@hotline/kpi';
import { Client } from 'pg';
import type { QueueLogLine } from './queue-log-line';
import {
  queueLogKnownGaps,
  QueueLogRangeReader,
  type QueueLogLedgerOptions,
} from './queue-log-ledger';

export interface QueueLogTableOptions extends QueueLogLedgerOptions {
  /** postgres://user:password@host:5432/asterisk */
  readonly url: string;
  /** The table Asterisk writes (extconfig.conf `queue_log => odbc,<dsn>,<table>`). Default queue_log. */
  readonly table?: string;
  /** Its schema; default the connection's search_path. */
  readonly schema?: string;
  /**
   * The zone of the `time` column's wall-clock text: Asterisk writes the PBX's local time
   * (`queue_log_realtime_use_gmt = yes` in logger.conf: GMT). Default the KPI time zone.
   */
  readonly timeZone: string;
  /** Rows fetched per round trip. Default 5,000. */
  readonly fetchRows?: number;
}

type TimeKind = 'zoned' | 'local' | 'epoch';

interface TableLayout {
  readonly qualified: string;
  readonly timeKind: TimeKind;
  /** data1…data5 (logger.conf `queue_adaptive_realtime = yes`) or one `data` column. */
  readonly adaptive: boolean;
  readonly hasId: boolean;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOCAL_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Asterisk's realtime queue_log table in PostgreSQL as a ledger (extconfig.conf
 * `queue_log => odbc,…` or `pgsql,…`). main/logger.c `ast_queue_log` stores per line:
 * `time` (the PBX's local time as text "YYYY-MM-DD HH:MM:SS.uuuuuu", `%F %T.%6q`; older
 * releases wrote the epoch), `callid`, `queuename`, `agent`, `event`, and either `data1`…`data5`
 * (`queue_adaptive_realtime = yes`: the line's data fields split on `|`) or `data` (the fields
 * joined by `|`). The column may be text, `timestamp` or `timestamptz`; the layout is read
 * from information_schema. Rows are read in time order through a cursor (bounded memory) and
 * turned into queue_log lines for the same QueueLogReader the file uses (same call ids).
 */
export class QueueLogTableLedger implements LedgerSource {
  readonly maxDisorderMs = 0;
  readonly knownGaps: readonly string[];
  private readonly calendar: ZonedCalendar;

  constructor(private readonly options: QueueLogTableOptions) {
    const table = options.table ?? 'queue_log';
    if (!IDENTIFIER.test(table)) throw new RangeError(`not a table name: ${table}`);
    if (options.schema !== undefined && !IDENTIFIER.test(options.schema))
      throw new RangeError(`not a schema name: ${options.schema}`);
    this.calendar = new ZonedCalendar(options.timeZone);
    this.knownGaps = queueLogKnownGaps(options);
  }

  get description(): string {
    const { schema, table = 'queue_log' } = this.options;
    return `queue_log table ${schema ? `${schema}.` : ''}${table} (${redact(this.options.url)})`;
  }

  async *read(range: LedgerRange): AsyncGenerator<LedgerBatch> {
    const lines = new QueueLogRangeReader(range, this.options);
    const client = new Client({ connectionString: this.options.url });
    await client.connect();
    try {
      const layout = await this.layout(client);
      const where = `time >= $1 AND time < $2`;
      const bounds = [this.bound(layout, lines.readFrom), this.bound(layout, lines.readTo)];
      const [{ n }] = (
        await client.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM ${layout.qualified} WHERE ${where}`,
          bounds,
        )
      ).rows;
      const total = Number(n);
      const data = layout.adaptive ? 'data1, data2, data3, data4, data5' : 'data';
      const time = layout.timeKind === 'epoch' ? 'time' : 'time::text';
      await client.query('BEGIN READ ONLY');
      await client.query(
        `DECLARE queue_log_rows NO SCROLL CURSOR FOR
         SELECT ${time} AS time, callid, queuename, agent, event, ${data}
         FROM ${layout.qualified} WHERE ${where}
         ORDER BY time${layout.hasId ? ', id' : ''}`,
        bounds,
      );
      const fetchRows = this.options.fetchRows ?? 5_000;
      let count = 0;
      let finished = false;
      while (!finished) {
        const { rows } = await client.query<Record<string, unknown>>(
          `FETCH ${fetchRows} FROM queue_log_rows`,
        );
        if (rows.length === 0) break;
        const events: CallEvent[] = [];
        for (const row of rows) {
          count++;
          const line = this.lineOf(row, layout);
          const taken = lines.take(line, line ? undefined : JSON.stringify(row));
          if (taken.done) {
            finished = true;
            break;
          }
          events.push(...taken.events);
        }
        yield {
          events,
          progress: {
            units: 1,
            unitsDone: 0,
            current: this.description,
            done: count,
            total,
            lines: count,
            unreadable: lines.unreadable,
            unplaced: lines.unplaced,
          },
        };
      }
      await client.query('CLOSE queue_log_rows');
      await client.query('COMMIT');
      yield {
        events: [],
        progress: {
          units: 1,
          unitsDone: 1,
          done: total,
          total,
          lines: count,
          unreadable: lines.unreadable,
          unplaced: lines.unplaced,
        },
      };
    } finally {
      await client.end();
    }
  }

  private async layout(client: Client): Promise<TableLayout> {
    const table = this.options.table ?? 'queue_log';
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema())`,
      [table, this.options.schema ?? null],
    );
    const types = new Map(
      rows.map((r) => [r.column_name.toLowerCase(), r.data_type.toLowerCase()]),
    );
    const qualified = `${this.options.schema ? `"${this.options.schema}".` : ''}"${table}"`;
    const missing = ['time', 'callid', 'queuename', 'agent', 'event'].filter((c) => !types.has(c));
    const adaptive = ['data1', 'data2', 'data3', 'data4', 'data5'].every((c) => types.has(c));
    if (types.size === 0) throw new Error(`queue_log table ${qualified} not found`);
    if (missing.length > 0 || (!adaptive && !types.has('data')))
      throw new Error(
        `queue_log table ${qualified} lacks Asterisk's columns (${[...missing, ...(adaptive || types.has('data') ? [] : ['data or data1…data5'])].join(', ')})`,
      );
    const timeType = types.get('time') ?? '';
    const timeKind: TimeKind = /with time zone/.test(timeType)
      ? 'zoned'
      : /int|numeric|double|real/.test(timeType)
        ? 'epoch'
        : 'local';
    return { qualified, timeKind, adaptive, hasId: types.has('id') };
  }

  /** A bound for `time` in the column's own terms. */
  private bound(layout: TableLayout, ms: number): string | number {
    if (layout.timeKind === 'epoch') return Math.floor(ms / 1000);
    if (layout.timeKind === 'zoned') return new Date(ms).toISOString();
    // Wall-clock text sorts as its instants within one zone (except in a DST fold).
    const p = this.calendar.localParts(ms);
    const two = (v: number) => String(v).padStart(2, '0');
    return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  }

  private lineOf(row: Record<string, unknown>, layout: TableLayout): QueueLogLine | undefined {
    const epoch = this.epochSeconds(row.time);
    const text = (value: unknown) =>
      typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    const verb = text(row.event);
    if (epoch === undefined || verb === '') return undefined;
    let data = layout.adaptive
      ? [row.data1, row.data2, row.data3, row.data4, row.data5].map(text)
      : text(row.data).split('|');
    while (data.length > 0 && data[data.length - 1] === '') data = data.slice(0, -1);
    const callid = text(row.callid);
    const queue = text(row.queuename);
    const agent = text(row.agent);
    return {
      epoch,
      callid,
      queue,
      agent,
      verb,
      data,
      text: [epoch, callid, queue, agent, verb, ...data].join('|'),
    };
  }

  /** Whole epoch seconds of a `time` value, as app_queue's file line would carry. */
  private epochSeconds(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : undefined;
    if (typeof value !== 'string') return undefined;
    const raw = value.trim();
    if (/^\d+(\.\d+)?$/.test(raw)) return Math.floor(Number(raw));
    const m = LOCAL_TIME.exec(raw);
    if (!m) return undefined;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
    if (m[8] !== undefined) {
      const offsetMin = (Number(m[9]) * 60 + Number(m[10] ?? 0)) * (m[8] === '-' ? -1 : 1);
      return Math.floor(
        (Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000) / 1000,
      );
    }
    return Math.floor(
      (this.calendar.epochOf(year, month, day, hour, minute) + second * 1000) / 1000,
    );
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
