import { type Database, schema } from '@colab/db';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound } from '../../errors.ts';
import { isUuid } from '../cohorts/access.ts';
import { groupAccess } from './access.ts';

type MilestoneRow = typeof schema.groupMilestones.$inferSelect;

export const presentMilestone = (m: MilestoneRow) => ({
  id: m.id,
  groupId: m.groupId,
  title: m.title,
  dueOn: m.dueOn,
  done: m.done,
});

export async function addMilestone(
  db: Database,
  actor: Actor,
  groupId: string,
  input: { title: string; dueOn: string },
) {
  const { group } = await groupAccess(db, actor, groupId, 'write');
  const [row] = await db
    .insert(schema.groupMilestones)
    .values({ ...input, groupId: group.id })
    .returning();
  return presentMilestone(row!);
}

export async function listMilestones(db: Database, actor: Actor, groupId: string) {
  const { group } = await groupAccess(db, actor, groupId, 'read');
  const rows = await db
    .select()
    .from(schema.groupMilestones)
    .where(eq(schema.groupMilestones.groupId, group.id))
    .orderBy(asc(schema.groupMilestones.dueOn), asc(schema.groupMilestones.id));
  return rows.map(presentMilestone);
}

export async function updateMilestone(
  db: Database,
  actor: Actor,
  milestoneId: string,
  input: { title?: string | undefined; dueOn?: string | undefined; done?: boolean | undefined },
) {
  if (!isUuid(milestoneId)) throw new NotFound('No such milestone.');
  const [row] = await db
    .select()
    .from(schema.groupMilestones)
    .where(eq(schema.groupMilestones.id, milestoneId));
  if (!row) throw new NotFound('No such milestone.');
  await groupAccess(db, actor, row.groupId, 'write').catch((error) => {
    if (error instanceof NotFound) throw new NotFound('No such milestone.');
    throw error;
  });
  const [updated] = await db
    .update(schema.groupMilestones)
    .set(input)
    .where(eq(schema.groupMilestones.id, row.id))
    .returning();
  return presentMilestone(updated!);
}

/**
 * The milestones of a cohort's groups whose work the actor may read, due between two dates,
 * for the cohort calendar.
 */
export async function calendarMilestones(
  db: Database,
  actor: Actor,
  cohortId: string,
  range: { fromDay: string; toDay: string },
) {
  const rows = await db
    .select({ milestone: schema.groupMilestones, groupName: schema.projectGroups.name })
    .from(schema.groupMilestones)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupMilestones.groupId))
    .where(
      and(
        eq(schema.projectGroups.cohortId, cohortId),
        gte(schema.groupMilestones.dueOn, range.fromDay),
        lte(schema.groupMilestones.dueOn, range.toDay),
      ),
    );
  const groupIds = [...new Set(rows.map((r) => r.milestone.groupId))];
  const readable = new Set<string>();
  for (const id of groupIds) {
    if (
      await groupAccess(db, actor, id, 'read').then(
        () => true,
        () => false,
      )
    )
      readable.add(id);
  }
  return rows
    .filter((r) => readable.has(r.milestone.groupId))
    .map((r) => ({ ...presentMilestone(r.milestone), groupName: r.groupName }));
}
