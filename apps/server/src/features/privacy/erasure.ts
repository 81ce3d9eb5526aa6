import { type Database, schema } from '@colab/db';
import { FORMER_MEMBER_NAME, journalDocName } from '@colab/shared';
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Actor } from '../../auth/session.ts';
import { actorChanged } from '../../auth/session-cache.ts';
import { documentTextOf, storeDocumentText } from '../../collab/document-text.ts';
import { compactDocument, loadStoredUpdates } from '../../collab/persistence.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import { hashSecretToken } from '../../secret-token.ts';
import { recordAudit } from '../audit/service.ts';
import { isUuid } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import type { FeatureContext } from '../context.ts';
import {
  documentsHolding,
  documentsOfCohorts,
  forgetBoardAuthor,
  forgetPageMentions,
} from './documents.ts';

type ErasureContext = Pick<FeatureContext, 'db' | 'auth' | 'documents' | 'realtime' | 'logger'>;

/**
 * Erases an account: the person themself, or the instance admin on their behalf. `confirm` must
 * be the account's email address, so nobody erases the wrong account by a slip.
 *
 * Personal data goes (the account row and, through its foreign keys, profile, sessions,
 * memberships, journal, RSVPs, actions, notifications); what they wrote on shared boards and
 * group pages stays, attributed to a former member (their @mentions too); their name leaves
 * others' notifications and the activity feed. Every shared document of every cohort they were
 * in, and any other naming them, is re-encoded with garbage collection and its stored history
 * replaced, so text they deleted earlier is gone from the database too.
 */
export async function eraseAccount(
  ctx: ErasureContext,
  actor: Actor,
  targetUserId: string,
  confirm: string,
): Promise<void> {
  const { db } = ctx;
  const self = actor.userId === targetUserId;
  if (!self && !actor.isInstanceAdmin) throw new Forbidden('Only the instance admin may do this.');
  if (!isUuid(targetUserId)) throw new NotFound('No such account.');
  const [target] = await db.select().from(schema.users).where(eq(schema.users.id, targetUserId));
  if (!target) throw new NotFound('No such account.');
  if (confirm !== target.email.toLowerCase())
    throw new ValidationFailed([
      { path: 'confirm', message: 'Type the email address of the account to confirm' },
    ]);
  if (target.isInstanceAdmin) {
    const [other] = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(and(eq(schema.users.isInstanceAdmin, true), ne(schema.users.id, targetUserId)))
      .limit(1);
    if (!other)
      throw new Conflict(
        'This is the only instance admin: make someone else admin first.',
        'last_instance_admin',
      );
  }

  const journal = await db
    .select({ id: schema.journalEntries.id })
    .from(schema.journalEntries)
    .where(eq(schema.journalEntries.authorId, targetUserId));
  const cohorts = await db
    .select({ id: schema.cohortMembers.cohortId })
    .from(schema.cohortMembers)
    .where(eq(schema.cohortMembers.userId, targetUserId));
  // Before the rows go: cohorts they are in, and those they left (the audit log remembers).
  const pastCohorts = await db
    .selectDistinct({ id: schema.auditEvents.cohortId })
    .from(schema.auditEvents)
    .where(
      and(
        eq(schema.auditEvents.subjectUserId, targetUserId),
        isNotNull(schema.auditEvents.cohortId),
      ),
    );
  const everIn = [...new Set([...cohorts, ...pastCohorts].map((c) => c.id!))];
  // Documents that name them (cards, comments, dots, @mentions), wherever they are...
  const naming = (await documentsHolding(db, targetUserId)).filter(
    (d) => d.startsWith('board:') || d.startsWith('group-page:'),
  );
  // ...and every document they could have typed into and deleted from since.
  const purged = [...new Set([...naming, ...(await documentsOfCohorts(db, everIn))])].sort();

  const formerMember = FORMER_MEMBER_NAME;
  const email = target.email.toLowerCase();
  await db.transaction(async (tx) => {
    // The log keeps that an erasure happened and who asked, never whose account it was.
    await recordAudit(tx, {
      cohortId: null,
      actorId: self ? null : actor.userId,
      action: 'account.erased',
      details: { by: self ? 'themself' : 'instance_admin' },
    });
    for (const { id } of cohorts)
      await recordAudit(tx, {
        cohortId: id,
        actorId: self ? null : actor.userId,
        action: 'account.erased',
        details: { by: self ? 'themself' : 'instance_admin' },
      });
    // Others' notifications and the feed name the actor at the start of the line.
    await tx.execute(sql`
      update ${schema.notifications}
      set title = ${formerMember} || substr(title, ${target.name.length + 1})
      where left(title, ${target.name.length + 1}) = ${`${target.name} `}`);
    await tx.execute(sql`
      update ${schema.cohortActivity}
      set title = ${formerMember} || substr(title, ${target.name.length + 1})
      where actor_id = ${targetUserId} and left(title, ${target.name.length + 1}) = ${`${target.name} `}`);
    await tx.execute(sql`
      update ${schema.auditEvents}
      set details = details || jsonb_build_object('email', ${formerMember}::text)
      where lower(details->>'email') = ${email}`);
    await tx.execute(sql`
      update ${schema.auditEvents}
      set details = details - 'emailHash'
      where details->>'emailHash' = ${hashSecretToken(email)}`);
    // Others' mention notifications say who wrote them (for the writer's export): no longer.
    await tx.execute(sql`
      update ${schema.notifications}
      set data = data - 'by'
      where data->>'by' = ${targetUserId}`);
    await tx.delete(schema.invitations).where(sql`lower(${schema.invitations.email}) = ${email}`);
    await tx
      .delete(schema.verifications)
      .where(sql`position(${email} in lower(${schema.verifications.identifier})) > 0`);
    // Foreign keys take the rest: cascades for what is theirs, set null for what is shared.
    await tx.delete(schema.users).where(eq(schema.users.id, targetUserId));
  });

  // Signed out everywhere: sessions went with the account; now the open connections go too.
  actorChanged(ctx.auth, targetUserId);
  // Their memberships went too, and with them every member count they were part of.
  cohortAccessChanged(ctx.db, null);
  ctx.realtime.signedOut(targetUserId);
  await ctx.documents.reauthorize({ userId: targetUserId });
  for (const { id } of journal) await ctx.documents.remove(journalDocName(id));
  for (const docName of naming)
    await ctx.documents.change(docName, (doc) =>
      docName.startsWith('board:')
        ? void forgetBoardAuthor(doc, targetUserId)
        : void forgetPageMentions(doc, targetUserId),
    );
  for (const docName of purged) await purgeHistory(db, docName);
  ctx.logger.info(
    {
      by: self ? 'themself' : 'instance_admin',
      documents: purged.length,
      journal: journal.length,
    },
    'account erased',
  );
}

/**
 * Replaces a document's stored log and snapshot with one state re-encoded with garbage
 * collection (compaction does exactly that, atomically, keeping updates stored meanwhile), and
 * refreshes its search text, so deleted content survives nowhere in the database. Copies open
 * in memory hold only collected state and only ever append new updates, so nothing stale is
 * written back.
 */
export async function purgeHistory(db: Database, docName: string): Promise<void> {
  await compactDocument(db, docName);
  const doc = new Y.Doc();
  for (const update of await loadStoredUpdates(db, docName)) Y.applyUpdate(doc, update);
  await storeDocumentText(db, docName, documentTextOf(docName, doc));
  doc.destroy();
}
