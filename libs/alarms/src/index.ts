export * from './alarm';
export * from './alarm-book';
export * from './alarm-rules';
export * from './alarm-summary';
export * from './kpi-target-alarm-rule';
export * from './long-wait-alarm-rule';
export * from './pbx-link-alarm-rule';
