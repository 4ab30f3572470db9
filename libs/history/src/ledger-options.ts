import type { LedgerSource } from '@hotline/call-events';
import { QueueLogFileLedger, QueueLogTableLedger } from '@hotline/asterisk';
import { FreeswitchCdrLedger } from '@hotline/freeswitch';

/** Where the PBX's ledger is: one of them (the config's keys, or the command's flags). */
export type LedgerOptions =
  | { readonly kind: 'queue-log-file'; readonly path: string }
  | {
      readonly kind: 'queue-log-table';
      readonly url: string;
      readonly table?: string;
      readonly schema?: string;
      /** The zone of the table's wall-clock `time` text (the PBX's local time). */
      readonly timeZone: string;
    }
  | {
      readonly kind: 'freeswitch-cdr';
      readonly path: string;
      readonly format: 'csv' | 'json';
      readonly csvTemplate?: string;
      readonly lineVariable?: string;
    };

export function ledgerSource(options: LedgerOptions): LedgerSource {
  switch (options.kind) {
    case 'queue-log-file':
      return new QueueLogFileLedger(options.path);
    case 'queue-log-table':
      return new QueueLogTableLedger({
        url: options.url,
        timeZone: options.timeZone,
        ...(options.table !== undefined ? { table: options.table } : {}),
        ...(options.schema !== undefined ? { schema: options.schema } : {}),
      });
    case 'freeswitch-cdr':
      return new FreeswitchCdrLedger({
        path: options.path,
        format: options.format,
        ...(options.csvTemplate !== undefined ? { csvTemplate: options.csvTemplate } : {}),
        ...(options.lineVariable !== undefined ? { lineVariable: options.lineVariable } : {}),
      });
  }
}
