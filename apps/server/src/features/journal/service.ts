import { type Database, schema } from '@colab/db';
import { journalDocName } from '@colab/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import type { DocumentStore } from '../context.ts';

type EntryRow = typeof schema.journalEntries.$inferSelect;

export function presentEntry(entry: EntryRow) {
  return {
    id: entry.id,
    docName: journalDocName(entry.id),
    cohortId: entry.cohortId,
    title: entry.title,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

export async function createEntry(
  db: Database,
  actor: Actor,
  input: { title: string; cohortId?: string | undefined },
) {
  if (input.cohortId) await authorizeCohort(db, actor, input.cohortId, 'cohort.view');
  const [entry] = await db
    .insert(schema.journalEntries)
    .values({ authorId: actor.userId, cohortId: input.cohortId ?? null, title: input.title })
    .returning();
  return entry!;
}

export async function listOwnEntries(db: Database, actor: Actor) {
  return db
    .select()
    .from(schema.journalEntries)
    .where(eq(schema.journalEntries.authorId, actor.userId))
    .orderBy(desc(schema.journalEntries.createdAt));
}

/**
 * A journal entry is its author's alone: not facilitators', not programme leads', not the
 * instance admin's. Anyone else gets NotFound, so they learn nothing, not even that it exists.
 */
export async function getOwnEntry(db: Database, actor: Actor, entryId: string) {
  if (!isUuid(entryId)) throw new NotFound('No such journal entry.');
  const [entry] = await db
    .select()
    .from(schema.journalEntries)
    .where(
      and(eq(schema.journalEntries.id, entryId), eq(schema.journalEntries.authorId, actor.userId)),
    );
  if (!entry) throw new NotFound('No such journal entry.');
  return entry;
}

export async function deleteOwnEntry(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  entryId: string,
) {
  await getOwnEntry(db, actor, entryId);
  await db.delete(schema.journalEntries).where(eq(schema.journalEntries.id, entryId));
  await documents.remove(journalDocName(entryId));
}
