import { type Database, schema } from '@colab/db';
import { boardDocName, can, SET_SIZE } from '@colab/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import type { DocumentStore } from '../context.ts';

type SetRow = typeof schema.learningSets.$inferSelect;
type Db = Pick<Database, 'select' | 'insert' | 'delete'>;

/**
 * Action learning sets. What is said in a set stays in the set: members and their facilitator
 * see it; those who run the cohort (`sets.manage`) see that it exists and who is in it;
 * nobody else learns it exists (404).
 */

async function membersOf(db: Db, setIds: string[]) {
  if (setIds.length === 0) return [];
  return db
    .select({
      setId: schema.setMembers.setId,
      userId: schema.setMembers.userId,
      role: schema.setMembers.role,
      displayName: schema.users.name,
    })
    .from(schema.setMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.setMembers.userId))
    .where(inArray(schema.setMembers.setId, setIds))
    .orderBy(asc(schema.users.name));
}

type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

/** One set's members with their names, by name. */
export const setMembersWithNames = (db: Db, setId: string) => membersOf(db, [setId]);

export function presentSet(set: SetRow, members: MemberRow[]) {
  const own = members.filter((m) => m.setId === set.id);
  const participants = own.filter((m) => m.role === 'member').length;
  return {
    id: set.id,
    cohortId: set.cohortId,
    name: set.name,
    createdAt: set.createdAt.toISOString(),
    members: own.map((m) => ({ userId: m.userId, displayName: m.displayName, role: m.role })),
    warnings:
      participants < SET_SIZE.min || participants > SET_SIZE.max
        ? [
            {
              code: 'set_size',
              message: `Sets work best with ${SET_SIZE.min} to ${SET_SIZE.max} members; this one has ${participants}.`,
            },
          ]
        : [],
  };
}

/** The actor's place in a set, or null when they are not in it. */
export async function setRoleOf(db: Database, setId: string, userId: string) {
  const [row] = await db
    .select({ role: schema.setMembers.role })
    .from(schema.setMembers)
    .where(and(eq(schema.setMembers.setId, setId), eq(schema.setMembers.userId, userId)));
  return row?.role ?? null;
}

/** The set, if the actor may see it; NotFound otherwise. `manage` also requires sets.manage. */
export async function authorizeSet(db: Database, actor: Actor, setId: string, manage = false) {
  if (!isUuid(setId)) throw new NotFound('No such set.');
  const [set] = await db
    .select()
    .from(schema.learningSets)
    .where(eq(schema.learningSets.id, setId));
  if (!set) throw new NotFound('No such set.');
  const access = await authorizeCohort(db, actor, set.cohortId, 'cohort.view');
  const runs = can(access.subject, 'sets.manage', { archived: false });
  if (!runs) {
    const [mine] = await db
      .select()
      .from(schema.setMembers)
      .where(and(eq(schema.setMembers.setId, setId), eq(schema.setMembers.userId, actor.userId)));
    if (!mine) throw new NotFound('No such set.');
  }
  // Checked after visibility, so someone who may not see the set never learns it exists.
  if (manage) await authorizeCohort(db, actor, set.cohortId, 'sets.manage');
  return { set, access };
}

export async function listSets(db: Database, actor: Actor, cohortId: string) {
  const access = await authorizeCohort(db, actor, cohortId, 'sets.view');
  const all = await db
    .select()
    .from(schema.learningSets)
    .where(eq(schema.learningSets.cohortId, cohortId))
    .orderBy(asc(schema.learningSets.name), asc(schema.learningSets.id));
  let visible = all;
  if (!can(access.subject, 'sets.manage', { archived: false })) {
    const mine = await db
      .select({ setId: schema.setMembers.setId })
      .from(schema.setMembers)
      .where(eq(schema.setMembers.userId, actor.userId));
    const ids = new Set(mine.map((m) => m.setId));
    visible = all.filter((s) => ids.has(s.id));
  }
  const members = await membersOf(
    db,
    visible.map((s) => s.id),
  );
  return visible.map((s) => presentSet(s, members));
}

export async function getSet(db: Database, actor: Actor, setId: string) {
  const { set } = await authorizeSet(db, actor, setId);
  return presentSet(set, await membersOf(db, [set.id]));
}

/**
 * Puts people in a set. Only the cohort's participants (as members) and facilitators (as the
 * set's facilitators) can be in a set; a participant already in another set of the cohort is
 * moved, since a person meets with one set.
 */
async function addToSet(tx: Db, set: SetRow, userIds: string[]) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const roles = await tx
    .select({ userId: schema.cohortMembers.userId, role: schema.cohortMembers.role })
    .from(schema.cohortMembers)
    .where(
      and(
        eq(schema.cohortMembers.cohortId, set.cohortId),
        inArray(schema.cohortMembers.userId, unique),
      ),
    );
  const roleOf = new Map(roles.map((r) => [r.userId, r.role]));
  const refused = unique.filter((id) => {
    const role = roleOf.get(id);
    return role !== 'participant' && role !== 'facilitator';
  });
  if (refused.length) {
    throw new Conflict(
      'Only participants and facilitators of this cohort can be in a set.',
      'not_eligible',
    );
  }
  const participants = unique.filter((id) => roleOf.get(id) === 'participant');
  const others = await tx
    .select({ setId: schema.learningSets.id })
    .from(schema.learningSets)
    .where(eq(schema.learningSets.cohortId, set.cohortId));
  const moved = participants.length
    ? await tx
        .delete(schema.setMembers)
        .where(
          and(
            inArray(
              schema.setMembers.setId,
              others.map((o) => o.setId).filter((id) => id !== set.id),
            ),
            inArray(schema.setMembers.userId, participants),
            eq(schema.setMembers.role, 'member'),
          ),
        )
        .returning({ userId: schema.setMembers.userId, from: schema.setMembers.setId })
    : [];
  await tx
    .insert(schema.setMembers)
    .values(
      unique.map((userId) => ({
        setId: set.id,
        userId,
        role: roleOf.get(userId) === 'facilitator' ? ('facilitator' as const) : ('member' as const),
      })),
    )
    .onConflictDoNothing();
  return moved;
}

export async function createSet(
  db: Database,
  actor: Actor,
  cohortId: string,
  input: { name: string; memberIds: string[] },
) {
  const access = await authorizeCohort(db, actor, cohortId, 'sets.manage');
  const created = await db.transaction(async (tx) => {
    const [set] = await tx
      .insert(schema.learningSets)
      .values({ cohortId, name: input.name, createdBy: actor.userId })
      .returning();
    // A facilitator who opens a set facilitates it.
    const ids =
      access.role === 'facilitator' ? [actor.userId, ...input.memberIds] : input.memberIds;
    const moved = await addToSet(tx, set!, ids);
    return { ...presentSet(set!, await membersOf(tx, [set!.id])), moved };
  });
  // People moved out of another set stop seeing its boards.
  cohortAccessChanged(db, cohortId);
  return created;
}

export async function renameSet(db: Database, actor: Actor, setId: string, name: string) {
  const { set } = await authorizeSet(db, actor, setId, true);
  const [row] = await db
    .update(schema.learningSets)
    .set({ name })
    .where(eq(schema.learningSets.id, set.id))
    .returning();
  return presentSet(row!, await membersOf(db, [set.id]));
}

/** Deletes a set with its boards, their shared documents and the reflections shared with it. */
export async function deleteSet(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  setId: string,
) {
  const { set } = await authorizeSet(db, actor, setId, true);
  const boards = await db
    .select({ id: schema.boards.id })
    .from(schema.boards)
    .where(eq(schema.boards.setId, set.id));
  await db.delete(schema.learningSets).where(eq(schema.learningSets.id, set.id));
  cohortAccessChanged(db, set.cohortId);
  for (const board of boards) await documents.remove(boardDocName(board.id));
}

export async function addSetMembers(db: Database, actor: Actor, setId: string, userIds: string[]) {
  const { set } = await authorizeSet(db, actor, setId, true);
  const added = await db.transaction(async (tx) => {
    const moved = await addToSet(tx, set, userIds);
    return { ...presentSet(set, await membersOf(tx, [set.id])), moved };
  });
  cohortAccessChanged(db, set.cohortId);
  return added;
}

export async function removeSetMember(db: Database, actor: Actor, setId: string, userId: string) {
  const { set } = await authorizeSet(db, actor, setId, true);
  const removed = isUuid(userId)
    ? await db
        .delete(schema.setMembers)
        .where(and(eq(schema.setMembers.setId, set.id), eq(schema.setMembers.userId, userId)))
        .returning()
    : [];
  if (removed.length === 0) throw new NotFound('That person is not in this set.');
  cohortAccessChanged(db, set.cohortId);
}

/** Someone who leaves the cohort, or stops being a participant or facilitator, leaves its sets. */
export async function leaveCohortSets(db: Db, cohortId: string, userId: string) {
  const sets = await db
    .select({ id: schema.learningSets.id })
    .from(schema.learningSets)
    .where(eq(schema.learningSets.cohortId, cohortId));
  if (sets.length === 0) return [];
  const left = await db
    .delete(schema.setMembers)
    .where(
      and(
        inArray(
          schema.setMembers.setId,
          sets.map((s) => s.id),
        ),
        eq(schema.setMembers.userId, userId),
      ),
    )
    .returning({ setId: schema.setMembers.setId });
  return left.map((l) => l.setId);
}
