export * from './validate';
export * from './zod-issue-message';
