import { type Database, schema } from '@colab/db';
import { notificationCategoryOf, type TNotificationKind } from '@colab/shared';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Actor } from '../../auth/session.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { RealtimeNotifier } from '../context.ts';
import { notificationEmail } from './email.ts';
import { preferencesOf } from './preferences.ts';

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

/**
 * Stores one notification per person, as each chose for its category: nothing for those who
 * want it neither in the app nor by email; a row kept only for email for those who turned it
 * off in the app. The caller hands the rows to `deliverNotifications` once any transaction
 * has committed.
 */
export async function createNotifications(
  db: Pick<Database, 'insert' | 'select'>,
  userIds: string[],
  notification: {
    kind: TNotificationKind;
    title: string;
    link?: string;
    data?: Record<string, unknown>;
  },
): Promise<NotificationRow[]> {
  const category = notificationCategoryOf(notification.kind)!;
  const people = [...new Set(userIds)];
  const preferenceOf = await preferencesOf(db, people, category);
  const told = people
    .map((userId) => ({ userId, ...preferenceOf(userId, category) }))
    .filter((p) => p.inApp || p.email !== 'off');
  if (told.length === 0) return [];
  return db
    .insert(schema.notifications)
    .values(
      told.map((p) => ({
        userId: p.userId,
        kind: notification.kind,
        title: notification.title,
        link: notification.link ?? null,
        data: notification.data ?? {},
        inApp: p.inApp,
      })),
    )
    .returning();
}

export async function listNotifications(db: Database, actor: Actor, limit = 50) {
  const rows = await db
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, actor.userId), eq(schema.notifications.inApp, true)))
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(schema.notifications)
    .where(
      and(
        eq(schema.notifications.userId, actor.userId),
        eq(schema.notifications.inApp, true),
        isNull(schema.notifications.readAt),
      ),
    );
  return { notifications: rows.map(presentNotification), unread: unread?.n ?? 0 };
}

/** Marks some (or, without ids, all) of the person's own notifications read. */
export async function markNotificationsRead(db: Database, actor: Actor, ids?: string[]) {
  const mine = and(
    eq(schema.notifications.userId, actor.userId),
    eq(schema.notifications.inApp, true),
  );
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

/** What delivering needs; a feature's context has all of it. */
export interface NotificationDelivery {
  db: Database;
  realtime: Pick<RealtimeNotifier, 'notify'>;
  /** Absent without SMTP_URL: then nothing is emailed. */
  mailer?: Mailer | undefined;
  publicUrl: string;
  logger: Logger;
}

/**
 * Sends stored notifications to their people's open tabs, then emails those who want them at
 * once. Call it after any transaction that stored them has committed. It never throws: a
 * notification that could not be emailed is logged and stays in the app.
 */
export async function deliverNotifications(
  delivery: NotificationDelivery,
  rows: NotificationRow[],
): Promise<void> {
  for (const n of rows) if (n.inApp) delivery.realtime.notify(n.userId, presentNotification(n));
  if (!delivery.mailer || rows.length === 0) return;
  try {
    await emailAtOnce(delivery, delivery.mailer, rows);
  } catch (error) {
    delivery.logger.warn({ err: error }, 'could not email notifications');
  }
}

async function emailAtOnce(
  { db, publicUrl, logger }: NotificationDelivery,
  mailer: Mailer,
  rows: NotificationRow[],
) {
  const preferenceOf = await preferencesOf(db, [...new Set(rows.map((n) => n.userId))]);
  const wanted = rows.filter((n) => {
    const category = notificationCategoryOf(n.kind);
    return category !== undefined && preferenceOf(n.userId, category).email === 'immediate';
  });
  if (wanted.length === 0) return;
  // Claimed before sending, so a retried or repeated delivery never emails one twice.
  const claimed = await db
    .update(schema.notifications)
    .set({ emailedAt: new Date() })
    .where(
      and(
        inArray(
          schema.notifications.id,
          wanted.map((n) => n.id),
        ),
        isNull(schema.notifications.emailedAt),
      ),
    )
    .returning();
  if (claimed.length === 0) return;
  const people = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.id, [...new Set(claimed.map((n) => n.userId))]));
  const emailOf = new Map(people.map((p) => [p.id, p.email]));
  for (const n of claimed) {
    const to = emailOf.get(n.userId);
    try {
      if (!to) throw new Error('no such person');
      await mailer.send(notificationEmail(to, n, publicUrl));
    } catch (error) {
      logger.warn({ err: error, notificationId: n.id }, 'notification email failed');
      // emailed_at says it went; it did not.
      await db
        .update(schema.notifications)
        .set({ emailedAt: null })
        .where(eq(schema.notifications.id, n.id));
    }
  }
}
