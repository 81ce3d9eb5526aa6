import { type Database, schema } from '@colab/db';
import { type CohortAction, type CohortRole, can, PERMISSIONS } from '@colab/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';

export type CohortRow = typeof schema.cohorts.$inferSelect;

export interface CohortAccess {
  cohort: CohortRow;
  /** The actor's own role; null for an instance admin who is not a member. */
  role: CohortRole | null;
  subject: { isInstanceAdmin: boolean; role: CohortRole | null };
  archived: boolean;
}

export async function roleIn(
  db: Database,
  cohortId: string,
  userId: string,
): Promise<CohortRole | null> {
  const [row] = await db
    .select({ role: schema.cohortMembers.role })
    .from(schema.cohortMembers)
    .where(
      and(eq(schema.cohortMembers.cohortId, cohortId), eq(schema.cohortMembers.userId, userId)),
    );
  return row?.role ?? null;
}

/**
 * Loads a cohort for an action, or throws. People outside a cohort get NotFound, so they
 * learn nothing of it, not even that it exists; members lacking the right get Forbidden.
 */
export async function authorizeCohort(
  db: Database,
  actor: Actor,
  cohortId: string,
  action: CohortAction,
): Promise<CohortAccess> {
  if (!isUuid(cohortId)) throw new NotFound('No such cohort.');
  // One query, not two: the cohort and the actor's membership come together.
  const [row] = await db
    .select({ cohort: schema.cohorts, role: schema.cohortMembers.role })
    .from(schema.cohorts)
    .leftJoin(
      schema.cohortMembers,
      and(
        eq(schema.cohortMembers.cohortId, schema.cohorts.id),
        eq(schema.cohortMembers.userId, actor.userId),
      ),
    )
    .where(eq(schema.cohorts.id, cohortId));
  if (!row) throw new NotFound('No such cohort.');
  const { cohort } = row;
  const role = row.role ?? null;
  const subject = { isInstanceAdmin: actor.isInstanceAdmin, role };
  const archived = cohort.archivedAt !== null;
  if (!can(subject, 'cohort.view', { archived })) throw new NotFound('No such cohort.');
  if (!can(subject, action, { archived })) {
    if (archived && PERMISSIONS[action].writes && can(subject, action, { archived: false })) {
      throw new Conflict('This cohort is archived, so it is read-only.', 'cohort_archived');
    }
    throw new Forbidden();
  }
  return { cohort, role, subject, archived };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
