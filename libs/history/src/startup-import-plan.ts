import type { LedgerRange } from '@hotline/call-events';
import { startOfDay } from '@hotline/calendar';
import { importStart, type ImportFrom } from './import-from';

export interface StartupImportInputs {
  readonly importFrom: ImportFrom;
  /** A ledger (queue_log file or table, CDR) is configured. */
  readonly ledgerConfigured: boolean;
  /** The latest end of any stored call, undefined for an empty store. */
  readonly latestStoredEnd: number | undefined;
  readonly now: number;
  readonly timeZone: string;
}

export type StartupImportPlan =
  | { readonly import: true; readonly range: LedgerRange }
  | { readonly import: false; readonly reason: string };

/**
 * Whether the monitor imports the PBX's ledger before it goes live, and which range. It does
 * when a ledger is configured, `importFrom` is not `none`, and the store is empty or ends before
 * today (local): a restart within the day leaves the gap to the PBX link's own queue_log
 * backfill. The range runs from `importFrom` (never after the start of today) to now; calls
 * already stored are kept as they are (the import adds what is missing).
 */
export function planStartupImport(inputs: StartupImportInputs): StartupImportPlan {
  const { importFrom, ledgerConfigured, latestStoredEnd, now, timeZone } = inputs;
  if (importFrom === 'none') return { import: false, reason: 'history.importFrom is "none"' };
  if (!ledgerConfigured) return { import: false, reason: 'no ledger configured' };
  const today = startOfDay(now, timeZone);
  if (latestStoredEnd !== undefined && latestStoredEnd >= today)
    return { import: false, reason: 'the store already has calls of today' };
  const from = Math.min(importStart(importFrom, now, timeZone) ?? today, today);
  if (from >= now) return { import: false, reason: 'nothing to import before now' };
  return { import: true, range: { from, to: now } };
}
