export * from './accounts.ts';
export * from './cohorts.ts';
