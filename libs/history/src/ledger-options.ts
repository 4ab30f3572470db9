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

/** What the PBX itself says that a ledger lacks (the first view of the live link). */
export interface LedgerHints {
  /**
   * The contact of the channels up at the PBX's first view (Asterisk Uniqueid → Linkedid):
   * queue_log names none, and a caller still on the line has later visits under that contact.
   */
  readonly contactOfChannel?: ReadonlyMap<string, string>;
}

export function ledgerSource(options: LedgerOptions, hints: LedgerHints = {}): LedgerSource {
  const contacts = hints.contactOfChannel;
  const reader = contacts ? { reader: { contactIdOf: (u: string) => contacts.get(u) } } : {};
  switch (options.kind) {
    case 'queue-log-file':
      return new QueueLogFileLedger(options.path, reader);
    case 'queue-log-table':
      return new QueueLogTableLedger({
        ...reader,
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
