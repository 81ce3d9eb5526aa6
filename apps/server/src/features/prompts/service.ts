import { type Database, schema } from '@colab/db';
import { can } from '@colab/shared';
import { and, desc, eq, lte, ne } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { authorizeCohort } from '../cohorts/access.ts';
import { createNotifications } from '../notifications/service.ts';

type PromptRow = typeof schema.reflectionPrompts.$inferSelect;

export function presentPrompt(p: PromptRow, now: Date) {
  return {
    id: p.id,
    cohortId: p.cohortId,
    text: p.text,
    opensAt: p.opensAt.toISOString(),
    open: p.opensAt <= now,
  };
}

/** Publishes a prompt and notifies every other member (the notification says it is open). */
export async function publishPrompt(
  db: Database,
  actor: Actor,
  cohortId: string,
  input: { text: string; opensAt?: string | undefined },
) {
  await authorizeCohort(db, actor, cohortId, 'prompts.publish');
  return db.transaction(async (tx) => {
    const [prompt] = await tx
      .insert(schema.reflectionPrompts)
      .values({
        cohortId,
        text: input.text,
        opensAt: input.opensAt ? new Date(input.opensAt) : new Date(),
        createdBy: actor.userId,
      })
      .returning();
    const members = await tx
      .select({ userId: schema.cohortMembers.userId })
      .from(schema.cohortMembers)
      .where(
        and(
          eq(schema.cohortMembers.cohortId, cohortId),
          ne(schema.cohortMembers.userId, actor.userId),
        ),
      );
    const notified = await createNotifications(
      tx,
      members.map((m) => m.userId),
      {
        kind: 'prompt_published',
        title: `New reflection prompt: ${input.text.slice(0, 120)}`,
        link: `/cohorts/${cohortId}`,
        data: { promptId: prompt!.id, cohortId },
      },
    );
    return { prompt: prompt!, notified };
  });
}

/** Open prompts for members; facilitators and leads also see those not yet open. */
export async function listPrompts(db: Database, actor: Actor, cohortId: string, now = new Date()) {
  const access = await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const seesUpcoming = can(access.subject, 'prompts.publish', { archived: false });
  const rows = await db
    .select()
    .from(schema.reflectionPrompts)
    .where(
      and(
        eq(schema.reflectionPrompts.cohortId, cohortId),
        seesUpcoming ? undefined : lte(schema.reflectionPrompts.opensAt, now),
      ),
    )
    .orderBy(desc(schema.reflectionPrompts.opensAt));
  return rows.map((p) => presentPrompt(p, now));
}
