export * from './agent-order';
export * from './seat-book';
export * from './seat-plan';
