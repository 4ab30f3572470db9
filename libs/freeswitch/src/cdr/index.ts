export {
  cdrMemberVisit,
  type CdrVariables,
  type CdrVisit,
  type CdrVisitStatus,
} from './cdr-member-visit';
export { CsvRecords, cdrCsvTemplateColumns } from './csv-records';
export {
  FreeswitchCdrLedger,
  FREESWITCH_CDR_KNOWN_GAPS,
  type FreeswitchCdrOptions,
} from './freeswitch-cdr-ledger';
