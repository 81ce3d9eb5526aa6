import { type Database, schema } from '@colab/db';
import { can, groupPageDocName } from '@colab/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import { type GroupRow, groupAccess } from './access.ts';

type Db = Pick<Database, 'select' | 'insert' | 'update' | 'delete'>;

async function peopleOf(db: Pick<Database, 'select'>, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({
      groupId: schema.groupMembers.groupId,
      userId: schema.groupMembers.userId,
      role: schema.groupMembers.role,
      chief: schema.groupMembers.chief,
      displayName: schema.users.name,
    })
    .from(schema.groupMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.groupMembers.userId))
    .where(inArray(schema.groupMembers.groupId, groupIds))
    .orderBy(asc(schema.users.name));
}
type Person = Awaited<ReturnType<typeof peopleOf>>[number];

export function presentGroup(group: GroupRow, people: Person[], myRole: string | null) {
  const own = people.filter((p) => p.groupId === group.id);
  return {
    id: group.id,
    cohortId: group.cohortId,
    name: group.name,
    challenge: group.challenge,
    docName: groupPageDocName(group.id),
    createdAt: group.createdAt.toISOString(),
    members: own
      .filter((p) => p.role === 'member')
      .map((p) => ({ userId: p.userId, displayName: p.displayName })),
    sponsors: own
      .filter((p) => p.role === 'sponsor')
      .map((p) => ({ userId: p.userId, displayName: p.displayName, chief: p.chief })),
    myRole,
  };
}

/**
 * Puts people in a group: participants and facilitators as members, sponsors and programme
 * leads as sponsors. A chief sponsor is the only one of a group.
 */
async function addPeople(
  tx: Db,
  group: GroupRow,
  userIds: string[],
  role: 'member' | 'sponsor',
  chiefId: string | null,
) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const roles = await tx
    .select({ userId: schema.cohortMembers.userId, role: schema.cohortMembers.role })
    .from(schema.cohortMembers)
    .where(
      and(
        eq(schema.cohortMembers.cohortId, group.cohortId),
        inArray(schema.cohortMembers.userId, unique),
      ),
    );
  const roleOf = new Map(roles.map((r) => [r.userId, r.role]));
  const fits =
    role === 'member'
      ? (r: string | undefined) => r === 'participant' || r === 'facilitator'
      : (r: string | undefined) => r === 'sponsor' || r === 'programme_lead';
  if (unique.some((id) => !fits(roleOf.get(id)))) {
    throw new Conflict(
      role === 'member'
        ? 'Only participants and facilitators of this cohort can be members of a group.'
        : 'Only sponsors and programme leads of this cohort can sponsor a group.',
      'not_eligible',
    );
  }
  if (chiefId) {
    await tx
      .update(schema.groupMembers)
      .set({ chief: false })
      .where(eq(schema.groupMembers.groupId, group.id));
  }
  for (const userId of unique) {
    const values = { groupId: group.id, userId, role, chief: userId === chiefId };
    await tx
      .insert(schema.groupMembers)
      .values(values)
      .onConflictDoUpdate({
        target: [schema.groupMembers.groupId, schema.groupMembers.userId],
        set: { role, chief: values.chief },
      });
  }
}

export async function createGroup(
  db: Database,
  actor: Actor,
  cohortId: string,
  input: {
    name: string;
    challenge: string;
    memberIds: string[];
    sponsorIds: string[];
    chiefSponsorId?: string | null | undefined;
  },
) {
  await authorizeCohort(db, actor, cohortId, 'groups.manage');
  return db.transaction(async (tx) => {
    const [group] = await tx
      .insert(schema.projectGroups)
      .values({ cohortId, name: input.name, challenge: input.challenge, createdBy: actor.userId })
      .returning();
    await addPeople(tx, group!, input.memberIds, 'member', null);
    await addPeople(tx, group!, input.sponsorIds, 'sponsor', input.chiefSponsorId ?? null);
    return presentGroup(group!, await peopleOf(tx, [group!.id]), null);
  });
}

/** The cohort's groups as the actor may see them: sponsors, only those they sponsor. */
export async function listGroups(db: Database, actor: Actor, cohortId: string) {
  const access = await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const groups = await db
    .select()
    .from(schema.projectGroups)
    .where(eq(schema.projectGroups.cohortId, cohortId))
    .orderBy(asc(schema.projectGroups.name), asc(schema.projectGroups.id));
  const people = await peopleOf(
    db,
    groups.map((g) => g.id),
  );
  const runs = can(access.subject, 'groups.manage', { archived: false });
  const roleIn = (groupId: string) =>
    people.find((p) => p.groupId === groupId && p.userId === actor.userId)?.role ?? null;
  return groups
    .filter((g) => access.role !== 'sponsor' || runs || roleIn(g.id) !== null)
    .map((g) => presentGroup(g, people, roleIn(g.id)));
}

export async function getGroup(db: Database, actor: Actor, groupId: string) {
  const { group, role } = await groupAccess(db, actor, groupId, 'view');
  return presentGroup(group, await peopleOf(db, [group.id]), role);
}

export async function updateGroup(
  db: Database,
  actor: Actor,
  groupId: string,
  input: { name?: string | undefined; challenge?: string | undefined },
) {
  // Its members may reword their challenge; those who run the cohort may too.
  const { group, role, runs } = await groupAccess(db, actor, groupId, 'view');
  await groupAccess(db, actor, groupId, runs && role !== 'member' ? 'manage' : 'write');
  const [row] = await db
    .update(schema.projectGroups)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(schema.projectGroups.id, group.id))
    .returning();
  return presentGroup(row!, await peopleOf(db, [group.id]), role);
}

export async function addGroupPeople(
  db: Database,
  actor: Actor,
  groupId: string,
  input: { userIds: string[]; role: 'member' | 'sponsor'; chief: boolean },
) {
  const { group, role } = await groupAccess(db, actor, groupId, 'manage');
  await db.transaction((tx) =>
    addPeople(tx, group, input.userIds, input.role, input.chief ? input.userIds[0]! : null),
  );
  // Who sees the group's boards changed.
  cohortAccessChanged(db, group.cohortId);
  return presentGroup(group, await peopleOf(db, [group.id]), role);
}

export async function removeGroupPerson(
  db: Database,
  actor: Actor,
  groupId: string,
  userId: string,
) {
  const { group } = await groupAccess(db, actor, groupId, 'manage');
  const removed = isUuid(userId)
    ? await db
        .delete(schema.groupMembers)
        .where(
          and(eq(schema.groupMembers.groupId, group.id), eq(schema.groupMembers.userId, userId)),
        )
        .returning()
    : [];
  if (removed.length === 0) throw new NotFound('That person is not in this group.');
  cohortAccessChanged(db, group.cohortId);
}

/**
 * Someone who leaves a cohort leaves its groups; someone whose role changes keeps only the
 * places the new role fits (a participant made a sponsor stops being a member).
 */
export async function leaveCohortGroups(
  db: Db,
  cohortId: string,
  userId: string,
  newRole: string | null = null,
) {
  const groups = await db
    .select({ id: schema.projectGroups.id })
    .from(schema.projectGroups)
    .where(eq(schema.projectGroups.cohortId, cohortId));
  if (groups.length === 0) return;
  await db.delete(schema.groupMembers).where(
    and(
      inArray(
        schema.groupMembers.groupId,
        groups.map((g) => g.id),
      ),
      eq(schema.groupMembers.userId, userId),
      newRole === 'participant' || newRole === 'facilitator'
        ? eq(schema.groupMembers.role, 'sponsor')
        : newRole === 'sponsor' || newRole === 'programme_lead'
          ? eq(schema.groupMembers.role, 'member')
          : undefined,
    ),
  );
}

/**
 * Who may open the group's shared page: members write, sponsors and those who run read. A
 * reader is given the reason, for a page that wrote while it could not (a member who typed
 * offline while the cohort was archived) to be told, not ignored.
 */
export async function groupPageAccess(
  db: Database,
  actor: Actor,
  groupId: string,
): Promise<{ access: 'write' } | { access: 'read'; readOnlyBecause: string }> {
  const { role, access } = await groupAccess(db, actor, groupId, 'read');
  if (access.archived)
    return { access: 'read', readOnlyBecause: 'This cohort is archived, so it is read-only.' };
  if (role !== 'member')
    return { access: 'read', readOnlyBecause: 'Only the group’s members can add to its work.' };
  return { access: 'write' };
}
