export * from './protocol';
export * from './mapping';
