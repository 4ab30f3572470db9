import { localDateStart, parseImportFrom } from './import-from';
import type { LedgerOptions } from './ledger-options';

/** What `npm run import -- …` asks for. */
export interface ImportCommand {
  readonly ledger: LedgerOptions;
  /** Epoch ms, inclusive (local midnight of --from). */
  readonly from: number;
  /** Epoch ms, exclusive (local midnight of --to; default: now). */
  readonly to: number;
  /** The monitor config file for storage and KPI rules (default: as the monitor finds it). */
  readonly config?: string;
}

export const IMPORT_USAGE = `usage: npm run import -- <ledger> --from YYYY-MM-DD [--to YYYY-MM-DD] [--config monitor.yaml]
ledger, one of:
  --queue-log FILE                 Asterisk queue_log (its rotated files .1, .2.gz … are read too)
  --queue-log-table URL            Asterisk realtime queue_log table in PostgreSQL
      [--table queue_log] [--schema NAME] [--table-time-zone ZONE]
  --asterisk-cdr PATH              with a queue_log: Asterisk's cdr_csv (newcdrcolumns) to group channels into contacts
  --cdr-csv PATH                   FreeSWITCH mod_cdr_csv file or folder [--cdr-template "\${uuid}",…]
  --cdr-json PATH                  FreeSWITCH mod_json_cdr folder (or JSON-lines file)
  [--line-variable hotline]        FreeSWITCH channel variable with the hotline
--to is exclusive (default: now); dates are local to kpi.timeZone. Storage and KPI rules come
from the monitor config (HOTLINE_CONFIG or ./config/monitor.yaml).`;

const VALUE_FLAGS = new Set([
  '--queue-log',
  '--queue-log-table',
  '--table',
  '--schema',
  '--table-time-zone',
  '--asterisk-cdr',
  '--cdr-csv',
  '--cdr-json',
  '--cdr-template',
  '--line-variable',
  '--from',
  '--to',
  '--config',
]);

/** Parses the command line (pure); a list of problems when it is not usable. */
export function parseImportCommand(
  argv: readonly string[],
  now: number,
  timeZone: string,
): ImportCommand | { readonly problems: readonly string[] } {
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (!VALUE_FLAGS.has(flag)) {
      problems.push(`unknown argument ${arg}`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') problems.push(`${flag} needs a value`);
    else values.set(flag, value);
  }
  const ledgers = ['--queue-log', '--queue-log-table', '--cdr-csv', '--cdr-json'].filter((f) =>
    values.has(f),
  );
  if (ledgers.length !== 1)
    problems.push(
      'give exactly one ledger: --queue-log, --queue-log-table, --cdr-csv or --cdr-json',
    );
  if (
    values.has('--asterisk-cdr') &&
    !['--queue-log', '--queue-log-table'].includes(ledgers[0] ?? '')
  )
    problems.push('--asterisk-cdr goes with --queue-log or --queue-log-table');
  const day = (flag: string): number | undefined => {
    const text = values.get(flag);
    if (text === undefined) return undefined;
    const parsed = parseImportFrom(text);
    if (typeof parsed !== 'object') {
      problems.push(`${flag} ${text}: must be a date YYYY-MM-DD`);
      return undefined;
    }
    if ('error' in parsed) {
      problems.push(`${flag} ${text}: ${parsed.error}`);
      return undefined;
    }
    return localDateStart(parsed.date, timeZone);
  };
  const from = day('--from');
  if (!values.has('--from')) problems.push('--from YYYY-MM-DD is required');
  const to = day('--to') ?? (values.has('--to') ? undefined : now);
  if (from !== undefined && to !== undefined && from >= to)
    problems.push('--from must be before --to');
  if (problems.length > 0 || from === undefined || to === undefined) return { problems };

  const get = (flag: string) => values.get(flag) ?? '';
  const optional = (flag: string, key: string) => (values.has(flag) ? { [key]: get(flag) } : {});
  let ledger: LedgerOptions;
  switch (ledgers[0]) {
    case '--queue-log':
      ledger = {
        kind: 'queue-log-file',
        path: get('--queue-log'),
        ...optional('--asterisk-cdr', 'asteriskCdr'),
      };
      break;
    case '--queue-log-table':
      ledger = {
        kind: 'queue-log-table',
        url: get('--queue-log-table'),
        timeZone: values.get('--table-time-zone') ?? timeZone,
        ...optional('--table', 'table'),
        ...optional('--schema', 'schema'),
        ...optional('--asterisk-cdr', 'asteriskCdr'),
      };
      break;
    default:
      ledger = {
        kind: 'freeswitch-cdr',
        path: get(ledgers[0] ?? ''),
        format: ledgers[0] === '--cdr-json' ? 'json' : 'csv',
        ...optional('--cdr-template', 'csvTemplate'),
        ...optional('--line-variable', 'lineVariable'),
      };
  }
  return { ledger, from, to, ...(values.has('--config') ? { config: get('--config') } : {}) };
}
