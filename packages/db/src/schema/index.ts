export * from './accounts.ts';
export * from './boards.ts';
export * from './cohorts.ts';
export * from './collab.ts';
export * from './journal.ts';
export * from './meetings.ts';
export * from './reflections.ts';
export * from './sets.ts';
