import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { LedgerSource } from '@hotline/call-events';
import { parseQueueLogLine, QueueLogFileLedger, QueueLogTableLedger } from '@hotline/asterisk';
import { CallStoreHistoryStore, importHistory } from '@hotline/history';
import { CallStore, DEFAULT_AGGREGATION_RULES, openDatabase } from '@hotline/storage';
import { TimeZone } from '@hotline/calendar';
import { PG_URL } from '../storage/storage-test-databases';

/**
 * Asterisk's realtime queue_log table in a real PostgreSQL: the run2 queue_log loaded into a table
 * in the layout main/logger.c writes (time as the PBX's local wall-clock text "%F %T.%6q",
 * callid, queuename, agent, event, data1…data5 with `queue_adaptive_realtime`, or one `data`
 * column), then imported: the stored calls equal those of the same queue_log read as a file.
 */

const RUN2 = join(__dirname, '..', 'fixtures', 'asterisk', 'run2', 'run2.queue_log');
const TZ = 'Asia/Shanghai';
const EVERYTHING = { from: 0, to: 4_102_444_800_000 };

async function importedRows(source: LedgerSource, dir: string): Promise<unknown[]> {
  const dataSource: DataSource = await openDatabase({
    driver: 'sqlite',
    path: join(dir, `${Math.random().toString(36).slice(2)}.sqlite`),
  });
  try {
    await importHistory({
      source,
      range: EVERYTHING,
      kpi: { timeZone: TZ },
      store: new CallStoreHistoryStore(new CallStore(dataSource, DEFAULT_AGGREGATION_RULES)),
    });
    return await dataSource.query(`SELECT * FROM queue_call ORDER BY call_id`);
  } finally {
    await dataSource.destroy();
  }
}

/** The wall-clock text Asterisk stores: local time, microseconds. */
function localText(epochSeconds: number, calendar: TimeZone, micros: number): string {
  const p = calendar.local(epochSeconds * 1000);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}.${String(micros).padStart(6, '0')}`;
}

describe('history import from the realtime queue_log table (PostgreSQL)', () => {
  const schema = `qlog_it_${process.pid}_${Date.now() % 100_000}`;
  let client: Client;
  let dir: string;
  let fromFile: unknown[];
  const text = readFileSync(RUN2, 'utf8');
  const lines = text
    .split('\n')
    .map((raw) => parseQueueLogLine(raw))
    .filter((line) => line !== undefined);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-qlog-table-'));
    writeFileSync(join(dir, 'queue_log'), text);
    fromFile = await importedRows(new QueueLogFileLedger(join(dir, 'queue_log')), dir);
    client = new Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the adaptive layout (data1…data5, time as local text) into the same calls as the file', async () => {
    await client.query(`CREATE TABLE "${schema}".queue_log (
      time varchar(26), callid varchar(40), queuename varchar(20), agent varchar(40),
      event varchar(20), data1 varchar(100), data2 varchar(100), data3 varchar(100),
      data4 varchar(100), data5 varchar(100))`);
    const calendar = TimeZone.of(TZ);
    // Lines of one second keep their file order through the microseconds.
    let previous = -1;
    let micros = 0;
    for (const line of lines) {
      micros = line.epoch === previous ? micros + 1 : 0;
      previous = line.epoch;
      const data = [...line.data, '', '', '', '', ''].slice(0, 5);
      await client.query(
        `INSERT INTO "${schema}".queue_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          localText(line.epoch, calendar, micros),
          line.callid,
          line.queue,
          line.agent,
          line.verb,
          ...data,
        ],
      );
    }
    const rows = await importedRows(
      new QueueLogTableLedger({ url: PG_URL, schema, timeZone: TZ, fetchRows: 97 }),
      dir,
    );
    expect(fromFile.length).toBeGreaterThan(130);
    expect(rows).toEqual(fromFile);
  });

  it('reads the plain layout (one data column, a timestamp column, an id) into the same calls', async () => {
    await client.query(`CREATE TABLE "${schema}".queue_log_plain (
      id serial PRIMARY KEY, time timestamp, callid varchar(40), queuename varchar(20),
      agent varchar(40), event varchar(20), data varchar(400))`);
    const calendar = TimeZone.of(TZ);
    for (const line of lines) {
      await client.query(
        `INSERT INTO "${schema}".queue_log_plain (time, callid, queuename, agent, event, data)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          localText(line.epoch, calendar, 0),
          line.callid,
          line.queue,
          line.agent,
          line.verb,
          line.data.join('|'),
        ],
      );
    }
    const rows = await importedRows(
      new QueueLogTableLedger({ url: PG_URL, schema, table: 'queue_log_plain', timeZone: TZ }),
      dir,
    );
    expect(rows).toEqual(fromFile);
  });

  it('says which columns are missing when the table is not in Asterisk’s layout', async () => {
    await client.query(`CREATE TABLE "${schema}".not_queue_log (time text, callid text)`);
    const source = new QueueLogTableLedger({
      url: PG_URL,
      schema,
      table: 'not_queue_log',
      timeZone: TZ,
    });
    await expect(importedRows(source, dir)).rejects.toThrow(
      /lacks Asterisk's columns \(queuename, agent, event/,
    );
  });
});
