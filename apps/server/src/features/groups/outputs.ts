import { type Database, schema } from '@colab/db';
import { can } from '@colab/shared';
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import { hashSecretToken, newSecretToken } from '../../secret-token.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import { createNotifications } from '../notifications/service.ts';
import { type GroupRow, groupAccess } from './access.ts';
import { mediaOf, presentMedia } from './output-media.ts';

type OutputRow = typeof schema.groupOutputs.$inferSelect;
type FeedbackRow = typeof schema.outputFeedback.$inferSelect;
type MediaRow = typeof schema.outputMedia.$inferSelect;
type OutputInput = {
  title?: string | undefined;
  summary?: string | undefined;
  theme?: string | undefined;
  keyFindings?: string[] | undefined;
  filmUrl?: string | null | undefined;
};

/**
 * A group's showcase output: draft → submitted → published, or sent back to draft with a
 * comment. The group writes it; facilitators and leads publish it; once published the
 * cohort's members and sponsors see it, and may leave feedback the group answers.
 */
function present(
  output: OutputRow,
  group: GroupRow,
  feedback: FeedbackRow[],
  names: Map<string, string>,
  media: MediaRow[],
) {
  return {
    id: output.id,
    groupId: output.groupId,
    groupName: group.name,
    cohortId: group.cohortId,
    title: output.title,
    summary: output.summary,
    theme: output.theme,
    keyFindings: output.keyFindings,
    filmUrl: output.filmUrl,
    media: presentMedia(
      media.filter((m) => m.outputId === output.id),
      (kind) => `/api/outputs/${output.id}/media/${kind}`,
    ),
    status: output.status,
    returnComment: output.returnComment,
    position: output.position,
    publicLink: output.publicTokenHash !== null,
    submittedAt: output.submittedAt?.toISOString() ?? null,
    publishedAt: output.publishedAt?.toISOString() ?? null,
    updatedAt: output.updatedAt.toISOString(),
    feedback: feedback
      .filter((f) => f.outputId === output.id)
      .map((f) => ({
        id: f.id,
        author: f.authorId
          ? { userId: f.authorId, displayName: names.get(f.authorId) ?? '' }
          : null,
        body: f.body,
        answer: f.answer,
        answeredBy: f.answeredBy
          ? { userId: f.answeredBy, displayName: names.get(f.answeredBy) ?? '' }
          : null,
        createdAt: f.createdAt.toISOString(),
      })),
  };
}

async function presentAll(db: Database, rows: { output: OutputRow; group: GroupRow }[]) {
  const ids = rows.map((r) => r.output.id);
  const feedback = ids.length
    ? await db
        .select()
        .from(schema.outputFeedback)
        .where(inArray(schema.outputFeedback.outputId, ids))
        .orderBy(asc(schema.outputFeedback.createdAt))
    : [];
  const people = [
    ...new Set(
      feedback.flatMap((f) => [f.authorId, f.answeredBy]).filter((id): id is string => !!id),
    ),
  ];
  const names = new Map(
    (people.length
      ? await db
          .select({ id: schema.users.id, name: schema.users.name })
          .from(schema.users)
          .where(inArray(schema.users.id, people))
      : []
    ).map((u) => [u.id, u.name]),
  );
  const media = await mediaOf(db, ids);
  return rows.map((r) => present(r.output, r.group, feedback, names, media));
}

async function loadOutput(db: Database, outputId: string) {
  if (!isUuid(outputId)) throw new NotFound('No such output.');
  const [row] = await db
    .select({ output: schema.groupOutputs, group: schema.projectGroups })
    .from(schema.groupOutputs)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
    .where(eq(schema.groupOutputs.id, outputId));
  if (!row) throw new NotFound('No such output.');
  return row;
}

/** Who may see an output: the group's readers always; once published, the whole cohort. */
export async function outputAccess(
  db: Database,
  actor: Actor,
  outputId: string,
  need: 'read' | 'write' | 'manage',
) {
  const row = await loadOutput(db, outputId);
  if (need === 'read' && row.output.status === 'published') {
    const access = await authorizeCohort(db, actor, row.group.cohortId, 'cohort.view').catch(() => {
      throw new NotFound('No such output.');
    });
    const role = await groupAccess(db, actor, row.group.id, 'view').then(
      (g) => g.role,
      () => null,
    );
    return { ...row, role, access };
  }
  const access = await groupAccess(db, actor, row.group.id, need).catch((error) => {
    if (error instanceof NotFound) throw new NotFound('No such output.');
    // A draft is the group's own business: others in the cohort learn nothing of it.
    if (error instanceof Forbidden && need === 'read') throw new NotFound('No such output.');
    throw error;
  });
  return { ...row, role: access.role, access: access.access };
}

export async function createOutput(
  db: Database,
  actor: Actor,
  groupId: string,
  input: Required<OutputInput> & { title: string },
) {
  const { group } = await groupAccess(db, actor, groupId, 'write');
  const [output] = await db
    .insert(schema.groupOutputs)
    .values({ ...input, groupId: group.id, createdBy: actor.userId })
    .returning();
  return (await presentAll(db, [{ output: output!, group }]))[0]!;
}

export async function listGroupOutputs(db: Database, actor: Actor, groupId: string) {
  const { group } = await groupAccess(db, actor, groupId, 'read');
  const outputs = await db
    .select()
    .from(schema.groupOutputs)
    .where(eq(schema.groupOutputs.groupId, group.id))
    .orderBy(desc(schema.groupOutputs.createdAt));
  return presentAll(
    db,
    outputs.map((output) => ({ output, group })),
  );
}

export async function getOutput(db: Database, actor: Actor, outputId: string) {
  const { output, group } = await outputAccess(db, actor, outputId, 'read');
  return (await presentAll(db, [{ output, group }]))[0]!;
}

export async function updateOutput(
  db: Database,
  actor: Actor,
  outputId: string,
  input: OutputInput,
) {
  const { output, group } = await outputAccess(db, actor, outputId, 'write');
  if (output.status !== 'draft')
    throw new Conflict(
      output.status === 'submitted'
        ? 'It is with the facilitators now; it can be changed if they send it back.'
        : 'It is published; it can no longer be changed.',
      'output_not_draft',
    );
  const [updated] = await db
    .update(schema.groupOutputs)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(schema.groupOutputs.id, output.id))
    .returning();
  return (await presentAll(db, [{ output: updated!, group }]))[0]!;
}

async function runnersOf(db: Database, cohortId: string) {
  const rows = await db
    .select({ userId: schema.cohortMembers.userId })
    .from(schema.cohortMembers)
    .where(
      and(
        eq(schema.cohortMembers.cohortId, cohortId),
        inArray(schema.cohortMembers.role, ['facilitator', 'programme_lead']),
      ),
    );
  return rows.map((r) => r.userId);
}

async function peopleOfGroup(db: Database, groupId: string, role?: 'member' | 'sponsor') {
  const rows = await db
    .select({ userId: schema.groupMembers.userId })
    .from(schema.groupMembers)
    .where(
      and(
        eq(schema.groupMembers.groupId, groupId),
        role ? eq(schema.groupMembers.role, role) : undefined,
      ),
    );
  return rows.map((r) => r.userId);
}

/** Moves an output on, only from the state it must be in (so two clicks cannot both win). */
async function transition(
  db: Database,
  output: OutputRow,
  from: OutputRow['status'],
  changes: Partial<OutputRow>,
) {
  const [updated] = await db
    .update(schema.groupOutputs)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(schema.groupOutputs.id, output.id), eq(schema.groupOutputs.status, from)))
    .returning();
  if (!updated)
    throw new Conflict(
      from === 'draft'
        ? 'Only a draft can be submitted.'
        : 'Only a submitted output can be published or sent back.',
      'output_wrong_state',
    );
  return updated;
}

const link = (cohortId: string, groupId: string) => `/cohorts/${cohortId}/groups/${groupId}`;

export async function submitOutput(db: Database, actor: Actor, outputId: string) {
  const { output, group } = await outputAccess(db, actor, outputId, 'write');
  const updated = await transition(db, output, 'draft', {
    status: 'submitted',
    submittedAt: new Date(),
  });
  const notified = await createNotifications(db, await runnersOf(db, group.cohortId), {
    kind: 'output.submitted',
    title: `${group.name} submitted “${updated.title}” for the showcase`,
    link: link(group.cohortId, group.id),
    data: { outputId: output.id },
  });
  return { output: (await presentAll(db, [{ output: updated, group }]))[0]!, notified };
}

export async function publishOutput(db: Database, actor: Actor, outputId: string) {
  const { output, group } = await outputAccess(db, actor, outputId, 'manage');
  const [last] = await db
    .select({ position: schema.groupOutputs.position })
    .from(schema.groupOutputs)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
    .where(
      and(
        eq(schema.projectGroups.cohortId, group.cohortId),
        isNotNull(schema.groupOutputs.position),
      ),
    )
    .orderBy(desc(schema.groupOutputs.position))
    .limit(1);
  const updated = await transition(db, output, 'submitted', {
    status: 'published',
    publishedAt: new Date(),
    returnComment: null,
    position: (last?.position ?? 0) + 1,
  });
  const notified = await createNotifications(
    db,
    (await peopleOfGroup(db, group.id)).filter((id) => id !== actor.userId),
    {
      kind: 'output.published',
      title: `“${updated.title}” is published in the showcase`,
      link: link(group.cohortId, group.id),
      data: { outputId: output.id },
    },
  );
  return { output: (await presentAll(db, [{ output: updated, group }]))[0]!, notified };
}

export async function returnOutput(db: Database, actor: Actor, outputId: string, comment: string) {
  const { output, group } = await outputAccess(db, actor, outputId, 'manage');
  const updated = await transition(db, output, 'submitted', {
    status: 'draft',
    returnComment: comment,
  });
  const notified = await createNotifications(db, await peopleOfGroup(db, group.id, 'member'), {
    kind: 'output.returned',
    title: `“${updated.title}” was sent back: ${comment.slice(0, 140)}`,
    link: link(group.cohortId, group.id),
    data: { outputId: output.id },
  });
  return { output: (await presentAll(db, [{ output: updated, group }]))[0]!, notified };
}

/** The cohort's published outputs, in their running order, for members and sponsors alike. */
export async function showcase(db: Database, actor: Actor, cohortId: string, theme?: string) {
  await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const rows = await db
    .select({ output: schema.groupOutputs, group: schema.projectGroups })
    .from(schema.groupOutputs)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
    .where(
      and(
        eq(schema.projectGroups.cohortId, cohortId),
        eq(schema.groupOutputs.status, 'published'),
        theme ? eq(schema.groupOutputs.theme, theme) : undefined,
      ),
    )
    .orderBy(asc(schema.groupOutputs.position), asc(schema.groupOutputs.publishedAt));
  const themes = await db
    .selectDistinct({ theme: schema.groupOutputs.theme })
    .from(schema.groupOutputs)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
    .where(
      and(eq(schema.projectGroups.cohortId, cohortId), eq(schema.groupOutputs.status, 'published')),
    );
  return {
    outputs: await presentAll(db, rows),
    themes: themes
      .map((t) => t.theme)
      .filter(Boolean)
      .sort(),
  };
}

/**
 * Sets the celebration's running order. The list must name every published output of the
 * cohort exactly once, so an order made from a stale page cannot drop one silently.
 */
export async function setShowcaseOrder(
  db: Database,
  actor: Actor,
  cohortId: string,
  outputIds: string[],
) {
  await authorizeCohort(db, actor, cohortId, 'groups.manage');
  await db.transaction(async (tx) => {
    const published = await tx
      .select({ id: schema.groupOutputs.id })
      .from(schema.groupOutputs)
      .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
      .where(
        and(
          eq(schema.projectGroups.cohortId, cohortId),
          eq(schema.groupOutputs.status, 'published'),
        ),
      )
      .for('update');
    const known = new Set(published.map((p) => p.id));
    if (
      new Set(outputIds).size !== outputIds.length ||
      outputIds.length !== known.size ||
      outputIds.some((id) => !known.has(id))
    )
      throw new ValidationFailed([
        {
          path: 'outputIds',
          message: 'List every published output of the cohort once; reload to see the current ones',
        },
      ]);
    for (const [index, id] of outputIds.entries()) {
      await tx
        .update(schema.groupOutputs)
        .set({ position: index + 1 })
        .where(eq(schema.groupOutputs.id, id));
    }
  });
  return showcase(db, actor, cohortId);
}

/** Feedback on a published output, from anyone in the cohort outside the group. */
export async function leaveFeedback(db: Database, actor: Actor, outputId: string, body: string) {
  const { output, group, role } = await outputAccess(db, actor, outputId, 'read');
  if (output.status !== 'published')
    throw new Conflict('Feedback opens once the output is published.', 'output_not_published');
  if (role === 'member') throw new Forbidden('The group answers feedback rather than leaving it.');
  const [feedback] = await db
    .insert(schema.outputFeedback)
    .values({ outputId: output.id, authorId: actor.userId, body })
    .returning();
  const notified = await createNotifications(db, await peopleOfGroup(db, group.id, 'member'), {
    kind: 'output.feedback',
    title: `${actor.name} left feedback on “${output.title}”`,
    link: link(group.cohortId, group.id),
    data: { outputId: output.id, feedbackId: feedback!.id },
  });
  return { feedback: feedback!, notified };
}

export async function answerFeedback(
  db: Database,
  actor: Actor,
  feedbackId: string,
  answer: string,
) {
  if (!isUuid(feedbackId)) throw new NotFound('No such feedback.');
  const [feedback] = await db
    .select()
    .from(schema.outputFeedback)
    .where(eq(schema.outputFeedback.id, feedbackId));
  if (!feedback) throw new NotFound('No such feedback.');
  const { output, group } = await outputAccess(db, actor, feedback.outputId, 'write');
  await db
    .update(schema.outputFeedback)
    .set({ answer, answeredBy: actor.userId, answeredAt: new Date() })
    .where(eq(schema.outputFeedback.id, feedback.id));
  return (await presentAll(db, [{ output, group }]))[0]!;
}

/** Turns the public link on (a fresh token, revoking any before) or off. */
export async function setPublicLink(
  db: Database,
  actor: Actor,
  outputId: string,
  on: boolean,
  publicUrl: string,
) {
  const { output, group, access } = await outputAccess(db, actor, outputId, 'read');
  const runs = can(access.subject, 'groups.manage', { archived: access.archived });
  if (!runs) await groupAccess(db, actor, group.id, 'write');
  if (on && output.status !== 'published')
    throw new Conflict('Only a published output can have a public link.', 'output_not_published');
  const fresh = on ? newSecretToken(24) : null;
  await db
    .update(schema.groupOutputs)
    .set({ publicTokenHash: fresh?.tokenHash ?? null })
    .where(eq(schema.groupOutputs.id, output.id));
  const token = fresh?.token;
  return { url: token ? `${publicUrl.replace(/\/$/, '')}/showcase/${token}` : null };
}

/** The output behind a public link, while the link is on and the output published. */
export async function loadPublicOutput(db: Database, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFound('No such output.');
  const [row] = await db
    .select({ output: schema.groupOutputs, group: schema.projectGroups })
    .from(schema.groupOutputs)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
    .where(
      and(
        eq(schema.groupOutputs.publicTokenHash, hashSecretToken(token)),
        eq(schema.groupOutputs.status, 'published'),
      ),
    );
  if (!row) throw new NotFound('No such output.');
  return row;
}

/** A published output by its public link: what anyone on the internet may see of it. */
export async function publicOutput(db: Database, token: string) {
  const { output, group } = await loadPublicOutput(db, token);
  return {
    title: output.title,
    groupName: group.name,
    summary: output.summary,
    theme: output.theme,
    keyFindings: output.keyFindings,
    filmUrl: output.filmUrl,
    media: presentMedia(
      await mediaOf(db, [output.id]),
      (kind) => `/api/public/outputs/${token}/media/${kind}`,
    ),
    publishedAt: output.publishedAt?.toISOString() ?? null,
  };
}
