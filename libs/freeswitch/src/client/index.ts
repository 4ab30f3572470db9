export * from './esl-client';
export * from './esl-client-listener';
export * from './esl-client-options';
