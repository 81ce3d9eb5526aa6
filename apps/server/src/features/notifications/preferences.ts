import { type Database, schema } from '@colab/db';
import {
  DEFAULT_DIGEST_HOUR,
  defaultNotificationPreference,
  NOTIFICATION_CATEGORIES,
  type TNotificationCategory,
  type TNotificationPreference,
  type TNotificationPreferencesUpdate,
} from '@colab/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';

export type PreferenceOf = (
  userId: string,
  category: TNotificationCategory,
) => TNotificationPreference;

/** The choices of several people at once (one query), with the defaults where they made none. */
export async function preferencesOf(
  db: Pick<Database, 'select'>,
  userIds: string[],
  category?: TNotificationCategory,
): Promise<PreferenceOf> {
  const chosen = new Map<string, TNotificationPreference>();
  if (userIds.length > 0) {
    const rows = await db
      .select()
      .from(schema.notificationPreferences)
      .where(
        and(
          inArray(schema.notificationPreferences.userId, userIds),
          category ? eq(schema.notificationPreferences.category, category) : undefined,
        ),
      );
    for (const r of rows)
      chosen.set(`${r.userId}:${r.category}`, { inApp: r.inApp, email: r.email });
  }
  return (userId, c) => chosen.get(`${userId}:${c}`) ?? defaultNotificationPreference(c);
}

export async function getPreferences(db: Database, actor: Actor) {
  const preferenceOf = await preferencesOf(db, [actor.userId]);
  const [settings] = await db
    .select({ digestHour: schema.notificationSettings.digestHour })
    .from(schema.notificationSettings)
    .where(eq(schema.notificationSettings.userId, actor.userId));
  return {
    preferences: NOTIFICATION_CATEGORIES.map(({ category, label }) => ({
      category,
      label,
      ...preferenceOf(actor.userId, category),
    })),
    digestHour: settings?.digestHour ?? DEFAULT_DIGEST_HOUR,
  };
}

/** Changes only what the input names; a category never chosen before starts from its defaults. */
export async function updatePreferences(
  db: Database,
  actor: Actor,
  { preferences, digestHour }: TNotificationPreferencesUpdate,
) {
  await db.transaction(async (tx) => {
    for (const p of preferences) {
      const start = defaultNotificationPreference(p.category);
      await tx
        .insert(schema.notificationPreferences)
        .values({
          userId: actor.userId,
          category: p.category,
          inApp: p.inApp ?? start.inApp,
          email: p.email ?? start.email,
        })
        .onConflictDoUpdate({
          target: [schema.notificationPreferences.userId, schema.notificationPreferences.category],
          set: {
            ...(p.inApp === undefined ? {} : { inApp: p.inApp }),
            ...(p.email === undefined ? {} : { email: p.email }),
            updatedAt: sql`now()`,
          },
        });
    }
    if (digestHour !== undefined) {
      await tx
        .insert(schema.notificationSettings)
        .values({ userId: actor.userId, digestHour })
        .onConflictDoUpdate({
          target: schema.notificationSettings.userId,
          set: { digestHour, updatedAt: sql`now()` },
        });
    }
  });
  return getPreferences(db, actor);
}
