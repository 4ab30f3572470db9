export * from './ami-decoder';
export * from './ami-encoder';
export * from './ami-message';
export * from './ami-protocol-error';
export * from './ami-greeting';
