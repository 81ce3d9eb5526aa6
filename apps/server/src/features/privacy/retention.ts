import { type Database, schema } from '@colab/db';
import { boardDocName, groupPageDocName, type TCohortRetention } from '@colab/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Actor } from '../../auth/session.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeCohort } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import type { FeatureContext } from '../context.ts';
import { rowsOf } from './documents.ts';

/** A node that claimed a deletion and died: another may take it over after this long. */
const STALE_DELETION_CLAIM = '1 hour';

function presentRetention(cohort: typeof schema.cohorts.$inferSelect) {
  return {
    cohortId: cohort.id,
    endsOn: cohort.endsOn,
    archiveAfterMonths: cohort.archiveAfterMonths,
    deleteAfterMonths: cohort.deleteAfterMonths,
  };
}

/** Retention is the cohort's lead's (and the instance admin's) to set, archived or not. */
export async function getRetention(db: Database, actor: Actor, cohortId: string) {
  const { cohort } = await authorizeCohort(db, actor, cohortId, 'cohort.archive');
  return presentRetention(cohort);
}

export async function setRetention(
  db: Database,
  actor: Actor,
  cohortId: string,
  input: TCohortRetention,
) {
  await authorizeCohort(db, actor, cohortId, 'cohort.archive');
  try {
    return await db.transaction(async (tx) => {
      const [cohort] = await tx
        .update(schema.cohorts)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(schema.cohorts.id, cohortId))
        .returning();
      await recordAudit(tx, {
        cohortId,
        actorId: actor.userId,
        action: 'cohort.retention_changed',
        details: { ...input },
      });
      return presentRetention(cohort!);
    });
  } finally {
    cohortAccessChanged(db, cohortId);
  }
}

type RetentionContext = Pick<FeatureContext, 'db' | 'documents' | 'files' | 'realtime'> & {
  logger: Logger;
};

/**
 * Archives the cohorts `archiveAfterMonths` past their end and deletes those
 * `deleteAfterMonths` past it, with their boards, group pages and stored files. Safe on every
 * node at once: each cohort is claimed by an update only one node's statement wins.
 */
export async function applyRetention(ctx: RetentionContext, now = new Date()) {
  const { db, logger } = ctx;
  const today = now.toISOString().slice(0, 10);
  const archived = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`
      update ${schema.cohorts} set archived_at = ${now.toISOString()}::timestamptz
      where archived_at is null and archive_after_months is not null
        and (ends_on + make_interval(months => archive_after_months))::date <= ${today}::date
      returning id, name`),
  );
  for (const cohort of archived) {
    cohortAccessChanged(db, cohort.id);
    await recordAudit(db, {
      cohortId: cohort.id,
      actorId: null,
      action: 'cohort.retention_archived',
    });
    logger.info({ cohortId: cohort.id, cohort: cohort.name }, 'retention: cohort archived');
    ctx.realtime.cohortUpdated(cohort.id);
  }
  // Archived cohorts are read-only: open board connections are downgraded at once.
  if (archived.length) await ctx.documents.reauthorize({});

  // A cohort with an archive rule is deleted only once archived: a rule set between the two
  // statements would otherwise have it deleted in this sweep with no archive before it.
  const claimed = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`
      update ${schema.cohorts} set deletion_started_at = ${now.toISOString()}::timestamptz
      where delete_after_months is not null
        and (archive_after_months is null or archived_at is not null)
        and (ends_on + make_interval(months => delete_after_months))::date <= ${today}::date
        and (deletion_started_at is null
          or deletion_started_at < ${now.toISOString()}::timestamptz - interval '${sql.raw(STALE_DELETION_CLAIM)}')
      returning id, name`),
  );
  for (const cohort of claimed) {
    cohortAccessChanged(db, cohort.id);
    await deleteCohortEverything(ctx, cohort);
  }
  return { archived: archived.map((c) => c.id), deleted: claimed.map((c) => c.id) };
}

export interface RetentionSchedule {
  /** Until the first sweep after start. */
  firstAfterMs: number;
  /** Between sweeps after that. */
  everyMs: number;
}

/**
 * A minute after start, then hourly: a node restarted (a deploy restarts them all) acts on
 * what fell due without waiting an hour, and every node may sweep at once, since each cohort
 * is claimed by one conditional update. The timers never keep the process alive; `stop`
 * waits for a sweep under way, so the database is not closed beneath it.
 */
export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  firstAfterMs: 60_000,
  everyMs: 60 * 60_000,
};

export function scheduleRetention(
  ctx: RetentionContext,
  schedule: RetentionSchedule = DEFAULT_RETENTION_SCHEDULE,
) {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const sweep = () => {
    // One sweep at a time: a slow one is not joined by the next, and `stop` has one to await.
    if (stopped || running) return;
    running = applyRetention(ctx)
      .catch((error) => ctx.logger.warn({ err: error }, 'could not apply retention'))
      .finally(() => {
        running = undefined;
      });
  };
  let every: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    sweep();
    every = setInterval(sweep, schedule.everyMs);
    every.unref();
  }, schedule.firstAfterMs);
  first.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}

async function deleteCohortEverything(ctx: RetentionContext, cohort: { id: string; name: string }) {
  const { db, logger } = ctx;
  const boards = await db
    .select({ id: schema.boards.id })
    .from(schema.boards)
    .where(eq(schema.boards.cohortId, cohort.id));
  const groups = await db
    .select({ id: schema.projectGroups.id })
    .from(schema.projectGroups)
    .where(eq(schema.projectGroups.cohortId, cohort.id));
  const groupIds = groups.map((g) => g.id);
  const keys = groupIds.length
    ? [
        ...(
          await db
            .select({ key: schema.groupResources.storageKey })
            .from(schema.groupResources)
            .where(inArray(schema.groupResources.groupId, groupIds))
        ).map((r) => r.key),
        ...(
          await db
            .select({ key: schema.outputMedia.storageKey })
            .from(schema.outputMedia)
            .innerJoin(schema.groupOutputs, eq(schema.groupOutputs.id, schema.outputMedia.outputId))
            .where(inArray(schema.groupOutputs.groupId, groupIds))
        ).map((r) => r.key),
      ].filter((k): k is string => Boolean(k))
    : [];
  const members = await db
    .select({ userId: schema.cohortMembers.userId })
    .from(schema.cohortMembers)
    .where(eq(schema.cohortMembers.cohortId, cohort.id));

  // Documents first: a board whose row is gone but whose log remains would be unreachable data.
  for (const { id } of boards) await ctx.documents.remove(boardDocName(id));
  for (const id of groupIds) await ctx.documents.remove(groupPageDocName(id));
  for (const key of keys) await ctx.files.remove(key);
  await db.transaction(async (tx) => {
    await tx.delete(schema.cohorts).where(eq(schema.cohorts.id, cohort.id));
    await recordAudit(tx, {
      cohortId: null,
      actorId: null,
      action: 'cohort.retention_deleted',
      details: { cohortId: cohort.id, boards: boards.length, files: keys.length },
    });
  });
  cohortAccessChanged(db, cohort.id);
  for (const { userId } of members) ctx.realtime.memberLeft(cohort.id, userId);
  logger.info(
    { cohortId: cohort.id, boards: boards.length, groups: groupIds.length, files: keys.length },
    'retention: cohort deleted',
  );
}
