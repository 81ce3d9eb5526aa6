import { type Database, schema } from '@colab/db';
import type { CohortRole, TCreateCohortRequest, TUpdateCohortRequest } from '@colab/shared';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Forbidden, ValidationFailed } from '../../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeCohort, authorizeCohortCounted } from './access.ts';
import { cohortAccessChanged } from './access-cache.ts';

type CreateInput = Required<Omit<TCreateCohortRequest, 'titlesAtTheDoor'>> & {
  titlesAtTheDoor: boolean;
};

/** Whether the person may start new cohorts: the instance admin, or a programme lead anywhere. */
export async function canCreateCohorts(db: Database, actor: Actor): Promise<boolean> {
  if (actor.isInstanceAdmin) return true;
  const [row] = await db
    .select({ n: count() })
    .from(schema.cohortMembers)
    .where(
      and(
        eq(schema.cohortMembers.userId, actor.userId),
        eq(schema.cohortMembers.role, 'programme_lead'),
      ),
    );
  return (row?.n ?? 0) > 0;
}

export async function createCohort(db: Database, actor: Actor, input: CreateInput) {
  if (!(await canCreateCohorts(db, actor))) {
    throw new Forbidden('Only the instance admin or a programme lead can create cohorts.');
  }
  const created = await db.transaction(async (tx) => {
    const [cohort] = await tx
      .insert(schema.cohorts)
      .values({ ...input, createdBy: actor.userId })
      .returning();
    // Whoever creates a cohort leads it, so it is theirs to run and shows in their list.
    await tx
      .insert(schema.cohortMembers)
      .values({ cohortId: cohort!.id, userId: actor.userId, role: 'programme_lead' });
    await recordAudit(tx, {
      cohortId: cohort!.id,
      actorId: actor.userId,
      action: 'cohort.created',
      details: { name: input.name },
    });
    return cohort!;
  });
  cohortAccessChanged(db, created.id);
  return created;
}

/** The cohorts the person belongs to, with their role in each (archived ones last). */
export async function listMyCohorts(db: Database, actor: Actor) {
  const rows = await db
    .select({ cohort: schema.cohorts, role: schema.cohortMembers.role })
    .from(schema.cohortMembers)
    .innerJoin(schema.cohorts, eq(schema.cohorts.id, schema.cohortMembers.cohortId))
    .where(eq(schema.cohortMembers.userId, actor.userId))
    .orderBy(
      asc(schema.cohorts.archivedAt),
      asc(schema.cohorts.startsOn),
      asc(schema.cohorts.name),
    );
  const counts = await memberCounts(
    db,
    rows.map((r) => r.cohort.id),
  );
  return rows.map((r) => ({
    cohort: r.cohort,
    role: r.role as CohortRole,
    memberCount: counts.get(r.cohort.id) ?? 0,
  }));
}

export async function memberCounts(
  db: Database,
  cohortIds: string[],
): Promise<Map<string, number>> {
  if (cohortIds.length === 0) return new Map();
  const rows = await db
    .select({ cohortId: schema.cohortMembers.cohortId, n: count() })
    .from(schema.cohortMembers)
    .where(inArray(schema.cohortMembers.cohortId, cohortIds))
    .groupBy(schema.cohortMembers.cohortId);
  return new Map(rows.map((r) => [r.cohortId, r.n]));
}

export async function getCohort(db: Database, actor: Actor, cohortId: string) {
  return authorizeCohortCounted(db, actor, cohortId, 'cohort.view');
}

export async function updateCohort(
  db: Database,
  actor: Actor,
  cohortId: string,
  input: TUpdateCohortRequest,
) {
  const { archived, ...fields } = input;
  const onlyArchiving = Object.keys(fields).length === 0 && archived !== undefined;
  // Archiving is its own right, and the one change an archived cohort accepts.
  const access = await authorizeCohort(
    db,
    actor,
    cohortId,
    onlyArchiving ? 'cohort.archive' : 'cohort.edit',
  );
  if (archived !== undefined && !onlyArchiving)
    await authorizeCohort(db, actor, cohortId, 'cohort.archive');
  const merged = { startsOn: access.cohort.startsOn, endsOn: access.cohort.endsOn, ...fields };
  if (merged.startsOn > merged.endsOn) {
    throw new ValidationFailed([
      { path: 'endsOn', message: 'The end date must be on or after the start date' },
    ]);
  }
  try {
    return await db.transaction(async (tx) => {
      const values: Partial<typeof schema.cohorts.$inferInsert> = {
        ...fields,
        updatedAt: new Date(),
      };
      if (archived !== undefined)
        values.archivedAt = archived ? (access.cohort.archivedAt ?? new Date()) : null;
      const [cohort] = await tx
        .update(schema.cohorts)
        .set(values)
        .where(eq(schema.cohorts.id, cohortId))
        .returning();
      if (Object.keys(fields).length > 0) {
        await recordAudit(tx, {
          cohortId,
          actorId: actor.userId,
          action: 'cohort.updated',
          details: { changed: Object.keys(fields) },
        });
      }
      if (archived !== undefined && archived !== access.archived) {
        await recordAudit(tx, {
          cohortId,
          actorId: actor.userId,
          action: archived ? 'cohort.archived' : 'cohort.unarchived',
        });
      }
      return cohort!;
    });
  } finally {
    cohortAccessChanged(db, cohortId);
  }
}

export async function cohortIdsOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: schema.cohortMembers.cohortId })
    .from(schema.cohortMembers)
    .where(eq(schema.cohortMembers.userId, userId));
  return rows.map((r) => r.id);
}
