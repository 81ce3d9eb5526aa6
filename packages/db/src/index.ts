export { readBytea, stageBytea } from './bytea-copy.ts';
export type { CreateDbOptions, Database, DbHandle, Schema } from './create-db.ts';
export { createDb, migrationsFolder } from './create-db.ts';
export { DataDirInUse, lockDataDir } from './data-dir-lock.ts';
export * as schema from './schema/index.ts';
