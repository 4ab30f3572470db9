export * from './build-in-flight-view';
export * from './callcenter-agent-state';
export * from './callcenter-table';
export * from './freeswitch-event-mapper';
export * from './freeswitch-mapping-options';
