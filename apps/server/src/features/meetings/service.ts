import { type Database, schema } from '@colab/db';
import type { RsvpAnswer, TNotificationKind, TUpdateMeetingRequest } from '@colab/shared';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, ValidationFailed } from '../../errors.ts';
import { createNotifications } from '../notifications/service.ts';
import { type MeetingRow, meetingAccess, setAccess } from './access.ts';
import {
  ensureOccurrence,
  expand,
  type Occurrence,
  occurrenceRowsOf,
  presentOccurrence,
} from './occurrences.ts';
import {
  isOccurrence,
  localOf,
  normaliseRule,
  occurrencesBefore,
  occurrencesBetween,
  ruleEndingBefore,
  toInstant,
  zoneAbbreviation,
} from './recurrence.ts';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
const DAY = 86_400_000;

const setLink = (cohortId: string, setId: string) => `/cohorts/${cohortId}/sets/${setId}`;

/** "Tue 9 Mar 2027, 14:00 GMT": how a notification names a time, in the meeting's zone. */
export function describeTime(instant: Date, zone: string) {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return `${text} ${zoneAbbreviation(instant, zone)}`;
}

async function setMemberIds(db: Pick<Database, 'select'>, setId: string) {
  const rows = await db
    .select({ userId: schema.setMembers.userId })
    .from(schema.setMembers)
    .where(eq(schema.setMembers.setId, setId));
  return rows.map((r) => r.userId);
}

/** Tells the set (but not the one who did it) about a change to its meetings. */
export async function notifySet(
  db: Database,
  actor: Actor,
  set: { id: string; cohortId: string },
  notification: { kind: TNotificationKind; title: string; data?: Record<string, unknown> },
) {
  const ids = (await setMemberIds(db, set.id)).filter((id) => id !== actor.userId);
  return createNotifications(db, ids, { ...notification, link: setLink(set.cohortId, set.id) });
}

export async function createMeeting(db: Database, actor: Actor, setId: string, input: CreateInput) {
  const { set } = await setAccess(db, actor, setId, 'facilitator', true);
  const meeting = await insertMeeting(db, actor, set.id, input);
  const notified = await notifySet(db, actor, set, {
    kind: 'meeting.scheduled',
    title: `${set.name}: ${meeting.rrule ? 'meetings' : 'a meeting'} from ${describeTime(meeting.startsAt, meeting.timezone)}`,
    data: { meetingId: meeting.id },
  });
  return { meeting: presentMeeting(meeting), set, notified };
}

type CreateInput = {
  title?: string | null | undefined;
  startsAt: string;
  durationMinutes: number;
  timezone: string;
  rrule?: string | null | undefined;
  location?: string | null | undefined;
  videoUrl?: string | null | undefined;
};

export async function insertMeeting(
  db: Pick<Database, 'insert'>,
  actor: Actor,
  setId: string,
  input: CreateInput,
) {
  const rrule = input.rrule ? normaliseRule(input.rrule, input.timezone) : null;
  const startsAt = toInstant(input.startsAt, input.timezone);
  const [meeting] = await db
    .insert(schema.meetings)
    .values({
      setId,
      title: input.title ?? 'Set meeting',
      localStart: localOf(startsAt, input.timezone),
      timezone: input.timezone,
      startsAt,
      durationMinutes: input.durationMinutes,
      rrule,
      location: input.location ?? null,
      videoUrl: input.videoUrl ?? null,
      createdBy: actor.userId,
    })
    .returning();
  return meeting!;
}

export function presentMeeting(m: MeetingRow) {
  return {
    id: m.id,
    setId: m.setId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    localStart: m.localStart,
    timezone: m.timezone,
    durationMinutes: m.durationMinutes,
    rrule: m.rrule,
    location: m.location,
    videoUrl: m.videoUrl,
    sequence: m.sequence,
    cancelled: m.cancelledAt !== null,
  };
}

/** A set's occurrences in a window (by default from 60 days back to a year ahead), with RSVPs. */
export async function listSetMeetings(
  db: Database,
  actor: Actor,
  setId: string,
  range?: { from: Date; to: Date },
) {
  const { set } = await setAccess(db, actor, setId, 'member');
  const now = Date.now();
  const from = range?.from ?? new Date(now - 60 * DAY);
  const to = range?.to ?? new Date(now + 366 * DAY);
  const meetings = await db
    .select()
    .from(schema.meetings)
    .where(eq(schema.meetings.setId, set.id))
    .orderBy(asc(schema.meetings.startsAt));
  const rows = await occurrenceRowsOf(
    db,
    meetings.map((m) => m.id),
  );
  const occurrences = expand(meetings, rows, from, to);
  return {
    meetings: meetings.map(presentMeeting),
    occurrences: await withRsvps(db, actor, occurrences, rows),
  };
}

type OccurrenceRow = typeof schema.meetingOccurrences.$inferSelect;
export async function withRsvps(
  db: Database,
  actor: Actor,
  occurrences: Occurrence[],
  rows: OccurrenceRow[],
) {
  const rowOf = new Map(rows.map((r) => [`${r.meetingId}|${r.originalStart.toISOString()}`, r]));
  const ids = occurrences
    .map((o) => rowOf.get(`${o.meetingId}|${o.occurrence}`)?.id)
    .filter((id): id is string => id !== undefined);
  const answers = ids.length
    ? await db
        .select()
        .from(schema.meetingRsvps)
        .where(inArray(schema.meetingRsvps.occurrenceId, ids))
    : [];
  return occurrences.map((o) => {
    const id = rowOf.get(`${o.meetingId}|${o.occurrence}`)?.id;
    const own = answers.filter((a) => a.occurrenceId === id);
    return { ...o, rsvp: rsvpSummary(own, actor.userId) };
  });
}

function rsvpSummary(answers: { userId: string; response: RsvpAnswer }[], userId: string) {
  const counts = { going: 0, maybe: 0, cant: 0 };
  for (const a of answers) counts[a.response] += 1;
  return { ...counts, mine: answers.find((a) => a.userId === userId)?.response ?? null };
}

export async function getMeeting(db: Database, actor: Actor, meetingId: string) {
  const { meeting, set, role } = await meetingAccess(db, actor, meetingId, 'member');
  const rows = await occurrenceRowsOf(db, [meeting.id]);
  const occurrences = expand([meeting], rows, new Date(0), new Date(Date.now() + 3 * 366 * DAY));
  return {
    ...presentMeeting(meeting),
    cohortId: set.cohortId,
    setName: set.name,
    myRole: role,
    occurrences: await withRsvps(db, actor, occurrences, rows),
  };
}

/**
 * Re-keys occurrence rows when a series' timing changes: the nth occurrence stays the nth,
 * so RSVPs, notes and actions stay with the meeting they belong to. A row the new rule has
 * no place for becomes an added occurrence at the time it had, so nothing is lost.
 */
async function rekeyRows(
  tx: Tx,
  before: MeetingRow,
  after: MeetingRow,
  rows: OccurrenceRow[],
  firstOfAfter = 0,
) {
  const newStarts = occurrencesBetween(after, new Date(0), new Date('9999-01-01T00:00:00Z'));
  for (const row of rows) {
    const oldEffective = row.startsAt ?? row.originalStart;
    let target: Date | undefined;
    if (!row.added) {
      const index = occurrencesBefore(before, row.originalStart).length - firstOfAfter;
      target = index >= 0 ? newStarts[index] : undefined;
    }
    if (target) {
      await tx
        .update(schema.meetingOccurrences)
        .set({ meetingId: after.id, originalStart: target })
        .where(eq(schema.meetingOccurrences.id, row.id));
    } else {
      await tx
        .update(schema.meetingOccurrences)
        .set({
          meetingId: after.id,
          originalStart: oldEffective,
          added: true,
          startsAt: null,
          localStart: null,
        })
        .where(eq(schema.meetingOccurrences.id, row.id));
    }
  }
}

export async function updateMeeting(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: TUpdateMeetingRequest & { scope: 'this' | 'following' | 'all' },
) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'facilitator', true);
  const scope = meeting.rrule === null ? 'all' : input.scope;
  const result = await db.transaction(async (tx) => {
    if (scope === 'this') return updateOne(tx, meeting, input);
    if (scope === 'following' && input.occurrence) {
      const at = new Date(input.occurrence);
      if (at.getTime() !== meeting.startsAt.getTime())
        return splitSeries(tx, actor, meeting, at, input);
    }
    return updateAll(tx, meeting, input);
  });
  const when = describeTime(new Date(result.startsAt), result.timezone);
  const kind = input.cancelled ? 'meeting.cancelled' : 'meeting.moved';
  const title = input.cancelled
    ? `${set.name}: ${scope === 'this' ? `the meeting on ${when} is` : 'meetings are'} cancelled`
    : `${set.name}: meeting ${scope === 'this' ? 'moved to' : 'changed, from'} ${when}`;
  const notified = await notifySet(db, actor, set, {
    kind,
    title,
    data: { meetingId: result.meetingId },
  });
  return { result, set, notified };
}

const timingFields = ['startsAt', 'timezone', 'rrule'] as const;

async function updateOne(tx: Tx, meeting: MeetingRow, input: TUpdateMeetingRequest) {
  for (const field of ['title', 'timezone', 'rrule'] as const) {
    if (input[field] !== undefined)
      throw new ValidationFailed([
        { path: field, message: 'Change this for the whole series, not one meeting' },
      ]);
  }
  const row = await ensureOccurrence(tx, meeting, input.occurrence);
  const startsAt = input.startsAt ? toInstant(input.startsAt, meeting.timezone) : undefined;
  const [updated] = await tx
    .update(schema.meetingOccurrences)
    .set({
      overridden: true,
      ...(startsAt && { startsAt, localStart: localOf(startsAt, meeting.timezone) }),
      ...(input.durationMinutes !== undefined && { durationMinutes: input.durationMinutes }),
      ...(input.location !== undefined && { location: input.location ?? '' }),
      ...(input.videoUrl !== undefined && { videoUrl: input.videoUrl ?? '' }),
      ...(input.cancelled !== undefined && { cancelled: input.cancelled }),
    })
    .where(eq(schema.meetingOccurrences.id, row.id))
    .returning();
  const [bumped] = await tx
    .update(schema.meetings)
    .set({ sequence: meeting.sequence + 1, updatedAt: new Date() })
    .where(eq(schema.meetings.id, meeting.id))
    .returning();
  return presentOccurrence(bumped!, updated!.originalStart, updated);
}

function seriesChanges(meeting: MeetingRow, input: TUpdateMeetingRequest) {
  const timezone = input.timezone ?? meeting.timezone;
  const localStart = input.startsAt ?? meeting.localStart;
  const startsAt = toInstant(localStart, timezone);
  const rrule =
    input.rrule === undefined
      ? meeting.rrule
      : input.rrule === null
        ? null
        : normaliseRule(input.rrule, timezone);
  return {
    title: input.title ?? meeting.title,
    timezone,
    startsAt,
    localStart: localOf(startsAt, timezone),
    rrule,
    durationMinutes: input.durationMinutes ?? meeting.durationMinutes,
    location: input.location === undefined ? meeting.location : input.location,
    videoUrl: input.videoUrl === undefined ? meeting.videoUrl : input.videoUrl,
    cancelledAt:
      input.cancelled === undefined
        ? meeting.cancelledAt
        : input.cancelled
          ? (meeting.cancelledAt ?? new Date())
          : null,
  };
}

async function updateAll(tx: Tx, meeting: MeetingRow, input: TUpdateMeetingRequest) {
  const changes = seriesChanges(meeting, input);
  const [updated] = await tx
    .update(schema.meetings)
    .set({ ...changes, sequence: meeting.sequence + 1, updatedAt: new Date() })
    .where(eq(schema.meetings.id, meeting.id))
    .returning();
  if (timingFields.some((f) => input[f] !== undefined)) {
    const rows = await tx
      .select()
      .from(schema.meetingOccurrences)
      .where(eq(schema.meetingOccurrences.meetingId, meeting.id));
    await rekeyRows(tx, meeting, updated!, rows);
  }
  return presentOccurrence(updated!, updated!.startsAt, undefined);
}

/** "This and following": the series ends before the occurrence; a new one starts there. */
async function splitSeries(
  tx: Tx,
  actor: Actor,
  meeting: MeetingRow,
  at: Date,
  input: TUpdateMeetingRequest,
) {
  if (!isOccurrence(meeting, at))
    throw new ValidationFailed([
      { path: 'occurrence', message: 'This series has no occurrence at that time' },
    ]);
  const before = occurrencesBefore(meeting, at).length;
  const tailRule = (() => {
    if (input.rrule !== undefined) return input.rrule;
    const count = /COUNT=(\d+)/i.exec(meeting.rrule ?? '');
    return count
      ? meeting.rrule!.replace(/COUNT=\d+/i, `COUNT=${Math.max(1, Number(count[1]) - before)}`)
      : meeting.rrule;
  })();
  const tail = seriesChanges(
    { ...meeting, localStart: localOf(at, meeting.timezone), startsAt: at },
    { ...input, rrule: tailRule },
  );
  const [created] = await tx
    .insert(schema.meetings)
    .values({ ...tail, setId: meeting.setId, createdBy: actor.userId, sequence: 0 })
    .returning();
  await tx
    .update(schema.meetings)
    .set({
      rrule: ruleEndingBefore(meeting, at),
      sequence: meeting.sequence + 1,
      updatedAt: new Date(),
    })
    .where(eq(schema.meetings.id, meeting.id));
  const rows = await tx
    .select()
    .from(schema.meetingOccurrences)
    .where(
      and(
        eq(schema.meetingOccurrences.meetingId, meeting.id),
        gte(schema.meetingOccurrences.originalStart, at),
      ),
    );
  await rekeyRows(tx, meeting, created!, rows, before);
  return presentOccurrence(created!, created!.startsAt, undefined);
}

/** Adds one meeting to a series outside its rule (RFC 5545 RDATE). */
export async function addOccurrence(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: { startsAt: string; durationMinutes?: number | undefined },
) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'facilitator', true);
  const startsAt = toInstant(input.startsAt, meeting.timezone);
  const [row] = await db
    .insert(schema.meetingOccurrences)
    .values({
      meetingId: meeting.id,
      originalStart: startsAt,
      added: true,
      overridden: input.durationMinutes !== undefined,
      durationMinutes: input.durationMinutes ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new Conflict('The series already meets at that time.', 'occurrence_exists');
  const [bumped] = await db
    .update(schema.meetings)
    .set({ sequence: meeting.sequence + 1, updatedAt: new Date() })
    .where(eq(schema.meetings.id, meeting.id))
    .returning();
  const notified = await notifySet(db, actor, set, {
    kind: 'meeting.scheduled',
    title: `${set.name}: an extra meeting on ${describeTime(startsAt, meeting.timezone)}`,
    data: { meetingId: meeting.id },
  });
  return { occurrence: presentOccurrence(bumped!, startsAt, row), set, notified };
}

export async function setRsvp(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: { occurrence?: string | undefined; response: RsvpAnswer },
) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'member', true);
  const row = await ensureOccurrence(db, meeting, input.occurrence);
  if (row.cancelled || meeting.cancelledAt)
    throw new Conflict('That meeting is cancelled.', 'meeting_cancelled');
  // Saying you are coming is for meetings still to come; who came is the check-in's record.
  const endsAt =
    (row.startsAt ?? row.originalStart).getTime() +
    (row.durationMinutes ?? meeting.durationMinutes) * 60_000;
  if (endsAt <= Date.now()) throw new Conflict('That meeting has ended.', 'meeting_ended');
  await db
    .insert(schema.meetingRsvps)
    .values({ occurrenceId: row.id, userId: actor.userId, response: input.response })
    .onConflictDoUpdate({
      target: [schema.meetingRsvps.occurrenceId, schema.meetingRsvps.userId],
      set: { response: input.response, updatedAt: new Date() },
    });
  const answers = await db
    .select()
    .from(schema.meetingRsvps)
    .where(eq(schema.meetingRsvps.occurrenceId, row.id));
  return {
    set,
    occurrence: row.originalStart.toISOString(),
    rsvp: rsvpSummary(answers, actor.userId),
  };
}
