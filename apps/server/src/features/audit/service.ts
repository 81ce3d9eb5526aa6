import { type Database, schema } from '@colab/db';
import { desc, eq } from 'drizzle-orm';
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
  | 'invitation.revoked';

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
      details: schema.auditEvents.details,
      createdAt: schema.auditEvents.createdAt,
    })
    .from(schema.auditEvents)
    .leftJoin(actor, eq(actor.id, schema.auditEvents.actorId))
    .leftJoin(subject, eq(subject.id, schema.auditEvents.subjectUserId))
    .where(eq(schema.auditEvents.cohortId, cohortId))
    .orderBy(desc(schema.auditEvents.createdAt), desc(schema.auditEvents.id))
    .limit(limit);
}
