import { type Database, readBytea, schema, stageBytea } from '@colab/db';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { preparedOnce } from '../prepared-once.ts';
import { foldStoredParts } from './fold.ts';

const { collabUpdates, collabSnapshots } = schema;

/**
 * A document as stored: its snapshot (if any) and every update still in the log, in order.
 * The log holds only what no compaction has folded in (each deletes exactly the rows it
 * read), so nothing is filtered by id: an update committed late, below the snapshot's
 * `uptoId` (another node's insert that took its id first and committed last), is kept.
 * Both are read in one snapshot of the database: read apart, another node's compaction
 * committing between them would leave the updates it folded in neither.
 */
export async function loadStoredUpdates(db: Database, docName: string): Promise<Uint8Array[]> {
  return db.transaction(
    async (tx) => {
      const snapshot = await readSnapshot(tx, docName);
      const tail = await tx
        .select({ data: collabUpdates.data })
        .from(collabUpdates)
        .where(eq(collabUpdates.docName, docName))
        .orderBy(asc(collabUpdates.id));
      return [...(snapshot ? [snapshot] : []), ...tail.map((r) => r.data)];
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** A board's snapshot is its largest value by far: it travels as bytes, not as hex text. */
function readSnapshot(db: Database, docName: string) {
  return readBytea(db, {
    column: collabSnapshots.data,
    where: collabSnapshots.docName,
    equals: docName,
  });
}

/** Appends updates in one statement (the group commit); resolves once they are durable. */
export async function appendUpdates(
  db: Database,
  docName: string,
  updates: Uint8Array[],
): Promise<void> {
  if (updates.length === 0) return;
  if (updates.length === 1) {
    await appendOne(db).execute({ docName, data: updates[0] });
    return;
  }
  await db.insert(collabUpdates).values(updates.map((data) => ({ docName, data })));
}

/**
 * The insert of one update, prepared once per database: most batches hold one edit, and
 * building the statement anew cost more CPU than the round trip it makes (about 0.2 ms per
 * insert on 6 December), on the thread that relays every edit.
 */
const appendOne = preparedOnce((db) =>
  db
    .insert(collabUpdates)
    .values({ docName: sql.placeholder('docName'), data: sql.placeholder('data') })
    .prepare('collab_append_one'),
);

export async function countLoggedUpdates(db: Database, docName: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(collabUpdates)
    .where(eq(collabUpdates.docName, docName));
  return row?.n ?? 0;
}

/** Ids per delete statement: well under Postgres's limit of parameters per statement. */
const DELETE_CHUNK = 5_000;

/**
 * Folds the log into the snapshot and says how many logged updates it folded. Built from
 * what is stored, not from a node's memory, so an update another node appended is never
 * dropped; updates arriving meanwhile stay in the log.
 * Two rules keep that true with several nodes writing one document:
 * - compactions of a document take turns (a transaction-scoped advisory lock), so one never
 *   overwrites the snapshot with an older fold than the one before it;
 * - a compaction deletes exactly the rows it read, not every id up to the last one: ids are
 *   handed out before commit, so a row with a lower id can become visible after a higher one.
 */
export async function compactDocument(
  db: Database,
  docName: string,
  fold: { inPlaceBelowBytes?: number } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`collab-compaction:${docName}`}, 0))`,
    );
    const [snapshot] = await tx
      .select({ uptoId: collabSnapshots.uptoId })
      .from(collabSnapshots)
      .where(eq(collabSnapshots.docName, docName));
    const tail = await tx
      .select({ id: collabUpdates.id, data: collabUpdates.data })
      .from(collabUpdates)
      .where(eq(collabUpdates.docName, docName))
      .orderBy(asc(collabUpdates.id));
    if (tail.length === 0) return 0;
    const uptoId = Math.max(snapshot?.uptoId ?? 0, tail.at(-1)!.id);
    const stored = snapshot ? await readSnapshot(tx, docName) : undefined;
    const folded = await foldStoredParts(
      [...(stored ? [stored] : []), ...tail.map((row) => row.data)],
      fold,
    );
    const data = await stageBytea(tx, folded);
    await tx
      .insert(collabSnapshots)
      .values({ docName, data, uptoId })
      .onConflictDoUpdate({
        target: collabSnapshots.docName,
        set: { data: sql`excluded.data`, uptoId, updatedAt: new Date() },
      });
    const ids = tail.map((row) => row.id);
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      await tx
        .delete(collabUpdates)
        .where(inArray(collabUpdates.id, ids.slice(i, i + DELETE_CHUNK)));
    }
    return tail.length;
  });
}

export async function deleteStoredDocument(db: Database, docName: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(collabUpdates).where(eq(collabUpdates.docName, docName));
    await tx.delete(collabSnapshots).where(eq(collabSnapshots.docName, docName));
    await tx.delete(schema.documentTexts).where(eq(schema.documentTexts.docName, docName));
  });
}
