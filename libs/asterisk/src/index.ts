export * from './client';
export * from './asterisk-call-source';
