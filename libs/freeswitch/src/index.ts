export * from './protocol';
export * from './client';
export * from './mapping';
export * from './freeswitch-call-source';
export * from './cdr';
