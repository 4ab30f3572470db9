export * from './call-event';
