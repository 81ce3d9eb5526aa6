import { type Database, schema } from '@colab/db';
import { type CohortAction, type CohortRole, can, PERMISSIONS } from '@colab/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { preparedOnce } from '../../prepared-once.ts';
import { type CachedAccess, cohortAccessCacheOf } from './access-cache.ts';

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
  const found = await lookUp(db, cohortId, actor.userId, action, false);
  return decide(actor, found, action);
}

/** authorizeCohort, also counting the cohort's members in the same query (the cohort page). */
export async function authorizeCohortCounted(
  db: Database,
  actor: Actor,
  cohortId: string,
  action: CohortAction,
): Promise<{ access: CohortAccess; memberCount: number }> {
  if (!isUuid(cohortId)) throw new NotFound('No such cohort.');
  const found = await lookUp(db, cohortId, actor.userId, action, true);
  return { access: decide(actor, found, action), memberCount: found?.memberCount ?? 0 };
}

/**
 * The cohort and the person's role in it. A read may be answered from the node's cache; a
 * write always asks the database, so a change of role or membership binds it at once.
 */
async function lookUp(
  db: Database,
  cohortId: string,
  userId: string,
  action: CohortAction,
  counted: boolean,
): Promise<CachedAccess | undefined> {
  const cache = PERMISSIONS[action].writes ? undefined : cohortAccessCacheOf(db);
  const cached = cache?.get(cohortId, userId);
  if (cached && (!counted || cached.memberCount !== undefined)) return cached;
  const epoch = cache?.epoch() ?? 0;
  const statement = counted ? statementsOf(db).counted : statementsOf(db).access;
  const [row] = await statement.execute({ cohortId, userId });
  if (!row) return undefined;
  const found: CachedAccess = { cohort: row.cohort, role: row.role ?? null };
  if (counted) found.memberCount = Number(row.memberCount ?? 0);
  // Only what exists is kept: a cohort created a moment later must not stay unknown.
  cache?.set(cohortId, userId, found, epoch);
  return found;
}

// The cohort and the actor's membership come in one query, not two; built and prepared once
// per database, since these run on nearly every request.
function accessQuery(db: Database, counted: boolean) {
  const columns = { cohort: schema.cohorts, role: schema.cohortMembers.role };
  const memberCount = sql<number>`(select count(*) from ${schema.cohortMembers} m where m.cohort_id = ${schema.cohorts.id})`;
  return db
    .select(counted ? { ...columns, memberCount } : { ...columns, memberCount: sql<null>`null` })
    .from(schema.cohorts)
    .leftJoin(
      schema.cohortMembers,
      and(
        eq(schema.cohortMembers.cohortId, schema.cohorts.id),
        eq(schema.cohortMembers.userId, sql.placeholder('userId')),
      ),
    )
    .where(eq(schema.cohorts.id, sql.placeholder('cohortId')))
    .prepare(counted ? 'authorize_cohort_counted' : 'authorize_cohort');
}

const statementsOf = preparedOnce((db) => ({
  access: accessQuery(db, false),
  counted: accessQuery(db, true),
}));

function decide(actor: Actor, row: CachedAccess | undefined, action: CohortAction): CohortAccess {
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
