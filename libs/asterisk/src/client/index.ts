export * from './action-id-generator';
export * from './ami-client';
export * from './ami-client-errors';
export * from './ami-client-options';
export * from './ami-logger';
