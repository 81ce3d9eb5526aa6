export * from './accounts.ts';
export * from './board-doc.ts';
export * from './board-ops.ts';
export * from './boards.ts';
export * from './cohorts.ts';
export * from './permissions.ts';
export * from './problem.ts';
export * from './socket-events.ts';
