import { type Database, schema } from '@colab/db';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';

type NotificationRow = typeof schema.notifications.$inferSelect;

export function presentNotification(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}
export type PresentedNotification = ReturnType<typeof presentNotification>;

/** Stores one notification per person; the caller delivers them live. */
export async function createNotifications(
  db: Pick<Database, 'insert'>,
  userIds: string[],
  notification: { kind: string; title: string; link?: string; data?: Record<string, unknown> },
): Promise<NotificationRow[]> {
  if (userIds.length === 0) return [];
  return db
    .insert(schema.notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        kind: notification.kind,
        title: notification.title,
        link: notification.link ?? null,
        data: notification.data ?? {},
      })),
    )
    .returning();
}

export async function listNotifications(db: Database, actor: Actor, limit = 50) {
  const rows = await db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, actor.userId))
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, actor.userId), isNull(schema.notifications.readAt)));
  return { notifications: rows.map(presentNotification), unread: unread?.n ?? 0 };
}

/** Marks some (or, without ids, all) of the person's own notifications read. */
export async function markNotificationsRead(db: Database, actor: Actor, ids?: string[]) {
  const mine = eq(schema.notifications.userId, actor.userId);
  await db
    .update(schema.notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        mine,
        isNull(schema.notifications.readAt),
        ids ? inArray(schema.notifications.id, ids) : undefined,
      ),
    );
}

/** Sends stored notifications to their people's open tabs. */
export function deliverNotifications(
  realtime: { notify(userId: string, n: PresentedNotification): void },
  rows: NotificationRow[],
) {
  for (const n of rows) realtime.notify(n.userId, presentNotification(n));
}
