import type { Database } from '@colab/db';

/**
 * Statements built and prepared once for each database they run on, and kept as long as it
 * is: hot reads and the collab insert would otherwise spend more CPU building their SQL than
 * the database spends answering it.
 */
export function preparedOnce<T>(prepare: (db: Database) => T): (db: Database) => T {
  const prepared = new WeakMap<Database, T>();
  return (db) => {
    let found = prepared.get(db);
    if (found === undefined) {
      found = prepare(db);
      prepared.set(db, found);
    }
    return found;
  };
}
