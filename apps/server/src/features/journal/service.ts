import { type Database, schema } from '@colab/db';
import { journalDocName } from '@colab/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { plainTextOf } from '../../collab/plain-text.ts';
import { NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import type { DocumentStore } from '../context.ts';

type EntryRow = typeof schema.journalEntries.$inferSelect;

export function presentEntry(entry: EntryRow) {
  return {
    id: entry.id,
    docName: journalDocName(entry.id),
    cohortId: entry.cohortId,
    promptId: entry.promptId,
    title: entry.title,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

export async function createEntry(
  db: Database,
  actor: Actor,
  input: { title: string; cohortId?: string | undefined; promptId?: string | undefined },
) {
  let cohortId = input.cohortId ?? null;
  let title = input.title;
  if (input.promptId) {
    const [prompt] = await db
      .select()
      .from(schema.reflectionPrompts)
      .where(eq(schema.reflectionPrompts.id, input.promptId));
    if (!prompt || prompt.opensAt > new Date() || (cohortId && cohortId !== prompt.cohortId)) {
      throw new NotFound('No such open prompt.');
    }
    cohortId = prompt.cohortId;
    title ||= prompt.text.slice(0, 200);
  }
  if (cohortId) await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const [entry] = await db
    .insert(schema.journalEntries)
    .values({ authorId: actor.userId, cohortId, title, promptId: input.promptId ?? null })
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

/**
 * Shares one entry with a cohort the author belongs to: a read-only copy of its text as it is
 * now appears there. Sharing again refreshes the copy; un-sharing removes it.
 */
export async function shareEntry(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  entryId: string,
  cohortId: string,
) {
  const entry = await getOwnEntry(db, actor, entryId);
  await authorizeCohort(db, actor, cohortId, 'reflections.share');
  const body = await documents.read(journalDocName(entryId), (doc) =>
    plainTextOf(doc.getXmlFragment('prosemirror')),
  );
  const [share] = await db
    .insert(schema.journalShares)
    .values({ entryId, cohortId, title: entry.title, body })
    .onConflictDoUpdate({
      target: [schema.journalShares.entryId, schema.journalShares.cohortId],
      set: { title: entry.title, body, sharedAt: new Date() },
    })
    .returning();
  return share!;
}

export async function unshareEntry(db: Database, actor: Actor, entryId: string, cohortId: string) {
  await getOwnEntry(db, actor, entryId);
  if (!isUuid(cohortId)) throw new NotFound('No such cohort.');
  await db
    .delete(schema.journalShares)
    .where(
      and(eq(schema.journalShares.entryId, entryId), eq(schema.journalShares.cohortId, cohortId)),
    );
}

/** The entries members shared with a cohort, with their authors' names. */
export async function listSharedReflections(db: Database, actor: Actor, cohortId: string) {
  await authorizeCohort(db, actor, cohortId, 'reflections.view');
  const rows = await db
    .select({ share: schema.journalShares, author: schema.users.name, authorId: schema.users.id })
    .from(schema.journalShares)
    .innerJoin(schema.journalEntries, eq(schema.journalEntries.id, schema.journalShares.entryId))
    .innerJoin(schema.users, eq(schema.users.id, schema.journalEntries.authorId))
    .where(eq(schema.journalShares.cohortId, cohortId))
    .orderBy(desc(schema.journalShares.sharedAt));
  return rows.map((r) => ({
    entryId: r.share.entryId,
    title: r.share.title,
    body: r.share.body,
    author: { id: r.authorId, displayName: r.author },
    sharedAt: r.share.sharedAt.toISOString(),
  }));
}

/** An entry with where it is shared and the prompt it answers: for its author's page. */
export async function entryDetails(db: Database, actor: Actor, entryId: string) {
  const entry = await getOwnEntry(db, actor, entryId);
  const shares = await db
    .select({ cohortId: schema.journalShares.cohortId, sharedAt: schema.journalShares.sharedAt })
    .from(schema.journalShares)
    .where(eq(schema.journalShares.entryId, entry.id));
  const [prompt] = entry.promptId
    ? await db
        .select({ id: schema.reflectionPrompts.id, text: schema.reflectionPrompts.text })
        .from(schema.reflectionPrompts)
        .where(eq(schema.reflectionPrompts.id, entry.promptId))
    : [];
  return {
    ...presentEntry(entry),
    prompt: prompt ?? null,
    shares: shares.map((s) => ({ cohortId: s.cohortId, sharedAt: s.sharedAt.toISOString() })),
  };
}
