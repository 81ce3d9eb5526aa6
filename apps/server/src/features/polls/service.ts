import { type Database, schema } from '@colab/db';
import type { PollAnswer } from '@colab/shared';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import { isUuid } from '../cohorts/access.ts';
import { setAccess } from '../meetings/access.ts';
import { localOf, toInstant } from '../meetings/recurrence.ts';
import { describeTime, insertMeeting, notifySet, presentMeeting } from '../meetings/service.ts';
import { createNotifications } from '../notifications/service.ts';
import { setMembersWithNames } from '../sets/service.ts';

type PollRow = typeof schema.polls.$inferSelect;
export type Tallies = Record<string, { yes: number; ifNeedBe: number; no: number }>;

/**
 * Availability polls: the facilitator proposes times, the set answers yes / if need be / no,
 * and confirming a time makes a meeting, or a recurring series starting there.
 */
export async function createPoll(
  db: Database,
  actor: Actor,
  setId: string,
  input: {
    title?: string | null | undefined;
    timezone: string;
    durationMinutes: number;
    slots: string[];
    location?: string | null | undefined;
    videoUrl?: string | null | undefined;
  },
) {
  const { set } = await setAccess(db, actor, setId, 'facilitator', true);
  const slots = [
    ...new Map(
      input.slots.map((local) => {
        const startsAt = toInstant(local, input.timezone);
        return [startsAt.getTime(), { localStart: localOf(startsAt, input.timezone), startsAt }];
      }),
    ).values(),
  ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const poll = await db.transaction(async (tx) => {
    const [poll] = await tx
      .insert(schema.polls)
      .values({
        setId: set.id,
        title: input.title ?? 'When shall we meet?',
        timezone: input.timezone,
        durationMinutes: input.durationMinutes,
        location: input.location ?? null,
        videoUrl: input.videoUrl ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await tx.insert(schema.pollSlots).values(slots.map((s) => ({ ...s, pollId: poll!.id })));
    return poll!;
  });
  const notified = await notifySet(db, actor, set, {
    kind: 'poll.opened',
    title: `${set.name}: when can you meet? Answer the poll`,
    data: { pollId: poll.id },
  });
  return { poll: await presentPoll(db, actor, poll), set, notified };
}

async function loadPoll(
  db: Database,
  actor: Actor,
  pollId: string,
  need: 'member' | 'facilitator',
  write = false,
) {
  if (!isUuid(pollId)) throw new NotFound('No such poll.');
  const [poll] = await db.select().from(schema.polls).where(eq(schema.polls.id, pollId));
  if (!poll) throw new NotFound('No such poll.');
  try {
    return { poll, ...(await setAccess(db, actor, poll.setId, need, write)) };
  } catch (error) {
    if (error instanceof NotFound) throw new NotFound('No such poll.');
    throw error;
  }
}

export async function pollTallies(db: Pick<Database, 'select'>, pollId: string) {
  const slots = await db
    .select({ id: schema.pollSlots.id })
    .from(schema.pollSlots)
    .where(eq(schema.pollSlots.pollId, pollId));
  const answers = slots.length
    ? await db
        .select()
        .from(schema.pollResponses)
        .where(
          inArray(
            schema.pollResponses.slotId,
            slots.map((s) => s.id),
          ),
        )
    : [];
  const tallies: Tallies = {};
  for (const s of slots) tallies[s.id] = { yes: 0, ifNeedBe: 0, no: 0 };
  for (const a of answers) {
    const t = tallies[a.slotId]!;
    if (a.answer === 'yes') t.yes += 1;
    else if (a.answer === 'if_need_be') t.ifNeedBe += 1;
    else t.no += 1;
  }
  return { tallies, answers, responded: new Set(answers.map((a) => a.userId)).size };
}

async function presentPoll(db: Database, actor: Actor, poll: PollRow) {
  const slots = await db
    .select()
    .from(schema.pollSlots)
    .where(eq(schema.pollSlots.pollId, poll.id))
    .orderBy(asc(schema.pollSlots.startsAt));
  const { tallies, answers } = await pollTallies(db, poll.id);
  const members = await setMembersWithNames(db, poll.setId);
  const answered = new Set(answers.map((a) => a.userId));
  return {
    id: poll.id,
    setId: poll.setId,
    title: poll.title,
    timezone: poll.timezone,
    durationMinutes: poll.durationMinutes,
    location: poll.location,
    videoUrl: poll.videoUrl,
    status: poll.status,
    confirmedSlotId: poll.confirmedSlotId,
    meetingId: poll.meetingId,
    createdAt: poll.createdAt.toISOString(),
    slots: slots.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      localStart: s.localStart,
      tallies: tallies[s.id]!,
      answers: answers
        .filter((a) => a.slotId === s.id)
        .map((a) => ({ userId: a.userId, answer: a.answer })),
    })),
    myAnswers: Object.fromEntries(
      answers.filter((a) => a.userId === actor.userId).map((a) => [a.slotId, a.answer]),
    ) as Record<string, PollAnswer>,
    members: members.map((m) => ({ ...m, responded: answered.has(m.userId) })),
    notResponded: members
      .filter((m) => m.role === 'member' && !answered.has(m.userId))
      .map((m) => m.userId),
  };
}

export async function getPoll(db: Database, actor: Actor, pollId: string) {
  const { poll } = await loadPoll(db, actor, pollId, 'member');
  return presentPoll(db, actor, poll);
}

export async function listPolls(db: Database, actor: Actor, setId: string) {
  const { set } = await setAccess(db, actor, setId, 'member');
  const rows = await db
    .select()
    .from(schema.polls)
    .where(eq(schema.polls.setId, set.id))
    .orderBy(desc(schema.polls.createdAt));
  return Promise.all(rows.map((p) => presentPoll(db, actor, p)));
}

export async function respondToPoll(
  db: Database,
  actor: Actor,
  pollId: string,
  answers: { slotId: string; answer: PollAnswer }[],
) {
  const { poll } = await loadPoll(db, actor, pollId, 'member', true);
  if (poll.status !== 'open')
    throw new Conflict('This poll is closed: a time was chosen.', 'poll_closed');
  const slots = await db
    .select({ id: schema.pollSlots.id })
    .from(schema.pollSlots)
    .where(eq(schema.pollSlots.pollId, poll.id));
  const ids = new Set(slots.map((s) => s.id));
  const stray = answers.findIndex((a) => !ids.has(a.slotId));
  if (stray >= 0)
    throw new ValidationFailed([
      { path: `answers.${stray}.slotId`, message: 'That time is not one this poll proposes' },
    ]);
  await db.transaction(async (tx) => {
    for (const a of new Map(answers.map((a) => [a.slotId, a])).values()) {
      await tx
        .insert(schema.pollResponses)
        .values({ slotId: a.slotId, userId: actor.userId, answer: a.answer })
        .onConflictDoUpdate({
          target: [schema.pollResponses.slotId, schema.pollResponses.userId],
          set: { answer: a.answer, updatedAt: new Date() },
        });
    }
  });
  const { tallies, responded } = await pollTallies(db, poll.id);
  return { poll: await presentPoll(db, actor, poll), tallies, responded };
}

/** Reminds the members who have not answered; returns the notifications to deliver. */
export async function remindPoll(db: Database, actor: Actor, pollId: string) {
  const { poll, set } = await loadPoll(db, actor, pollId, 'facilitator', true);
  if (poll.status !== 'open')
    throw new Conflict('This poll is closed: a time was chosen.', 'poll_closed');
  const { notResponded } = await presentPoll(db, actor, poll);
  const notified = await createNotifications(db, notResponded, {
    kind: 'poll.reminder',
    title: `${set.name}: a reminder to answer the poll "${poll.title}"`,
    link: `/cohorts/${set.cohortId}/sets/${set.id}`,
    data: { pollId: poll.id },
  });
  return { reminded: notResponded.length, notified };
}

export async function confirmPoll(
  db: Database,
  actor: Actor,
  pollId: string,
  input: { slotId: string; rrule?: string | null | undefined },
) {
  const { poll, set } = await loadPoll(db, actor, pollId, 'facilitator', true);
  if (poll.status !== 'open') throw new Conflict('This poll already has a time.', 'poll_closed');
  const [slot] = await db
    .select()
    .from(schema.pollSlots)
    .where(and(eq(schema.pollSlots.id, input.slotId), eq(schema.pollSlots.pollId, poll.id)));
  if (!slot)
    throw new ValidationFailed([
      { path: 'slotId', message: 'That time is not one this poll proposes' },
    ]);
  const meeting = await db.transaction(async (tx) => {
    const meeting = await insertMeeting(tx, actor, set.id, {
      title: 'Set meeting',
      startsAt: slot.localStart,
      durationMinutes: poll.durationMinutes,
      timezone: poll.timezone,
      rrule: input.rrule ?? null,
      location: poll.location,
      videoUrl: poll.videoUrl,
    });
    // Only an open poll closes, so two confirmations cannot both make a meeting.
    const closed = await tx
      .update(schema.polls)
      .set({ status: 'confirmed', confirmedSlotId: slot.id, meetingId: meeting.id })
      .where(and(eq(schema.polls.id, poll.id), eq(schema.polls.status, 'open')))
      .returning();
    if (closed.length === 0) throw new Conflict('This poll already has a time.', 'poll_closed');
    return meeting;
  });
  const notified = await notifySet(db, actor, set, {
    kind: 'meeting.scheduled',
    title: `${set.name}: ${meeting.rrule ? 'meetings' : 'meeting'} from ${describeTime(meeting.startsAt, meeting.timezone)}`,
    data: { meetingId: meeting.id, pollId: poll.id },
  });
  const [updated] = await db.select().from(schema.polls).where(eq(schema.polls.id, poll.id));
  return {
    poll: await presentPoll(db, actor, updated!),
    meeting: presentMeeting(meeting),
    set,
    notified,
  };
}
