import { type Database, schema } from '@colab/db';
import { groupPageDocName } from '@colab/shared';
import { asc, inArray, sql } from 'drizzle-orm';
import { documentTextOf } from '../../collab/document-text.ts';
import type { DocumentStore } from '../context.ts';
import { rowsOf } from './documents.ts';

/**
 * The groups a person is in, was in, or whose page names them, each with its page as text (a
 * page is written together, so it is theirs as much as anyone's) and its milestones (which
 * say nobody's name: the group's plan). Who was in a group is not kept after they leave it,
 * so a past group is known by what they left in it: evidence, resources, outputs, media,
 * answers to feedback, an @mention of them on its page.
 */
export async function exportGroups(
  db: Database,
  documents: DocumentStore,
  input: {
    memberships: { groupId: string; role: string }[];
    /** Group ids of the rows they are named on (evidence, resources, outputs). */
    attributedGroupIds: string[];
    /** Output ids of the rows they are named on (media, feedback answers). */
    attributedOutputIds: string[];
    /** Stored documents holding their id. */
    namingDocs: string[];
  },
) {
  const outputs = input.attributedOutputIds.length
    ? await db
        .select({ groupId: schema.groupOutputs.groupId })
        .from(schema.groupOutputs)
        .where(inArray(schema.groupOutputs.id, input.attributedOutputIds))
    : [];
  const ids = [
    ...new Set([
      ...input.memberships.map((m) => m.groupId),
      ...input.attributedGroupIds,
      ...outputs.map((o) => o.groupId),
      ...input.namingDocs
        .filter((d) => d.startsWith('group-page:'))
        .map((d) => d.slice('group-page:'.length)),
    ]),
  ];
  if (ids.length === 0) return [];
  const groups = await db
    .select({
      id: schema.projectGroups.id,
      cohortId: schema.projectGroups.cohortId,
      name: schema.projectGroups.name,
      challenge: schema.projectGroups.challenge,
    })
    .from(schema.projectGroups)
    .where(inArray(schema.projectGroups.id, ids))
    .orderBy(asc(schema.projectGroups.id));
  const milestones = await db
    .select()
    .from(schema.groupMilestones)
    .where(inArray(schema.groupMilestones.groupId, ids))
    .orderBy(asc(schema.groupMilestones.dueOn));
  const roles = new Map(input.memberships.map((m) => [m.groupId, m.role]));
  const result = [];
  for (const group of groups) {
    const docName = groupPageDocName(group.id);
    result.push({
      ...group,
      myRole: roles.get(group.id) ?? null,
      page: await documents.read(docName, (doc) => documentTextOf(docName, doc)),
      milestones: milestones.filter((m) => m.groupId === group.id),
    });
  }
  return result;
}

/**
 * The @mentions they wrote (on boards and group pages): one each, however many people it
 * told, without whom it told (that is the others' data).
 */
export async function mentionsMadeBy(db: Database, userId: string) {
  const rows = await db.execute(sql`
    select distinct kind, title, link, created_at as "createdAt"
    from ${schema.notifications}
    where data->>'by' = ${userId}
    order by created_at`);
  return rowsOf<{ kind: string; title: string; link: string | null; createdAt: string }>(rows);
}
