import { type Database, schema } from '@colab/db';
import { type CohortAction, can, PERMISSIONS } from '@colab/shared';
import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { authorizeCohort } from '../cohorts/access.ts';

type ActivityRow = typeof schema.cohortActivity.$inferSelect;
export type Audience =
  | { kind: 'cohort'; permission?: CohortAction }
  | { kind: 'set'; id: string }
  | { kind: 'group'; id: string };

export interface ActivityInput {
  cohortId: string;
  audience: Audience;
  kind: string;
  actorId: string | null;
  title: string;
  link?: string | null;
  /** When it happened, if not now (the demo programme's past). */
  createdAt?: Date;
}

/**
 * What each kind of item says and who sees it, worded once for the routes that record them
 * as they happen and for the demo programme, which tells its past the same way.
 */
export const activityOf = {
  boardOpened(
    board: {
      id: string;
      cohortId: string;
      title: string;
      setId: string | null;
      groupId: string | null;
    },
    by: { name: string },
  ) {
    return {
      cohortId: board.cohortId,
      audience: board.setId
        ? { kind: 'set', id: board.setId }
        : board.groupId
          ? { kind: 'group', id: board.groupId }
          : { kind: 'cohort', permission: 'boards.view' },
      kind: 'board.opened',
      title: `${by.name} opened the board “${board.title}”`,
      link: `/cohorts/${board.cohortId}/boards/${board.id}`,
    } satisfies Omit<ActivityInput, 'actorId'>;
  },
  meetingScheduled(
    set: { id: string; cohortId: string; name: string },
    meeting: { id: string; title: string; rrule: string | null; startsAt: string },
  ) {
    return {
      cohortId: set.cohortId,
      audience: { kind: 'set', id: set.id },
      kind: 'meeting.scheduled',
      title: `${set.name}: ${meeting.rrule ? 'meetings scheduled' : 'a meeting scheduled'} (“${meeting.title}”)`,
      // A series' meeting page is one occurrence's: the link opens the first.
      link: `/cohorts/${set.cohortId}/sets/${set.id}/meetings/${meeting.id}?occurrence=${encodeURIComponent(meeting.startsAt)}`,
    } satisfies Omit<ActivityInput, 'actorId'>;
  },
  outputPublished(output: { cohortId: string; groupName: string; title: string }) {
    return {
      cohortId: output.cohortId,
      audience: { kind: 'cohort' },
      kind: 'output.published',
      title: `${output.groupName} published “${output.title}” in the showcase`,
      link: `/cohorts/${output.cohortId}/showcase`,
    } satisfies Omit<ActivityInput, 'actorId'>;
  },
  promptPublished(prompt: { cohortId: string; text: string }) {
    return {
      cohortId: prompt.cohortId,
      audience: { kind: 'cohort', permission: 'reflections.view' },
      kind: 'prompt.published',
      title: `New reflection prompt: ${prompt.text.slice(0, 120)}`,
      link: `/cohorts/${prompt.cohortId}`,
    } satisfies Omit<ActivityInput, 'actorId'>;
  },
};

/** Notes what happened, with who may see it. */
export async function recordActivity(
  db: Pick<Database, 'insert'>,
  input: ActivityInput,
): Promise<ActivityRow> {
  const { audience } = input;
  const [row] = await db
    .insert(schema.cohortActivity)
    .values({
      cohortId: input.cohortId,
      audience: audience.kind,
      audienceId: audience.kind === 'cohort' ? null : audience.id,
      permission:
        audience.kind === 'cohort' ? (audience.permission ?? 'cohort.view') : 'cohort.view',
      kind: input.kind,
      actorId: input.actorId,
      title: input.title,
      link: input.link ?? null,
      createdAt: input.createdAt,
    })
    .returning();
  return row!;
}

/**
 * The cohort's feed as this person may see it: cohort-wide items they have the permission for,
 * their own sets' items (not those of other sets, even for those who run the cohort: what is
 * said in a set stays in it), and the items of groups whose work they may read.
 */
export async function listActivity(
  db: Database,
  actor: Actor,
  cohortId: string,
  options: { before?: string | undefined; limit?: number } = {},
) {
  const access = await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const permissions = (Object.keys(PERMISSIONS) as CohortAction[]).filter((p) =>
    can(access.subject, p, { archived: false }),
  );
  const mySets = await db
    .select({ id: schema.setMembers.setId })
    .from(schema.setMembers)
    .innerJoin(schema.learningSets, eq(schema.learningSets.id, schema.setMembers.setId))
    .where(
      and(eq(schema.setMembers.userId, actor.userId), eq(schema.learningSets.cohortId, cohortId)),
    );
  const runs = can(access.subject, 'groups.manage', { archived: false });
  const myGroups = runs
    ? []
    : await db
        .select({ id: schema.groupMembers.groupId })
        .from(schema.groupMembers)
        .where(eq(schema.groupMembers.userId, actor.userId));
  const visible: SQL[] = [
    and(
      eq(schema.cohortActivity.audience, 'cohort'),
      inArray(schema.cohortActivity.permission, permissions),
    )!,
  ];
  if (mySets.length)
    visible.push(
      and(
        eq(schema.cohortActivity.audience, 'set'),
        inArray(
          schema.cohortActivity.audienceId,
          mySets.map((s) => s.id),
        ),
      )!,
    );
  if (runs) visible.push(eq(schema.cohortActivity.audience, 'group'));
  else if (myGroups.length)
    visible.push(
      and(
        eq(schema.cohortActivity.audience, 'group'),
        inArray(
          schema.cohortActivity.audienceId,
          myGroups.map((g) => g.id),
        ),
      )!,
    );
  const rows = await db
    .select({ activity: schema.cohortActivity, actorName: schema.users.name })
    .from(schema.cohortActivity)
    .leftJoin(schema.users, eq(schema.users.id, schema.cohortActivity.actorId))
    .where(
      and(
        eq(schema.cohortActivity.cohortId, cohortId),
        or(...visible),
        options.before ? lt(schema.cohortActivity.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(schema.cohortActivity.id))
    .limit(options.limit ?? 30);
  return {
    activity: rows.map(({ activity, actorName }) => ({
      id: activity.id,
      kind: activity.kind,
      title: activity.title,
      link: activity.link,
      actor: activity.actorId ? { userId: activity.actorId, displayName: actorName ?? '' } : null,
      createdAt: activity.createdAt.toISOString(),
    })),
  };
}

/** Who may see an activity, to tell their open tabs (the payload carries no content). */
export async function audienceOf(db: Database, row: ActivityRow): Promise<string[]> {
  if (row.audience === 'set') {
    const rows = await db
      .select({ userId: schema.setMembers.userId })
      .from(schema.setMembers)
      .where(eq(schema.setMembers.setId, row.audienceId!));
    return rows.map((r) => r.userId);
  }
  const members = await db
    .select({ userId: schema.cohortMembers.userId, role: schema.cohortMembers.role })
    .from(schema.cohortMembers)
    .where(eq(schema.cohortMembers.cohortId, row.cohortId));
  if (row.audience === 'cohort') {
    const permission = row.permission as CohortAction;
    return members
      .filter((m) => can({ isInstanceAdmin: false, role: m.role }, permission, { archived: false }))
      .map((m) => m.userId);
  }
  const inGroup = await db
    .select({ userId: schema.groupMembers.userId })
    .from(schema.groupMembers)
    .where(eq(schema.groupMembers.groupId, row.audienceId!));
  const runners = members
    .filter((m) =>
      can({ isInstanceAdmin: false, role: m.role }, 'groups.manage', { archived: false }),
    )
    .map((m) => m.userId);
  return [...new Set([...inGroup.map((g) => g.userId), ...runners])];
}

/** Records an activity and tells the open tabs of those who may see it. */
export async function shareActivity(
  db: Database,
  realtime: { activity(cohortId: string, userIds: string[]): void },
  input: ActivityInput,
) {
  const row = await recordActivity(db, input);
  realtime.activity(row.cohortId, await audienceOf(db, row));
  return row;
}
