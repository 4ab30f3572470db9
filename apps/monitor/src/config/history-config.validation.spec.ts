import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyOptionsFrom } from '../storage/history-options';
import { ConfigError } from './config-error';
import { loadMonitorConfig } from './load-monitor-config';

function load(yaml: string, env: NodeJS.ProcessEnv = {}) {
  const path = join(mkdtempSync(join(tmpdir(), 'hotline-config-')), 'monitor.yaml');
  writeFileSync(path, yaml);
  return loadMonitorConfig({ env: { HOTLINE_AMI_SECRET: 's', ...env }, file: path });
}

function problemsOf(yaml: string): readonly string[] {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const ASTERISK = 'pbx:\n  type: asterisk\n  asterisk:\n    host: pbx\n    username: monitor\n';

describe('config: history (import from the PBX ledger on a first start)', () => {
  it('defaults to the month, from the queue_log file when one is configured', () => {
    const config = load(`${ASTERISK}    queueLogPath: /var/log/asterisk/queue_log\n`);
    expect(config.history.importFrom).toBe('month');
    expect(historyOptionsFrom(config)).toEqual({
      importFrom: 'month',
      ledger: { kind: 'queue-log-file', path: '/var/log/asterisk/queue_log' },
      linkFillsGaps: true,
    });
  });

  it('gives the queue_log ledger Asterisk’s CDR for its contacts when history.asteriskCdr is set', () => {
    const config = load(
      `${ASTERISK}    queueLogPath: /q\nhistory:\n  asteriskCdr: /var/log/asterisk/cdr-csv/Master.csv\n`,
    );
    expect(historyOptionsFrom(config).ledger).toEqual({
      kind: 'queue-log-file',
      path: '/q',
      asteriskCdr: '/var/log/asterisk/cdr-csv/Master.csv',
    });
  });

  it('prefers the realtime table, its URL from HOTLINE_HISTORY_QUEUE_LOG_TABLE_URL', () => {
    const config = load(`${ASTERISK}history:\n  importFrom: "2026-11-01"\n`, {
      HOTLINE_HISTORY_QUEUE_LOG_TABLE_URL: 'postgres://a:b@db/asterisk',
    });
    expect(historyOptionsFrom(config)).toEqual({
      importFrom: { date: '2026-11-01' },
      ledger: {
        kind: 'queue-log-table',
        url: 'postgres://a:b@db/asterisk',
        table: 'queue_log',
        timeZone: 'Asia/Shanghai',
      },
      linkFillsGaps: false,
    });
  });

  it('FreeSWITCH: the CDR is the ledger of the import and of the link’s gap backfill', () => {
    const freeswitch = 'pbx:\n  type: freeswitch\n  freeswitch:\n    host: pbx\n    password: x\n';
    const withCdr = load(
      `${freeswitch}history:\n  freeswitchCdr:\n    path: /var/log/freeswitch/cdr-csv/Master.csv\n`,
    );
    expect(historyOptionsFrom(withCdr)).toEqual({
      importFrom: 'month',
      ledger: {
        kind: 'freeswitch-cdr',
        path: '/var/log/freeswitch/cdr-csv/Master.csv',
        format: 'csv',
        lineVariable: 'hotline',
      },
      linkFillsGaps: true,
    });
    expect(historyOptionsFrom(load(freeswitch))).toEqual({
      importFrom: 'month',
      linkFillsGaps: false,
    });
  });

  it('names the key and the reason: a bad importFrom, a MySQL table, a ledger of the other PBX', () => {
    expect(problemsOf(`${ASTERISK}history:\n  importFrom: yesterday\n`)).toEqual([
      'history.importFrom: must be "month", "today", "none" or a date YYYY-MM-DD',
    ]);
    expect(
      problemsOf(`${ASTERISK}history:\n  queueLogTable:\n    url: mysql://u:p@db/asterisk\n`),
    ).toEqual([
      expect.stringMatching(
        /^history\.queueLogTable\.url: MySQL\/MariaDB queue_log tables are not supported yet/,
      ),
    ]);
    expect(problemsOf(`${ASTERISK}history:\n  freeswitchCdr:\n    path: /var/log/cdr\n`)).toEqual([
      'history.freeswitchCdr: applies to pbx.type "freeswitch" only',
    ]);
    expect(
      problemsOf(
        'pbx:\n  type: freeswitch\n  freeswitch:\n    host: pbx\n    password: x\nhistory:\n  asteriskCdr: /x.csv\n',
      ),
    ).toEqual(['history.asteriskCdr: applies to pbx.type "asterisk" only']);
  });
});
