import { type Database, schema } from '@colab/db';
import { type CohortRole, can } from '@colab/shared';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeCohort, roleIn } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import { leaveCohortGroups } from '../groups/service.ts';
import { leaveCohortSets } from '../sets/service.ts';
import { type MemberRow, presentMember } from './presenter.ts';

function memberRows(db: Database, cohortId: string) {
  return db
    .select({
      userId: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.cohortMembers.role,
      joinedAt: schema.cohortMembers.joinedAt,
      pronouns: schema.profiles.pronouns,
      bio: schema.profiles.bio,
      organisation: schema.profiles.organisation,
      jobTitle: schema.profiles.jobTitle,
      timezone: schema.profiles.timezone,
    })
    .from(schema.cohortMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.cohortMembers.userId))
    .leftJoin(schema.profiles, eq(schema.profiles.userId, schema.cohortMembers.userId))
    .where(eq(schema.cohortMembers.cohortId, cohortId))
    .orderBy(asc(schema.users.name), asc(schema.users.id));
}

export async function listMembers(db: Database, actor: Actor, cohortId: string) {
  const access = await authorizeCohort(db, actor, cohortId, 'members.view');
  const rows: MemberRow[] = await memberRows(db, cohortId);
  const viewer = {
    userId: actor.userId,
    titlesVisible: !access.cohort.titlesAtTheDoor,
    emailsVisible: can(access.subject, 'members.manage', { archived: false }),
  };
  return rows.map((row) => presentMember(row, viewer));
}

/** Everyone with organisation and job title, whatever "titles at the door" says: leads only. */
export async function exportMembers(db: Database, actor: Actor, cohortId: string) {
  await authorizeCohort(db, actor, cohortId, 'members.export');
  const rows: MemberRow[] = await memberRows(db, cohortId);
  return rows.map((row) =>
    presentMember(row, { userId: actor.userId, titlesVisible: true, emailsVisible: true }),
  );
}

async function leadCount(db: Pick<Database, 'select'>, cohortId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(schema.cohortMembers)
    .where(
      and(
        eq(schema.cohortMembers.cohortId, cohortId),
        eq(schema.cohortMembers.role, 'programme_lead'),
      ),
    );
  return row?.n ?? 0;
}

const LAST_LEAD = 'A cohort needs at least one programme lead: make someone else a lead first.';

export async function changeMemberRole(
  db: Database,
  actor: Actor,
  cohortId: string,
  userId: string,
  role: CohortRole,
) {
  const access = await authorizeCohort(db, actor, cohortId, 'members.manage');
  const current = await roleIn(db, cohortId, userId);
  if (!current) throw new NotFound('That person is not a member of this cohort.');
  if (current === role) return { userId, role, leftSets: [] as string[] };
  const touchesLeads = current === 'programme_lead' || role === 'programme_lead';
  if (touchesLeads && !can(access.subject, 'members.manage_leads', { archived: access.archived })) {
    throw new Forbidden('Only a programme lead can make or unmake programme leads.');
  }
  try {
    return await db.transaction(async (tx) => {
      if (current === 'programme_lead' && (await leadCount(tx, cohortId)) <= 1)
        throw new Conflict(LAST_LEAD, 'last_programme_lead');
      await tx
        .update(schema.cohortMembers)
        .set({ role })
        .where(
          and(eq(schema.cohortMembers.cohortId, cohortId), eq(schema.cohortMembers.userId, userId)),
        );
      const leftSets =
        role !== 'participant' && role !== 'facilitator'
          ? await leaveCohortSets(tx, cohortId, userId)
          : [];
      await leaveCohortGroups(tx, cohortId, userId, role);
      await recordAudit(tx, {
        cohortId,
        actorId: actor.userId,
        action: 'member.role_changed',
        subjectUserId: userId,
        details: { from: current, to: role },
      });
      return { userId, role, leftSets };
    });
  } finally {
    cohortAccessChanged(db, cohortId);
  }
}

/** Removes a member (facilitators and leads), or lets anyone leave themself. */
export async function removeMember(db: Database, actor: Actor, cohortId: string, userId: string) {
  const leaving = userId === actor.userId;
  const access = await authorizeCohort(
    db,
    actor,
    cohortId,
    leaving ? 'cohort.view' : 'members.manage',
  );
  const current = await roleIn(db, cohortId, userId);
  if (!current) throw new NotFound('That person is not a member of this cohort.');
  if (
    !leaving &&
    current === 'programme_lead' &&
    !can(access.subject, 'members.manage_leads', { archived: access.archived })
  ) {
    throw new Forbidden('Only a programme lead can remove a programme lead.');
  }
  try {
    return await db.transaction(async (tx) => {
      if (current === 'programme_lead' && (await leadCount(tx, cohortId)) <= 1)
        throw new Conflict(LAST_LEAD, 'last_programme_lead');
      await tx
        .delete(schema.cohortMembers)
        .where(
          and(eq(schema.cohortMembers.cohortId, cohortId), eq(schema.cohortMembers.userId, userId)),
        );
      const leftSets = await leaveCohortSets(tx, cohortId, userId);
      await leaveCohortGroups(tx, cohortId, userId);
      await recordAudit(tx, {
        cohortId,
        actorId: actor.userId,
        action: leaving ? 'member.left' : 'member.removed',
        subjectUserId: userId,
        details: { role: current },
      });
      return { leftSets };
    });
  } finally {
    cohortAccessChanged(db, cohortId);
  }
}
