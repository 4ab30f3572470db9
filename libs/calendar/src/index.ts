export * from './durations';
export * from './clock-time';
export * from './calendar-date';
export * from './time-zone';
export * from './zoned-time';
export * from './interval-key';
export * from './zoned-calendar';
