export * from './call-event';
export * from './pbx-in-flight-view';
export * from './call-source';
export * from './call-source-stats';
export * from './ledger-source';
export * from './csv-records';
export * from './reconnect-backoff';
export * from './greeting-line';
