import { type Database, schema } from '@colab/db';
import type { TUpdateProfileRequest } from '@colab/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Unauthenticated } from '../../errors.ts';

export async function getOwnProfile(db: Database, actor: Actor) {
  const [row] = await db
    .select({ user: schema.users, profile: schema.profiles })
    .from(schema.users)
    .leftJoin(schema.profiles, eq(schema.profiles.userId, schema.users.id))
    .where(eq(schema.users.id, actor.userId));
  // Another node may still hold the session of an account erased a moment ago.
  if (!row) throw new Unauthenticated();
  const { user, profile } = row;
  return {
    id: user.id,
    name: user.name,
    displayName: user.name,
    email: user.email,
    isInstanceAdmin: user.isInstanceAdmin,
    createdAt: user.createdAt.toISOString(),
    pronouns: profile?.pronouns ?? '',
    bio: profile?.bio ?? '',
    organisation: profile?.organisation ?? '',
    jobTitle: profile?.jobTitle ?? '',
    timezone: profile?.timezone ?? 'Europe/London',
    timezoneChosen: profile?.timezone != null,
  };
}

export async function updateOwnProfile(db: Database, actor: Actor, input: TUpdateProfileRequest) {
  const { displayName, ...fields } = input;
  await db.transaction(async (tx) => {
    if (displayName !== undefined) {
      await tx
        .update(schema.users)
        .set({ name: displayName, updatedAt: new Date() })
        .where(eq(schema.users.id, actor.userId));
    }
    if (Object.keys(fields).length > 0) {
      await tx
        .insert(schema.profiles)
        .values({ userId: actor.userId, ...fields })
        .onConflictDoUpdate({
          target: schema.profiles.userId,
          set: { ...fields, updatedAt: new Date() },
        });
    }
  });
  return getOwnProfile(db, actor);
}
