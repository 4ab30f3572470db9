import { type ImportFrom, type LedgerOptions, parseImportFrom } from '@hotline/history';
import type { MonitorConfig, PbxEntry } from '../config/monitor-config.schema';

/** What the storage module needs for the history import on a first start. */
export interface HistoryOptions {
  readonly importFrom: ImportFrom;
  /** The PBX's ledger, when one is configured. */
  readonly ledger?: LedgerOptions;
  /**
   * The PBX link itself reads the ledger after a restart (Asterisk with queueLogPath: the
   * queue_log backfill; FreeSWITCH with freeswitchCdr: the CDR backfill), so a short downtime
   * leaves no hole in the stored calls.
   */
  readonly linkFillsGaps: boolean;
}

/** From the validated config: the ledger of the own site's PBX (config/monitor.example.yaml). */
export function historyOptionsFrom(config: MonitorConfig): HistoryOptions {
  return historyOptionsOf(config.pbx, config.history, config.kpi.timeZone);
}

/**
 * An embedded monitor's further PBX (`pbxes[1…]`): `history.importFrom` applies to it too, but
 * its only ledger is its own Asterisk queue_log file (`asterisk.queueLogPath`); the ledgers of
 * `history:` (queueLogTable, asteriskCdr, freeswitchCdr) are the own site's PBX's.
 */
export function furtherSiteHistoryOptions(config: MonitorConfig, pbx: PbxEntry): HistoryOptions {
  return historyOptionsOf(pbx, { importFrom: config.history.importFrom }, config.kpi.timeZone);
}

function historyOptionsOf(
  pbx: PbxEntry,
  history: Pick<MonitorConfig['history'], 'importFrom'> & Partial<MonitorConfig['history']>,
  timeZone: string,
): HistoryOptions {
  const parsed = parseImportFrom(history.importFrom);
  const importFrom: ImportFrom = typeof parsed === 'object' && 'error' in parsed ? 'none' : parsed;
  if (pbx.type === 'asterisk' && pbx.asterisk) {
    const table = history.queueLogTable;
    const cdr = history.asteriskCdr !== undefined ? { asteriskCdr: history.asteriskCdr } : {};
    const ledger: LedgerOptions | undefined = table
      ? {
          kind: 'queue-log-table',
          url: table.url,
          table: table.table,
          timeZone: table.timeZone ?? timeZone,
          ...(table.schema !== undefined ? { schema: table.schema } : {}),
          ...cdr,
        }
      : pbx.asterisk.queueLogPath
        ? { kind: 'queue-log-file', path: pbx.asterisk.queueLogPath, ...cdr }
        : undefined;
    return {
      importFrom,
      ...(ledger ? { ledger } : {}),
      linkFillsGaps: pbx.asterisk.queueLogPath !== undefined,
    };
  }
  if (pbx.type === 'freeswitch' && pbx.freeswitch && history.freeswitchCdr) {
    const cdr = history.freeswitchCdr;
    return {
      importFrom,
      ledger: {
        kind: 'freeswitch-cdr',
        path: cdr.path,
        format: cdr.format,
        lineVariable: pbx.freeswitch.lineVariable,
        ...(cdr.csvTemplate !== undefined ? { csvTemplate: cdr.csvTemplate } : {}),
      },
      linkFillsGaps: true,
    };
  }
  return { importFrom, linkFillsGaps: false };
}
