export * from './ami-mapping-options';
export * from './ami-event-time';
export * from './ami-event-filters';
export * from './ami-event-mapper';
export * from './agent-presence-tracker';
export * from './ledger-visit';
