import type { Writable } from 'node:stream';
import { type Database, schema } from '@colab/db';
import { journalDocName } from '@colab/shared';
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Actor } from '../../auth/session.ts';
import { documentTextOf } from '../../collab/document-text.ts';
import type { FileStore } from '../../files/file-store.ts';
import type { DocumentStore } from '../context.ts';
import { boardContributions, documentsHolding } from './documents.ts';
import { exportGroups, mentionsMadeBy } from './export-groups.ts';

/**
 * Every table holding rows by or about a person, and the column that says so. Rows are
 * exported whole (minus secrets), so a column added later is exported without a change here.
 */
const PERSONAL_ROWS: [string, PgTable, PgColumn][] = [
  ['profile', schema.profiles, schema.profiles.userId],
  ['cohortMemberships', schema.cohortMembers, schema.cohortMembers.userId],
  ['setMemberships', schema.setMembers, schema.setMembers.userId],
  ['groupMemberships', schema.groupMembers, schema.groupMembers.userId],
  ['journalEntries', schema.journalEntries, schema.journalEntries.authorId],
  ['heldBoardCards', schema.boardHeldCards, schema.boardHeldCards.authorId],
  ['meetingRsvps', schema.meetingRsvps, schema.meetingRsvps.userId],
  ['meetingCheckins', schema.meetingCheckins, schema.meetingCheckins.userId],
  ['meetingPresentations', schema.meetingPresentations, schema.meetingPresentations.presenterId],
  ['setActions', schema.setActions, schema.setActions.ownerId],
  ['actionFollowUpsRecorded', schema.actionFollowUps, schema.actionFollowUps.recordedBy],
  ['pollResponses', schema.pollResponses, schema.pollResponses.userId],
  ['groupEvidence', schema.groupEvidence, schema.groupEvidence.gatheredBy],
  ['groupResources', schema.groupResources, schema.groupResources.addedBy],
  ['groupOutputsCreated', schema.groupOutputs, schema.groupOutputs.createdBy],
  ['outputMedia', schema.outputMedia, schema.outputMedia.addedBy],
  ['outputFeedback', schema.outputFeedback, schema.outputFeedback.authorId],
  ['notifications', schema.notifications, schema.notifications.userId],
  [
    'notificationPreferences',
    schema.notificationPreferences,
    schema.notificationPreferences.userId,
  ],
  ['notificationSettings', schema.notificationSettings, schema.notificationSettings.userId],
  ['cohortsCreated', schema.cohorts, schema.cohorts.createdBy],
  ['boardsCreated', schema.boards, schema.boards.createdBy],
  ['promptsCreated', schema.reflectionPrompts, schema.reflectionPrompts.createdBy],
  ['activity', schema.cohortActivity, schema.cohortActivity.actorId],
];

/** Credentials are not personal data to hand out: a leaked export must not sign anyone in. */
const SECRET = /token|password|secret/i;
const withoutSecrets = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !SECRET.test(key)));

/** Everything a person wrote or that is about them, as one JSON-ready object, and their files. */
export async function collectPersonalData(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
): Promise<{ data: Record<string, unknown>; files: { path: string; key: string }[] }> {
  const userId = actor.userId;
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
  const data: Record<string, unknown> = {
    exportedAt: new Date().toISOString(),
    account: withoutSecrets(user ?? {}),
  };
  for (const [name, table, column] of PERSONAL_ROWS) {
    const rows = await db.select().from(table).where(eq(column, userId));
    data[name] = rows.map((r) => withoutSecrets(r as Record<string, unknown>));
  }
  data.cohorts = await db
    .select({ id: schema.cohorts.id, name: schema.cohorts.name })
    .from(schema.cohorts)
    .innerJoin(schema.cohortMembers, eq(schema.cohortMembers.cohortId, schema.cohorts.id))
    .where(eq(schema.cohortMembers.userId, userId));
  data.invitationsReceived = (
    await db
      .select()
      .from(schema.invitations)
      .where(sql`lower(${schema.invitations.email}) = ${actor.email.toLowerCase()}`)
  ).map((r) => withoutSecrets(r));
  data.auditEvents = await db
    .select()
    .from(schema.auditEvents)
    .where(
      or(eq(schema.auditEvents.actorId, userId), eq(schema.auditEvents.subjectUserId, userId)),
    );

  const entries = data.journalEntries as { id: string }[];
  const texts: Record<string, string> = {};
  for (const entry of entries) {
    const name = journalDocName(entry.id);
    texts[entry.id] = await documents.read(name, (doc) => documentTextOf(name, doc));
  }
  data.journalEntries = entries.map((e) => ({ ...e, text: texts[e.id] ?? '' }));
  data.journalShares = entries.length
    ? await db
        .select()
        .from(schema.journalShares)
        .where(
          inArray(
            schema.journalShares.entryId,
            entries.map((e) => e.id),
          ),
        )
    : [];

  const evidence = data.groupEvidence as { id: string; groupId: string }[];
  data.findingLinks = evidence.length
    ? await db
        .select()
        .from(schema.findingEvidence)
        .where(
          inArray(
            schema.findingEvidence.findingId,
            evidence.map((e) => e.id),
          ),
        )
    : [];
  data.mentionsMade = await mentionsMadeBy(db, userId);
  // Their answers only: the feedback answered is someone else's writing.
  data.outputFeedbackAnswered = await db
    .select({
      id: schema.outputFeedback.id,
      outputId: schema.outputFeedback.outputId,
      answer: schema.outputFeedback.answer,
      answeredAt: schema.outputFeedback.answeredAt,
    })
    .from(schema.outputFeedback)
    .where(eq(schema.outputFeedback.answeredBy, userId));

  const naming = await documentsHolding(db, userId);
  const byGroup = (name: string) => (data[name] as { groupId: string }[]).map((r) => r.groupId);
  const byOutput = (name: string) => (data[name] as { outputId: string }[]).map((r) => r.outputId);
  data.groups = await exportGroups(db, documents, {
    memberships: data.groupMemberships as { groupId: string; role: string }[],
    attributedGroupIds: [
      ...byGroup('groupEvidence'),
      ...byGroup('groupResources'),
      ...byGroup('groupOutputsCreated'),
    ],
    attributedOutputIds: [...byOutput('outputMedia'), ...byOutput('outputFeedbackAnswered')],
    namingDocs: naming,
  });

  const boards: unknown[] = [];
  for (const docName of naming) {
    if (!docName.startsWith('board:')) continue;
    const mine = await documents.read(docName, (doc) => boardContributions(doc, userId));
    if (mine.cards.length || mine.comments.length || mine.votes.length)
      boards.push({ boardId: docName.slice('board:'.length), ...mine });
  }
  data.boardContributions = boards;

  const files = [
    ...(data.groupResources as { id: string; storageKey: string | null; fileName: string | null }[])
      .filter((r) => r.storageKey)
      .map((r) => ({
        path: `files/resources/${r.id}-${safeName(r.fileName)}`,
        key: r.storageKey!,
      })),
    ...(
      data.outputMedia as { outputId: string; kind: string; fileName: string; storageKey: string }[]
    ).map((m) => ({
      path: `files/outputs/${m.outputId}-${m.kind}-${safeName(m.fileName)}`,
      key: m.storageKey,
    })),
  ];
  return { data, files };
}

const safeName = (name: string | null) => (name ?? 'file').replace(/[^\w.-]+/g, '_').slice(-100);

/**
 * Streams the zip: data.json, then each uploaded file as stored (already compressed formats
 * mostly, so not compressed again). A file gone from the store is listed in missing-files.txt
 * rather than failing the whole export.
 */
export async function writeExportZip(
  out: Writable,
  files: FileStore,
  content: { data: Record<string, unknown>; files: { path: string; key: string }[] },
): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      out.write(chunk);
      if (final) resolve();
    });
    void (async () => {
      const json = new ZipDeflate('data.json', { level: 6 });
      zip.add(json);
      json.push(new TextEncoder().encode(JSON.stringify(content.data, null, 2)), true);
      const missing: string[] = [];
      for (const file of content.files) {
        let stream: AsyncIterable<Buffer>;
        try {
          stream = (await files.read(file.key)).stream;
        } catch {
          missing.push(file.path);
          continue;
        }
        const entry = new ZipPassThrough(file.path);
        zip.add(entry);
        for await (const chunk of stream) entry.push(chunk);
        entry.push(new Uint8Array(0), true);
      }
      if (missing.length) {
        const note = new ZipPassThrough('missing-files.txt');
        zip.add(note);
        note.push(new TextEncoder().encode(`${missing.join('\n')}\n`), true);
      }
      zip.end();
    })().catch(reject);
  });
  await done;
}
