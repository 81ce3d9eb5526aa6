import { type Database, schema } from '@colab/db';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound } from '../../errors.ts';
import { isUuid } from '../cohorts/access.ts';
import type { DocumentStore } from '../context.ts';
import { authorizeSet, setRoleOf } from '../sets/service.ts';
import { getOwnEntry, presentReflection, sharedCopyOf } from './service.ts';

/**
 * Sharing a journal entry with one's action learning set: a read-only copy only the set's
 * members and facilitator read. Those who run the cohort see that a set exists, not this.
 */
async function setIAmIn(db: Database, actor: Actor, setId: string) {
  const { set } = await authorizeSet(db, actor, setId);
  if (!(await setRoleOf(db, set.id, actor.userId))) throw new NotFound('No such set.');
  return set;
}

export async function shareEntryWithSet(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  entryId: string,
  setId: string,
) {
  const entry = await getOwnEntry(db, actor, entryId);
  await setIAmIn(db, actor, setId);
  const copy = await sharedCopyOf(documents, entry);
  const [share] = await db
    .insert(schema.journalSetShares)
    .values({ entryId, setId, ...copy })
    .onConflictDoUpdate({
      target: [schema.journalSetShares.entryId, schema.journalSetShares.setId],
      set: { ...copy, sharedAt: new Date() },
    })
    .returning();
  return share!;
}

export async function unshareEntryFromSet(
  db: Database,
  actor: Actor,
  entryId: string,
  setId: string,
) {
  await getOwnEntry(db, actor, entryId);
  if (!isUuid(setId)) throw new NotFound('No such set.');
  await db
    .delete(schema.journalSetShares)
    .where(
      and(eq(schema.journalSetShares.entryId, entryId), eq(schema.journalSetShares.setId, setId)),
    );
}

export async function listSetReflections(db: Database, actor: Actor, setId: string) {
  await setIAmIn(db, actor, setId);
  const rows = await db
    .select({
      share: schema.journalSetShares,
      author: schema.users.name,
      authorId: schema.users.id,
    })
    .from(schema.journalSetShares)
    .innerJoin(schema.journalEntries, eq(schema.journalEntries.id, schema.journalSetShares.entryId))
    .innerJoin(schema.users, eq(schema.users.id, schema.journalEntries.authorId))
    .where(eq(schema.journalSetShares.setId, setId))
    .orderBy(desc(schema.journalSetShares.sharedAt));
  return rows.map(presentReflection);
}
