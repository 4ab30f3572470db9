import { parseImportCommand } from './import-command-args';
import { parseImportFrom } from './import-from';

const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-11-15T15:30:00+08:00');

describe('npm run import -- …: the command line', () => {
  it('reads a queue_log file and a local date range (to exclusive, default now)', () => {
    expect(
      parseImportCommand(
        ['--queue-log', '/var/log/asterisk/queue_log', '--from', '2021-01-01'],
        NOW,
        TZ,
      ),
    ).toEqual({
      ledger: { kind: 'queue-log-file', path: '/var/log/asterisk/queue_log' },
      from: Date.parse('2021-01-01T00:00:00+08:00'),
      to: NOW,
    });
    expect(
      parseImportCommand(['--queue-log=/q', '--from=2021-01-01', '--to=2021-02-01'], NOW, TZ),
    ).toMatchObject({ to: Date.parse('2021-02-01T00:00:00+08:00') });
  });

  it('takes Asterisk’s CDR beside a queue_log for its contacts, and only there', () => {
    expect(
      parseImportCommand(
        ['--queue-log', '/q', '--asterisk-cdr', '/cdr/Master.csv', '--from', '2021-01-01'],
        NOW,
        TZ,
      ),
    ).toMatchObject({
      ledger: { kind: 'queue-log-file', path: '/q', asteriskCdr: '/cdr/Master.csv' },
    });
    expect(
      parseImportCommand(
        ['--cdr-csv', '/fs.csv', '--asterisk-cdr', '/cdr/Master.csv', '--from', '2021-01-01'],
        NOW,
        TZ,
      ),
    ).toEqual({ problems: ['--asterisk-cdr goes with --queue-log or --queue-log-table'] });
  });

  it('reads the table and the CDR sources with their options', () => {
    expect(
      parseImportCommand(
        [
          '--queue-log-table',
          'postgres://u:p@h/db',
          '--schema',
          'asterisk',
          '--from',
          '2021-01-01',
        ],
        NOW,
        TZ,
      ),
    ).toMatchObject({
      ledger: {
        kind: 'queue-log-table',
        url: 'postgres://u:p@h/db',
        schema: 'asterisk',
        timeZone: TZ,
      },
    });
    expect(
      parseImportCommand(
        ['--cdr-json', '/cdr', '--line-variable', 'line', '--from', '2021-01-01'],
        NOW,
        TZ,
      ),
    ).toMatchObject({
      ledger: { kind: 'freeswitch-cdr', path: '/cdr', format: 'json', lineVariable: 'line' },
    });
  });

  it('says what is wrong: no ledger, two ledgers, a bad date, from after to, unknown flags', () => {
    const problems = (argv: string[]) => {
      const parsed = parseImportCommand(argv, NOW, TZ);
      return 'problems' in parsed ? parsed.problems : [];
    };
    expect(problems(['--from', '2021-01-01'])).toContain(
      'give exactly one ledger: --queue-log, --queue-log-table, --cdr-csv or --cdr-json',
    );
    expect(problems(['--queue-log', 'a', '--cdr-csv', 'b', '--from', '2021-01-01']).length).toBe(1);
    expect(problems(['--queue-log', 'a', '--from', '2021-02-30'])).toEqual([
      '--from 2021-02-30: 2021-02-30 is not a calendar date',
    ]);
    expect(problems(['--queue-log', 'a', '--from', '2021-02-01', '--to', '2021-01-01'])).toEqual([
      '--from must be before --to',
    ]);
    expect(problems(['--queue-log', 'a'])).toEqual(['--from YYYY-MM-DD is required']);
    expect(problems(['--queue-log', 'a', '--from', '2021-01-01', '--verbose'])).toEqual([
      'unknown argument --verbose',
    ]);
  });

  it('history.importFrom accepts month, today, none and calendar dates only', () => {
    expect(parseImportFrom('month')).toBe('month');
    expect(parseImportFrom('2026-11-01')).toEqual({ date: '2026-11-01' });
    expect(parseImportFrom('last-week')).toEqual({
      error: 'must be "month", "today", "none" or a date YYYY-MM-DD',
    });
  });
});
