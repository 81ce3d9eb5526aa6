import { type Database, schema } from '@colab/db';
import { can } from '@colab/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';

export type GroupRow = typeof schema.projectGroups.$inferSelect;

/**
 * Who may do what in a project group. The cohort sees that a group exists and what it works
 * on (sponsors only their own groups); its members write its page, evidence and resources;
 * its sponsors and those who run the cohort read them; others in the cohort get 403.
 * - `view`: the group's name, challenge and people
 * - `read`: its work
 * - `write`: adding to its work
 * - `manage`: opening groups and putting people in them
 */
export type GroupNeed = 'view' | 'read' | 'write' | 'manage';

export async function groupRoleOf(db: Database, groupId: string, userId: string) {
  const [row] = await db
    .select({ role: schema.groupMembers.role })
    .from(schema.groupMembers)
    .where(and(eq(schema.groupMembers.groupId, groupId), eq(schema.groupMembers.userId, userId)));
  return row?.role ?? null;
}

export async function groupAccess(db: Database, actor: Actor, groupId: string, need: GroupNeed) {
  if (!isUuid(groupId)) throw new NotFound('No such group.');
  const [group] = await db
    .select()
    .from(schema.projectGroups)
    .where(eq(schema.projectGroups.id, groupId));
  if (!group) throw new NotFound('No such group.');
  const access = await authorizeCohort(db, actor, group.cohortId, 'cohort.view').catch(() => {
    throw new NotFound('No such group.');
  });
  const role = await groupRoleOf(db, group.id, actor.userId);
  const runs = can(access.subject, 'groups.manage', { archived: false });
  // A sponsor of the cohort learns only of the groups they sponsor.
  if (access.role === 'sponsor' && role === null && !runs) throw new NotFound('No such group.');
  const allowed =
    need === 'view' ||
    (need === 'read' && (role !== null || runs)) ||
    (need === 'write' && role === 'member') ||
    (need === 'manage' && runs);
  if (!allowed) {
    throw new Forbidden(
      need === 'manage'
        ? 'Only facilitators and programme leads can do this.'
        : need === 'write'
          ? 'Only the group’s members can add to its work.'
          : 'Only the group, its sponsors and those who run the cohort see its work.',
    );
  }
  if (need !== 'view' && need !== 'read' && access.archived)
    throw new Conflict('This cohort is archived, so it is read-only.', 'cohort_archived');
  return { group, role, runs, access };
}

/**
 * Those of `userIds` who may read the group's work, by the same rule as `groupAccess`: its
 * members and sponsors, and those who run the cohort (the instance admin among them).
 */
export async function groupWorkReaders(db: Database, group: GroupRow, userIds: string[]) {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({
      userId: schema.users.id,
      isInstanceAdmin: schema.users.isInstanceAdmin,
      cohortRole: schema.cohortMembers.role,
      groupRole: schema.groupMembers.role,
    })
    .from(schema.users)
    .leftJoin(
      schema.cohortMembers,
      and(
        eq(schema.cohortMembers.userId, schema.users.id),
        eq(schema.cohortMembers.cohortId, group.cohortId),
      ),
    )
    .leftJoin(
      schema.groupMembers,
      and(
        eq(schema.groupMembers.userId, schema.users.id),
        eq(schema.groupMembers.groupId, group.id),
      ),
    )
    .where(inArray(schema.users.id, userIds));
  return rows
    .filter((r) => {
      const subject = { isInstanceAdmin: r.isInstanceAdmin, role: r.cohortRole };
      if (!can(subject, 'cohort.view', { archived: false })) return false;
      return r.groupRole !== null || can(subject, 'groups.manage', { archived: false });
    })
    .map((r) => r.userId);
}
