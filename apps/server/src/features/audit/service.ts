import { type Database, schema } from '@colab/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

export type AuditAction =
  | 'cohort.created'
  | 'cohort.updated'
  | 'cohort.archived'
  | 'cohort.unarchived'
  | 'member.joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'member.left'
  | 'invitation.created'
  | 'invitation.resent'
  | 'invitation.revoked'
  | 'data.exported'
  | 'account.erased'
  | 'cohort.retention_changed'
  | 'cohort.retention_archived'
  | 'cohort.retention_deleted'
  | 'auth.signed_up'
  | 'auth.signed_in'
  | 'auth.sign_in_failed'
  | 'auth.signed_out'
  | 'auth.password_changed';

type Tx = Pick<Database, 'insert'>;

export async function recordAudit(
  db: Tx,
  event: {
    cohortId: string | null;
    actorId: string | null;
    action: AuditAction;
    subjectUserId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(schema.auditEvents).values({
    cohortId: event.cohortId,
    actorId: event.actorId,
    action: event.action,
    subjectUserId: event.subjectUserId ?? null,
    details: event.details ?? {},
  });
}

/** The log with the names of who acted and who it was about (null once an account is gone). */
export async function listAuditEvents(db: Database, cohortId: string, limit = 200) {
  return auditEventsWhere(db, eq(schema.auditEvents.cohortId, cohortId), limit);
}

/**
 * The whole instance's log for its admin, newest first, a page at a time. Ids are UUIDv7, so
 * ordering by id is ordering by time and the last id of a page is the cursor of the next.
 */
export async function listInstanceAuditEvents(
  db: Database,
  page: { before?: string | undefined; limit: number },
) {
  const events = await auditEventsWhere(
    db,
    page.before ? lt(schema.auditEvents.id, page.before) : undefined,
    page.limit + 1,
    'id',
  );
  const more = events.length > page.limit;
  const shown = events.slice(0, page.limit);
  return { events: shown, nextBefore: more ? (shown.at(-1)?.id ?? null) : null };
}

function auditEventsWhere(
  db: Database,
  where: SQL | undefined,
  limit: number,
  order: 'time' | 'id' = 'time',
) {
  const actor = alias(schema.users, 'actor');
  const subject = alias(schema.users, 'subject');
  return db
    .select({
      id: schema.auditEvents.id,
      action: schema.auditEvents.action,
      actorId: schema.auditEvents.actorId,
      actorName: actor.name,
      subjectUserId: schema.auditEvents.subjectUserId,
      subjectName: subject.name,
      cohortId: schema.auditEvents.cohortId,
      details: schema.auditEvents.details,
      createdAt: schema.auditEvents.createdAt,
    })
    .from(schema.auditEvents)
    .leftJoin(actor, eq(actor.id, schema.auditEvents.actorId))
    .leftJoin(subject, eq(subject.id, schema.auditEvents.subjectUserId))
    .where(and(where))
    .orderBy(
      ...(order === 'id'
        ? [desc(schema.auditEvents.id)]
        : [desc(schema.auditEvents.createdAt), desc(schema.auditEvents.id)]),
    )
    .limit(limit);
}
