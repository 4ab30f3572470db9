export * from './esl-command';
export * from './esl-decoder';
export * from './esl-error';
export * from './esl-event';
export * from './esl-header';
export * from './esl-message';
export * from './percent-decode';
export * from './esl-greeting';
