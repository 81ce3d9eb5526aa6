import { type Database, schema } from '@colab/db';
import { journalDocName } from '@colab/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { plainTextOf } from '../../collab/plain-text.ts';
import { NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import type { DocumentStore } from '../context.ts';

type EntryRow = typeof schema.journalEntries.$inferSelect;

/** What the author sees beside an entry: the prompt it answers and where it is shared. */
export interface EntryDetails {
  prompt: { id: string; text: string } | null;
  shares: { cohortId: string; cohortName: string; sharedAt: string }[];
}

const NO_DETAILS: EntryDetails = { prompt: null, shares: [] };

export function presentEntry(entry: EntryRow, details: EntryDetails = NO_DETAILS) {
  return {
    id: entry.id,
    docName: journalDocName(entry.id),
    cohortId: entry.cohortId,
    promptId: entry.promptId,
    prompt: details.prompt,
    title: entry.title,
    shares: details.shares,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/** The prompts and shares of some of the author's entries, in two queries whatever their number. */
export async function detailsOf(
  db: Database,
  entries: EntryRow[],
): Promise<Map<string, EntryDetails>> {
  const details = new Map<string, EntryDetails>(
    entries.map((e) => [e.id, { prompt: null, shares: [] }]),
  );
  if (entries.length === 0) return details;
  const promptIds = [...new Set(entries.flatMap((e) => (e.promptId ? [e.promptId] : [])))];
  const [shares, prompts] = await Promise.all([
    db
      .select({
        entryId: schema.journalShares.entryId,
        cohortId: schema.journalShares.cohortId,
        cohortName: schema.cohorts.name,
        sharedAt: schema.journalShares.sharedAt,
      })
      .from(schema.journalShares)
      .innerJoin(schema.cohorts, eq(schema.cohorts.id, schema.journalShares.cohortId))
      .where(inArray(schema.journalShares.entryId, [...details.keys()]))
      .orderBy(schema.cohorts.name),
    promptIds.length
      ? db
          .select({ id: schema.reflectionPrompts.id, text: schema.reflectionPrompts.text })
          .from(schema.reflectionPrompts)
          .where(inArray(schema.reflectionPrompts.id, promptIds))
      : Promise.resolve([]),
  ]);
  const promptById = new Map(prompts.map((p) => [p.id, p]));
  for (const entry of entries) {
    if (entry.promptId) details.get(entry.id)!.prompt = promptById.get(entry.promptId) ?? null;
  }
  for (const share of shares) {
    details.get(share.entryId)!.shares.push({
      cohortId: share.cohortId,
      cohortName: share.cohortName,
      sharedAt: share.sharedAt.toISOString(),
    });
  }
  return details;
}

/** Entries as the author sees them, with their prompts and shares. */
export async function presentEntries(db: Database, entries: EntryRow[]) {
  const details = await detailsOf(db, entries);
  return entries.map((e) => presentEntry(e, details.get(e.id)));
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

/** Renames an entry; like reading it, only its author may (anyone else gets NotFound). */
export async function renameOwnEntry(db: Database, actor: Actor, entryId: string, title: string) {
  await getOwnEntry(db, actor, entryId);
  const [entry] = await db
    .update(schema.journalEntries)
    .set({ title, updatedAt: new Date() })
    .where(eq(schema.journalEntries.id, entryId))
    .returning();
  return entry!;
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
  const copy = await sharedCopyOf(documents, entry);
  const [share] = await db
    .insert(schema.journalShares)
    .values({ entryId, cohortId, ...copy })
    .onConflictDoUpdate({
      target: [schema.journalShares.entryId, schema.journalShares.cohortId],
      set: { ...copy, sharedAt: new Date() },
    })
    .returning();
  return share!;
}

/** What a shared copy holds: the entry's title and its text as it stands now, as plain text. */
export async function sharedCopyOf(documents: DocumentStore, entry: { id: string; title: string }) {
  const body = await documents.read(journalDocName(entry.id), (doc) =>
    plainTextOf(doc.getXmlFragment('prosemirror')),
  );
  return { title: entry.title, body };
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
  return rows.map(presentReflection);
}

/** A shared copy as readers see it, whether shared with a cohort or a set. */
export function presentReflection(r: {
  share: { entryId: string; title: string; body: string; sharedAt: Date };
  author: string;
  authorId: string;
}) {
  return {
    entryId: r.share.entryId,
    title: r.share.title,
    body: r.share.body,
    author: { id: r.authorId, displayName: r.author },
    sharedAt: r.share.sharedAt.toISOString(),
  };
}
