export * from './lib/domain';
export * from './lib/models';
export * from './lib/http';
export * from './lib/account-rules';
export * from './lib/rate-limits';
export * from './lib/permissions';
export * from './lib/routes';
export * from './lib/activity';
