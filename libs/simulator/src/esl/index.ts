export { EslSimulatorServer, type EslSimulatorOptions } from './esl-simulator-server';
export { EslServer, type EslServerOptions } from './esl-server';
export {
  CallcenterEventRenderer,
  CALLCENTER_SUBCLASS,
  type CallcenterRendererOptions,
  type CallcenterMemberRow,
  type CallcenterAgentRow,
} from './callcenter-event-renderer';
export {
  EslIdentities,
  eslQueueName,
  modelQueueName,
  eslAgentName,
  CALLCENTER_DOMAIN,
} from './esl-identities';
export { eventPlain, type EslEventFrame, type EslHeaders } from './esl-wire';
export { switchUrlEncode } from './esl-url-encode';
export { CdrCsvWriter, SIMULATED_CDR_CSV_TEMPLATE } from './cdr-csv-writer';
