export {
  cdrMemberVisit,
  type CdrVariables,
  type CdrVisit,
  type CdrVisitStatus,
} from './cdr-member-visit';
export { cdrCsvTemplateColumns } from './cdr-csv-template';
export {
  FreeswitchCdrLedger,
  FREESWITCH_CDR_KNOWN_GAPS,
  type FreeswitchCdrOptions,
} from './freeswitch-cdr-ledger';
export { CdrGapBackfill, type CdrGapBackfillOptions, visitsEndedBetween } from './cdr-gap-backfill';
