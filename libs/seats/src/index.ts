export * from './seat-book';
export * from './seat-plan';
