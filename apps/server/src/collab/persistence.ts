import { type Database, schema } from '@colab/db';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';

const { collabUpdates, collabSnapshots } = schema;

/** A document as stored: its snapshot (if any) and the updates logged after it, in order. */
export async function loadStoredUpdates(db: Database, docName: string): Promise<Uint8Array[]> {
  const [snapshot] = await db
    .select()
    .from(collabSnapshots)
    .where(eq(collabSnapshots.docName, docName));
  const tail = await db
    .select({ data: collabUpdates.data })
    .from(collabUpdates)
    .where(and(eq(collabUpdates.docName, docName), gt(collabUpdates.id, snapshot?.uptoId ?? 0)))
    .orderBy(asc(collabUpdates.id));
  return [...(snapshot ? [snapshot.data] : []), ...tail.map((r) => r.data)];
}

/** Appends updates in one statement (the group commit); resolves once they are durable. */
export async function appendUpdates(
  db: Database,
  docName: string,
  updates: Uint8Array[],
): Promise<void> {
  if (updates.length === 0) return;
  await db.insert(collabUpdates).values(updates.map((data) => ({ docName, data })));
}

export async function countLoggedUpdates(db: Database, docName: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(collabUpdates)
    .where(eq(collabUpdates.docName, docName));
  return row?.n ?? 0;
}

/**
 * Folds the log into the snapshot. Built from what is stored, not from a node's memory, so an
 * update another node appended is never dropped; updates arriving meanwhile stay in the log.
 */
export async function compactDocument(db: Database, docName: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [snapshot] = await tx
      .select()
      .from(collabSnapshots)
      .where(eq(collabSnapshots.docName, docName));
    const from = snapshot?.uptoId ?? 0;
    const tail = await tx
      .select({ id: collabUpdates.id, data: collabUpdates.data })
      .from(collabUpdates)
      .where(and(eq(collabUpdates.docName, docName), gt(collabUpdates.id, from)))
      .orderBy(asc(collabUpdates.id));
    if (tail.length === 0) return;
    const uptoId = tail.at(-1)!.id;
    // Re-encoding through a Y.Doc applies garbage collection, so the snapshot stays small.
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.data);
    for (const row of tail) Y.applyUpdate(doc, row.data);
    const data = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await tx
      .insert(collabSnapshots)
      .values({ docName, data, uptoId })
      .onConflictDoUpdate({
        target: collabSnapshots.docName,
        set: { data, uptoId, updatedAt: new Date() },
      });
    await tx
      .delete(collabUpdates)
      .where(and(eq(collabUpdates.docName, docName), lte(collabUpdates.id, uptoId)));
  });
}

export async function deleteStoredDocument(db: Database, docName: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(collabUpdates).where(eq(collabUpdates.docName, docName));
    await tx.delete(collabSnapshots).where(eq(collabSnapshots.docName, docName));
    await tx.delete(schema.documentTexts).where(eq(schema.documentTexts.docName, docName));
  });
}
