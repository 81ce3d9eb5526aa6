import { type Database, schema } from '@colab/db';
import type { FollowUpOutcome } from '@colab/shared';
import { and, asc, count, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import { createNotifications } from '../notifications/service.ts';
import { setMembersWithNames } from '../sets/service.ts';
import { meetingAccess, setAccess } from './access.ts';
import {
  ensureOccurrence,
  expand,
  findOccurrence,
  occurrenceRowsOf,
  presentOccurrence,
} from './occurrences.ts';

/**
 * The meeting runner: check-in, who presents (those who have presented least first), a timer
 * per presenter, their challenge, the set's questions, and actions with owners and due dates
 * that come up for follow-up at the next meeting. Only the set sees any of it.
 */
type ActionRow = typeof schema.setActions.$inferSelect;
type FollowUpRow = typeof schema.actionFollowUps.$inferSelect;

function presentAction(a: ActionRow, names: Map<string, string>, followUp?: FollowUpRow) {
  return {
    id: a.id,
    setId: a.setId,
    presentationId: a.presentationId,
    ownerId: a.ownerId,
    ownerName: names.get(a.ownerId) ?? 'Former member',
    text: a.text,
    dueDate: a.dueDate,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    followUp: followUp
      ? {
          outcome: followUp.outcome,
          note: followUp.note,
          recordedAt: followUp.recordedAt.toISOString(),
        }
      : null,
  };
}

/** How many times each person has presented in the set (before the given instant, if any). */
async function presentedCounts(db: Database, setId: string) {
  const rows = await db
    .select({ presenterId: schema.meetingPresentations.presenterId, n: count() })
    .from(schema.meetingPresentations)
    .innerJoin(
      schema.meetingOccurrences,
      eq(schema.meetingOccurrences.id, schema.meetingPresentations.occurrenceId),
    )
    .innerJoin(schema.meetings, eq(schema.meetings.id, schema.meetingOccurrences.meetingId))
    .where(eq(schema.meetings.setId, setId))
    .groupBy(schema.meetingPresentations.presenterId);
  return new Map(rows.map((r) => [r.presenterId, Number(r.n)]));
}

export async function getRunner(
  db: Database,
  actor: Actor,
  meetingId: string,
  occurrence: string | undefined,
) {
  const { meeting, set, role } = await meetingAccess(db, actor, meetingId, 'member');
  const { row, originalStart } = await findOccurrence(db, meeting, occurrence);
  const members = await setMembersWithNames(db, set.id);
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const counts = await presentedCounts(db, set.id);
  const here = presentOccurrence(meeting, originalStart, row ?? undefined);

  const checkins = row
    ? await db
        .select()
        .from(schema.meetingCheckins)
        .where(eq(schema.meetingCheckins.occurrenceId, row.id))
        .orderBy(asc(schema.meetingCheckins.checkedInAt))
    : [];
  const presentations = row
    ? await db
        .select()
        .from(schema.meetingPresentations)
        .where(eq(schema.meetingPresentations.occurrenceId, row.id))
        .orderBy(asc(schema.meetingPresentations.position))
    : [];
  const actionsHere = row
    ? await db
        .select()
        .from(schema.setActions)
        .where(eq(schema.setActions.occurrenceId, row.id))
        .orderBy(asc(schema.setActions.createdAt))
    : [];
  // Actions from earlier meetings still open, or followed up at this one.
  const earlier = await db
    .select({ action: schema.setActions, at: schema.meetingOccurrences })
    .from(schema.setActions)
    .innerJoin(
      schema.meetingOccurrences,
      eq(schema.meetingOccurrences.id, schema.setActions.occurrenceId),
    )
    .where(eq(schema.setActions.setId, set.id))
    .orderBy(asc(schema.setActions.createdAt));
  const followUpsHere = row
    ? await db
        .select()
        .from(schema.actionFollowUps)
        .where(eq(schema.actionFollowUps.occurrenceId, row.id))
    : [];
  const followUpOf = new Map(followUpsHere.map((f) => [f.actionId, f]));
  const startsAt = Date.parse(here.startsAt);
  const toFollowUp = earlier.filter(({ action, at }) => {
    if (row && action.occurrenceId === row.id) return false;
    const madeAt = (at.startsAt ?? at.originalStart).getTime();
    return madeAt < startsAt && (action.status === 'open' || followUpOf.has(action.id));
  });

  // Those who have presented least go first; ties by name, so everyone sees the same order.
  const suggested = members
    .filter((m) => m.role === 'member')
    .map((m) => ({
      userId: m.userId,
      displayName: m.displayName,
      presented: counts.get(m.userId) ?? 0,
    }))
    .sort((a, b) => a.presented - b.presented);

  return {
    meeting: here,
    setName: set.name,
    cohortId: set.cohortId,
    canFacilitate: role === 'facilitator',
    members: members.map((m) => ({ ...m, presented: counts.get(m.userId) ?? 0 })),
    checkins: checkins.map((c) => ({
      userId: c.userId,
      displayName: names.get(c.userId) ?? 'Former member',
      note: c.note,
      checkedInAt: c.checkedInAt.toISOString(),
    })),
    suggestedRota: suggested,
    presentations: presentations.map((p) => ({
      id: p.id,
      presenterId: p.presenterId,
      displayName: names.get(p.presenterId) ?? 'Former member',
      position: p.position,
      challenge: p.challenge,
      questions: p.questions,
      timer: {
        startedAt: p.timerStartedAt?.toISOString() ?? null,
        stoppedAt: p.timerStoppedAt?.toISOString() ?? null,
      },
    })),
    actions: actionsHere.map((a) => presentAction(a, names)),
    followUps: toFollowUp.map(({ action }) =>
      presentAction(action, names, followUpOf.get(action.id)),
    ),
  };
}

/**
 * Check-in is how someone arrives at a meeting, so it closes when the meeting ends or is
 * called off: what was recorded stays, and nobody can arrive at it afterwards. `at` is when
 * the check-in happens (the demo records its past meetings as they were).
 */
export async function checkIn(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: { occurrence?: string | undefined; note?: string | null | undefined },
  at: Date = new Date(),
) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'member', true);
  const { row: found, originalStart } = await findOccurrence(db, meeting, input.occurrence);
  const here = presentOccurrence(meeting, originalStart, found ?? undefined);
  if (here.cancelled)
    throw new Conflict('This meeting was cancelled, so there is no check-in.', 'meeting_cancelled');
  if (Date.parse(here.endsAt) < at.getTime())
    throw new Conflict('Check-in closed when the meeting ended.', 'check_in_closed');
  const row = found ?? (await ensureOccurrence(db, meeting, originalStart.toISOString()));
  await db
    .insert(schema.meetingCheckins)
    .values({
      occurrenceId: row.id,
      userId: actor.userId,
      note: input.note ?? null,
      checkedInAt: at,
    })
    .onConflictDoUpdate({
      target: [schema.meetingCheckins.occurrenceId, schema.meetingCheckins.userId],
      set: { note: input.note ?? null },
    });
  return { set, occurrence: row.originalStart.toISOString() };
}

/** The facilitator says who presents this time, in order (swapping is saying it again). */
export async function setRota(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: { occurrence?: string | undefined; presenterIds: string[] },
) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'facilitator', true);
  const members = await setMembersWithNames(db, set.id);
  const ids = new Set(members.map((m) => m.userId));
  const unique = [...new Set(input.presenterIds)];
  const stray = unique.findIndex((id) => !ids.has(id));
  if (stray >= 0)
    throw new ValidationFailed([
      { path: `presenterIds.${stray}`, message: 'Only members of the set can present' },
    ]);
  const row = await ensureOccurrence(db, meeting, input.occurrence);
  await db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(schema.meetingPresentations)
      .where(eq(schema.meetingPresentations.occurrenceId, row.id));
    const dropped = existing.filter((p) => !unique.includes(p.presenterId));
    if (dropped.length)
      await tx.delete(schema.meetingPresentations).where(
        inArray(
          schema.meetingPresentations.id,
          dropped.map((p) => p.id),
        ),
      );
    for (const [position, presenterId] of unique.entries()) {
      await tx
        .insert(schema.meetingPresentations)
        .values({ occurrenceId: row.id, presenterId, position })
        .onConflictDoUpdate({
          target: [
            schema.meetingPresentations.occurrenceId,
            schema.meetingPresentations.presenterId,
          ],
          set: { position },
        });
    }
  });
  return { set, occurrence: row.originalStart.toISOString() };
}

async function presentationAccess(db: Database, actor: Actor, presentationId: string) {
  if (!isUuid(presentationId)) throw new NotFound('No such presentation.');
  const [found] = await db
    .select({ p: schema.meetingPresentations, o: schema.meetingOccurrences })
    .from(schema.meetingPresentations)
    .innerJoin(
      schema.meetingOccurrences,
      eq(schema.meetingOccurrences.id, schema.meetingPresentations.occurrenceId),
    )
    .where(eq(schema.meetingPresentations.id, presentationId));
  if (!found) throw new NotFound('No such presentation.');
  try {
    const access = await meetingAccess(db, actor, found.o.meetingId, 'member', true);
    return { ...found, ...access };
  } catch (error) {
    if (error instanceof NotFound) throw new NotFound('No such presentation.');
    throw error;
  }
}

export async function updatePresentation(
  db: Database,
  actor: Actor,
  presentationId: string,
  input: {
    challenge?: string | null | undefined;
    questions?: string | null | undefined;
    timer?: 'start' | 'stop' | undefined;
  },
) {
  const { p, o, set, meeting } = await presentationAccess(db, actor, presentationId);
  const now = new Date();
  await db
    .update(schema.meetingPresentations)
    .set({
      ...(input.challenge !== undefined && { challenge: input.challenge }),
      ...(input.questions !== undefined && { questions: input.questions }),
      ...(input.timer === 'start' && { timerStartedAt: now, timerStoppedAt: null }),
      ...(input.timer === 'stop' && { timerStoppedAt: now }),
    })
    .where(eq(schema.meetingPresentations.id, p.id));
  return { set, meetingId: meeting.id, occurrence: o.originalStart.toISOString() };
}

export async function createAction(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: {
    occurrence?: string | undefined;
    presentationId?: string | null | undefined;
    ownerId: string;
    text: string;
    dueDate: string | null;
  },
) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'member', true);
  const members = await setMembersWithNames(db, set.id);
  if (!members.some((m) => m.userId === input.ownerId))
    throw new ValidationFailed([{ path: 'ownerId', message: 'The owner must be in the set' }]);
  const row = await ensureOccurrence(db, meeting, input.occurrence);
  if (input.presentationId) {
    const [p] = await db
      .select()
      .from(schema.meetingPresentations)
      .where(
        and(
          eq(schema.meetingPresentations.id, input.presentationId),
          eq(schema.meetingPresentations.occurrenceId, row.id),
        ),
      );
    if (!p)
      throw new ValidationFailed([
        { path: 'presentationId', message: 'That presentation is not part of this meeting' },
      ]);
  }
  const [action] = await db
    .insert(schema.setActions)
    .values({
      setId: set.id,
      occurrenceId: row.id,
      presentationId: input.presentationId ?? null,
      ownerId: input.ownerId,
      text: input.text,
      dueDate: input.dueDate,
      createdBy: actor.userId,
    })
    .returning();
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  return {
    action: presentAction(action!, names),
    set,
    occurrence: row.originalStart.toISOString(),
  };
}

export async function updateAction(
  db: Database,
  actor: Actor,
  actionId: string,
  input: {
    text?: string | undefined;
    dueDate?: string | null | undefined;
    followUp?:
      | {
          meetingId: string;
          occurrence?: string | undefined;
          outcome: FollowUpOutcome;
          note?: string | null | undefined;
        }
      | undefined;
  },
) {
  if (!isUuid(actionId)) throw new NotFound('No such action.');
  const [action] = await db
    .select()
    .from(schema.setActions)
    .where(eq(schema.setActions.id, actionId));
  if (!action) throw new NotFound('No such action.');
  let set: Awaited<ReturnType<typeof setAccess>>['set'];
  try {
    ({ set } = await setAccess(db, actor, action.setId, 'member', true));
  } catch (error) {
    if (error instanceof NotFound) throw new NotFound('No such action.');
    throw error;
  }
  let followUp: FollowUpRow | undefined;
  let followedAt: string | undefined;
  if (input.followUp) {
    const { meeting } = await meetingAccess(db, actor, input.followUp.meetingId, 'member', true);
    if (meeting.setId !== action.setId)
      throw new ValidationFailed([
        { path: 'followUp.meetingId', message: 'Follow an action up at a meeting of its set' },
      ]);
    const row = await ensureOccurrence(db, meeting, input.followUp.occurrence);
    followedAt = row.originalStart.toISOString();
    [followUp] = await db
      .insert(schema.actionFollowUps)
      .values({
        actionId: action.id,
        occurrenceId: row.id,
        outcome: input.followUp.outcome,
        note: input.followUp.note ?? null,
        recordedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [schema.actionFollowUps.actionId, schema.actionFollowUps.occurrenceId],
        set: {
          outcome: input.followUp.outcome,
          note: input.followUp.note ?? null,
          recordedAt: new Date(),
        },
      })
      .returning();
  }
  const [updated] = await db
    .update(schema.setActions)
    .set({
      ...(input.text !== undefined && { text: input.text }),
      ...(input.dueDate !== undefined && { dueDate: input.dueDate, dueNotifiedAt: null }),
      ...(followUp && {
        status: followUp.outcome === 'done' ? ('done' as const) : ('open' as const),
      }),
    })
    .where(eq(schema.setActions.id, action.id))
    .returning();
  const members = await setMembersWithNames(db, set.id);
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  return { action: presentAction(updated!, names, followUp), set, followedAt };
}

/** The actor's own open actions in a cohort, for the cohort home. */
export async function myOpenActions(db: Database, actor: Actor, cohortId: string) {
  await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const rows = await db
    .select({ action: schema.setActions, setName: schema.learningSets.name })
    .from(schema.setActions)
    .innerJoin(schema.learningSets, eq(schema.learningSets.id, schema.setActions.setId))
    .innerJoin(
      schema.setMembers,
      and(
        eq(schema.setMembers.setId, schema.setActions.setId),
        eq(schema.setMembers.userId, actor.userId),
      ),
    )
    .where(
      and(
        eq(schema.learningSets.cohortId, cohortId),
        eq(schema.setActions.ownerId, actor.userId),
        eq(schema.setActions.status, 'open'),
      ),
    )
    .orderBy(asc(schema.setActions.dueDate), asc(schema.setActions.createdAt));
  const names = new Map([[actor.userId, actor.name]]);
  return rows.map((r) => ({ ...presentAction(r.action, names), setName: r.setName }));
}

/**
 * Attendance of a set's past meetings: who runs the cohort sees this much of a set, and
 * nothing of what was said.
 */
export async function setAttendance(db: Database, actor: Actor, setId: string) {
  const { set } = await setAccess(db, actor, setId, 'attendance');
  const meetings = await db.select().from(schema.meetings).where(eq(schema.meetings.setId, set.id));
  const rows = await occurrenceRowsOf(
    db,
    meetings.map((m) => m.id),
  );
  const now = new Date();
  const past = expand(meetings, rows, new Date(now.getTime() - 2 * 366 * 86_400_000), now);
  const [members] = await db
    .select({ n: count() })
    .from(schema.setMembers)
    .where(and(eq(schema.setMembers.setId, set.id), eq(schema.setMembers.role, 'member')));
  const ids = rows.map((r) => r.id);
  const present = ids.length
    ? await db
        .select({ occurrenceId: schema.meetingCheckins.occurrenceId, n: count() })
        .from(schema.meetingCheckins)
        .where(inArray(schema.meetingCheckins.occurrenceId, ids))
        .groupBy(schema.meetingCheckins.occurrenceId)
    : [];
  const presentOf = new Map(present.map((p) => [p.occurrenceId, Number(p.n)]));
  const rowOf = new Map(rows.map((r) => [`${r.meetingId}|${r.originalStart.toISOString()}`, r.id]));
  return {
    setId: set.id,
    members: Number(members?.n ?? 0),
    meetings: past.map((o) => ({
      meetingId: o.meetingId,
      occurrence: o.occurrence,
      startsAt: o.startsAt,
      cancelled: o.cancelled,
      present: presentOf.get(rowOf.get(`${o.meetingId}|${o.occurrence}`) ?? '') ?? 0,
    })),
  };
}

/**
 * Tells owners of open actions due within two days, once per due date. Run now and then by
 * the server; returns the notifications to deliver.
 */
export async function notifyDueActions(db: Database, now = new Date()) {
  const soon = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const due = await db
    .select({ action: schema.setActions, set: schema.learningSets })
    .from(schema.setActions)
    .innerJoin(schema.learningSets, eq(schema.learningSets.id, schema.setActions.setId))
    .where(
      and(
        eq(schema.setActions.status, 'open'),
        isNull(schema.setActions.dueNotifiedAt),
        lte(schema.setActions.dueDate, soon),
      ),
    );
  const notified = [];
  for (const { action, set } of due) {
    const claimed = await db
      .update(schema.setActions)
      .set({ dueNotifiedAt: now })
      .where(and(eq(schema.setActions.id, action.id), isNull(schema.setActions.dueNotifiedAt)))
      .returning();
    if (claimed.length === 0) continue;
    notified.push(
      ...(await createNotifications(db, [action.ownerId], {
        kind: 'action.due_soon',
        title: `Action due ${action.dueDate}: ${action.text}`,
        link: `/cohorts/${set.cohortId}/sets/${set.id}`,
        data: { actionId: action.id },
      })),
    );
  }
  return notified;
}
