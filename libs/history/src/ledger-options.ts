import type { LedgerSource } from '@hotline/call-events';
import {
  QueueLogFileLedger,
  QueueLogTableLedger,
  readAsteriskCdrContacts,
} from '@hotline/asterisk';
import { FreeswitchCdrLedger } from '@hotline/freeswitch';

/** Where the PBX's ledger is: one of them (the config's keys, or the command's flags). */
export type LedgerOptions =
  | { readonly kind: 'queue-log-file'; readonly path: string; readonly asteriskCdr?: string }
  | {
      readonly kind: 'queue-log-table';
      /** Asterisk's cdr_csv file, for the contacts queue_log does not name (its Linkedid). */
      readonly asteriskCdr?: string;
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

/** What the PBX itself says that a ledger lacks (the first view of the live link, its CDR). */
export interface LedgerHints {
  /**
   * The contact of channels (Asterisk Uniqueid → Linkedid): queue_log names none. From the
   * channels up at the PBX's first view (a caller still on the line has later visits under that
   * contact) and, when configured, every channel of the CDR.
   */
  readonly contactOfChannel?: ReadonlyMap<string, string>;
  /** The contacts come from the CDR: queue_log's contacts gap is closed. */
  readonly contactsFromCdr?: boolean;
}

/**
 * The hints for a ledger: the view's contacts, and the Asterisk CDR's when the options name
 * one (read whole, streamed; a channel the view lists keeps the view's contact).
 */
export async function ledgerHints(
  options: LedgerOptions,
  contactOfChannel?: ReadonlyMap<string, string>,
): Promise<LedgerHints> {
  const cdrPath = options.kind === 'freeswitch-cdr' ? undefined : options.asteriskCdr;
  if (cdrPath === undefined) return contactOfChannel ? { contactOfChannel } : {};
  const cdr = await readAsteriskCdrContacts(cdrPath);
  return {
    contactOfChannel: new Map([...cdr.contactOf, ...(contactOfChannel ?? [])]),
    contactsFromCdr: true,
  };
}

export function ledgerSource(options: LedgerOptions, hints: LedgerHints = {}): LedgerSource {
  const contacts = hints.contactOfChannel;
  const queueLog = {
    ...(contacts ? { reader: { contactIdOf: (u: string) => contacts.get(u) } } : {}),
    ...(hints.contactsFromCdr ? { contactsFromCdr: true } : {}),
  };
  switch (options.kind) {
    case 'queue-log-file':
      return new QueueLogFileLedger(options.path, queueLog);
    case 'queue-log-table':
      return new QueueLogTableLedger({
        ...queueLog,
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
