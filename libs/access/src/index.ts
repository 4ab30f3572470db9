export * from './access-policy';
export * from './auth-settings';
export * from './auth-warnings';
export * from './credentials';
export * from './log-redaction';
export * from './mask-caller-number';
export * from './roles';
