import { type Database, schema } from '@colab/db';
import { desc, eq } from 'drizzle-orm';

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

export async function listAuditEvents(db: Database, cohortId: string, limit = 200) {
  return db
    .select({
      id: schema.auditEvents.id,
      action: schema.auditEvents.action,
      actorId: schema.auditEvents.actorId,
      subjectUserId: schema.auditEvents.subjectUserId,
      details: schema.auditEvents.details,
      createdAt: schema.auditEvents.createdAt,
    })
    .from(schema.auditEvents)
    .where(eq(schema.auditEvents.cohortId, cohortId))
    .orderBy(desc(schema.auditEvents.createdAt), desc(schema.auditEvents.id))
    .limit(limit);
}
