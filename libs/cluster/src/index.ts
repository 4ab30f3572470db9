export * from './cluster-keys';
export * from './stream-record';
export * from './record-fingerprint';
export * from './append-buffer';
export * from './append-script';
export * from './redis-lease';
export * from './stream-appender';
export * from './stream-call-source';
