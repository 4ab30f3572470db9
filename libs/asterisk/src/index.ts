export * from './protocol';
export * from './client';
export * from './asterisk-call-source';
export * from './mapping';
export * from './queue-log';
export * from './cdr';
