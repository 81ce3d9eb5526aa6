export * from './accounts.ts';
export * from './problem.ts';
export * from './socket-events.ts';
