import { type Database, schema } from '@colab/db';
import { DEFAULT_DIGEST_HOUR, NOTIFICATION_KINDS } from '@colab/shared';
import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Mailer } from '../../mail/mailer.ts';
import { digestEmail } from './email.ts';
import { preferencesOf } from './preferences.ts';

/** Older than this, an unread notification is stale news and stays out of the digest. */
const DIGEST_WINDOW_MS = 48 * 60 * 60_000;

// The zone a profile shows when its person chose none.
const DEFAULT_TIMEZONE = 'Europe/London';

/**
 * Emails each person whose digest hour it now is (in their own time zone, Europe/London when
 * they chose none, as their profile shows) one list of their unread, not yet emailed notifications of the last 48 hours in the
 * categories they get as a digest. Safe to run often and on every node at once: a person's
 * day is claimed in the database before anything is sent, so each gets at most one digest a
 * day, and a notification is claimed before it is listed, so none goes out twice.
 */
export async function sendDigests(
  db: Database,
  mailer: Mailer,
  publicUrl: string,
  now = new Date(),
  logger?: Logger,
): Promise<{ sent: number }> {
  const since = new Date(now.getTime() - DIGEST_WINDOW_MS);
  const waiting = and(
    isNull(schema.notifications.readAt),
    isNull(schema.notifications.emailedAt),
    gt(schema.notifications.createdAt, since),
    lte(schema.notifications.createdAt, now),
  );
  const withNews = await db
    .selectDistinct({ userId: schema.notifications.userId })
    .from(schema.notifications)
    .where(waiting);
  if (withNews.length === 0) return { sent: 0 };
  const people = await db
    .select({
      id: schema.users.id,
      email: schema.users.email,
      timezone: schema.profiles.timezone,
      digestHour: schema.notificationSettings.digestHour,
      lastDigestOn: schema.notificationSettings.lastDigestOn,
    })
    .from(schema.users)
    .leftJoin(schema.profiles, eq(schema.profiles.userId, schema.users.id))
    .leftJoin(schema.notificationSettings, eq(schema.notificationSettings.userId, schema.users.id))
    .where(
      inArray(
        schema.users.id,
        withNews.map((p) => p.userId),
      ),
    );
  const preferenceOf = await preferencesOf(
    db,
    people.map((p) => p.id),
  );

  let sent = 0;
  for (const person of people) {
    let local = DateTime.fromJSDate(now, { zone: person.timezone ?? DEFAULT_TIMEZONE });
    if (!local.isValid) local = DateTime.fromJSDate(now, { zone: DEFAULT_TIMEZONE });
    if (local.hour !== (person.digestHour ?? DEFAULT_DIGEST_HOUR)) continue;
    const today = local.toISODate()!;
    if (person.lastDigestOn === today) continue;
    const kinds = NOTIFICATION_KINDS.filter(
      (k) => preferenceOf(person.id, k.category).email === 'digest',
    ).map((k) => k.kind);
    if (kinds.length === 0) continue;

    // Only the sweep whose write changes the date goes on; any other finds it already today's.
    const [day] = await db
      .insert(schema.notificationSettings)
      .values({ userId: person.id, lastDigestOn: today })
      .onConflictDoUpdate({
        target: schema.notificationSettings.userId,
        set: { lastDigestOn: today },
        setWhere: sql`${schema.notificationSettings.lastDigestOn} is distinct from ${today}`,
      })
      .returning();
    if (!day) continue;
    const giveBackDay = () =>
      db
        .update(schema.notificationSettings)
        .set({ lastDigestOn: person.lastDigestOn })
        .where(eq(schema.notificationSettings.userId, person.id));

    const items = await db
      .update(schema.notifications)
      .set({ emailedAt: now })
      .where(
        and(
          waiting,
          eq(schema.notifications.userId, person.id),
          inArray(schema.notifications.kind, kinds),
        ),
      )
      .returning();
    if (items.length === 0) {
      // Nothing of theirs goes in a digest today yet; a later sweep this hour may still send one.
      await giveBackDay();
      continue;
    }
    items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    try {
      await mailer.send(digestEmail(person.email, items, publicUrl));
      sent += 1;
    } catch (error) {
      logger?.warn({ err: error, userId: person.id }, 'digest email failed');
      // Both claims go back, so the next sweep within the hour tries again.
      await db
        .update(schema.notifications)
        .set({ emailedAt: null })
        .where(
          inArray(
            schema.notifications.id,
            items.map((n) => n.id),
          ),
        );
      await giveBackDay();
    }
  }
  return { sent };
}
