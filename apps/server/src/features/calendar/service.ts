import { type Database, schema } from '@colab/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound } from '../../errors.ts';
import { hashSecretToken, newSecretToken } from '../../secret-token.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';
import { cohortIdsOf } from '../cohorts/service.ts';
import { calendarMilestones } from '../groups/milestones.ts';
import { type MeetingRow, meetingAccess } from '../meetings/access.ts';
import { expand, occurrenceRowsOf } from '../meetings/occurrences.ts';
import { localOf, toInstant } from '../meetings/recurrence.ts';
import { withRsvps } from '../meetings/service.ts';
import { addEvent, addMeeting, newCalendar } from './ical.ts';

type EventRow = typeof schema.cohortEvents.$inferSelect;

export function presentEvent(e: EventRow) {
  return {
    id: e.id,
    cohortId: e.cohortId,
    title: e.title,
    kind: e.kind,
    startsAt: e.startsAt.toISOString(),
    endsAt: new Date(e.startsAt.getTime() + e.durationMinutes * 60_000).toISOString(),
    localStart: e.localStart,
    timezone: e.timezone,
    durationMinutes: e.durationMinutes,
    location: e.location,
    videoUrl: e.videoUrl,
    description: e.description,
    cancelled: e.cancelledAt !== null,
    sequence: e.sequence,
  };
}

type EventInput = {
  title?: string | undefined;
  kind?: EventRow['kind'] | undefined;
  startsAt?: string | undefined;
  durationMinutes?: number | undefined;
  timezone?: string | undefined;
  location?: string | null | undefined;
  videoUrl?: string | null | undefined;
  description?: string | null | undefined;
  cancelled?: boolean | undefined;
};

export async function createEvent(
  db: Database,
  actor: Actor,
  cohortId: string,
  input: Required<
    Pick<EventInput, 'title' | 'kind' | 'startsAt' | 'durationMinutes' | 'timezone'>
  > &
    EventInput,
) {
  const { cohort } = await authorizeCohort(db, actor, cohortId, 'events.manage');
  const startsAt = toInstant(input.startsAt, input.timezone);
  const [row] = await db
    .insert(schema.cohortEvents)
    .values({
      cohortId: cohort.id,
      title: input.title,
      kind: input.kind,
      localStart: localOf(startsAt, input.timezone),
      timezone: input.timezone,
      startsAt,
      durationMinutes: input.durationMinutes,
      location: input.location ?? null,
      videoUrl: input.videoUrl ?? null,
      description: input.description ?? null,
      createdBy: actor.userId,
    })
    .returning();
  return presentEvent(row!);
}

async function loadEvent(db: Database, actor: Actor, eventId: string, manage: boolean) {
  if (!isUuid(eventId)) throw new NotFound('No such event.');
  const [event] = await db
    .select()
    .from(schema.cohortEvents)
    .where(eq(schema.cohortEvents.id, eventId));
  if (!event) throw new NotFound('No such event.');
  await authorizeCohort(db, actor, event.cohortId, 'cohort.view');
  if (manage) await authorizeCohort(db, actor, event.cohortId, 'events.manage');
  return event;
}

export async function getEvent(db: Database, actor: Actor, eventId: string) {
  return presentEvent(await loadEvent(db, actor, eventId, false));
}

export async function updateEvent(db: Database, actor: Actor, eventId: string, input: EventInput) {
  const event = await loadEvent(db, actor, eventId, true);
  const timezone = input.timezone ?? event.timezone;
  const startsAt = toInstant(input.startsAt ?? event.localStart, timezone);
  const { cancelled, ...fields } = input;
  const [row] = await db
    .update(schema.cohortEvents)
    .set({
      ...fields,
      timezone,
      startsAt,
      localStart: localOf(startsAt, timezone),
      sequence: event.sequence + 1,
      ...(cancelled !== undefined && {
        cancelledAt: cancelled ? (event.cancelledAt ?? new Date()) : null,
      }),
    })
    .where(eq(schema.cohortEvents.id, event.id))
    .returning();
  return presentEvent(row!);
}

/** Meetings of the sets the person is in (within the given cohorts), with their set's name. */
async function ownMeetings(db: Database, userId: string, cohortIds: string[]) {
  if (cohortIds.length === 0) return [];
  return db
    .select({ meeting: schema.meetings, setName: schema.learningSets.name })
    .from(schema.meetings)
    .innerJoin(schema.learningSets, eq(schema.learningSets.id, schema.meetings.setId))
    .innerJoin(
      schema.setMembers,
      and(eq(schema.setMembers.setId, schema.meetings.setId), eq(schema.setMembers.userId, userId)),
    )
    .where(inArray(schema.learningSets.cohortId, cohortIds));
}

async function cohortEventsOf(db: Database, cohortIds: string[]) {
  if (cohortIds.length === 0) return [];
  return db
    .select({ event: schema.cohortEvents, cohortName: schema.cohorts.name })
    .from(schema.cohortEvents)
    .innerJoin(schema.cohorts, eq(schema.cohorts.id, schema.cohortEvents.cohortId))
    .where(inArray(schema.cohortEvents.cohortId, cohortIds))
    .orderBy(asc(schema.cohortEvents.startsAt));
}

/** The cohort calendar as one person sees it: cohort events and their own set's meetings. */
export async function cohortCalendar(
  db: Database,
  actor: Actor,
  cohortId: string,
  range: { from: Date; to: Date },
) {
  await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const meetings = await ownMeetings(db, actor.userId, [cohortId]);
  const rows = await occurrenceRowsOf(
    db,
    meetings.map((m) => m.meeting.id),
  );
  const setNames = new Map(meetings.map((m) => [m.meeting.setId, m.setName]));
  const occurrences = await withRsvps(
    db,
    actor,
    expand(
      meetings.map((m) => m.meeting),
      rows,
      range.from,
      range.to,
    ),
    rows,
  );
  const events = (await cohortEventsOf(db, [cohortId]))
    .map((e) => presentEvent(e.event))
    .filter(
      (e) =>
        Date.parse(e.startsAt) < range.to.getTime() && Date.parse(e.endsAt) > range.from.getTime(),
    );
  // Milestones are dates: placed at noon UTC, they fall on their day in every inhabited zone.
  const milestones = await calendarMilestones(db, actor, cohortId, {
    fromDay: new Date(range.from.getTime() - 86_400_000).toISOString().slice(0, 10),
    toDay: range.to.toISOString().slice(0, 10),
  });
  const items = [
    ...milestones
      .map((m) => ({
        type: 'milestone' as const,
        ...m,
        startsAt: `${m.dueOn}T12:00:00.000Z`,
        endsAt: `${m.dueOn}T12:00:00.000Z`,
        allDay: true,
      }))
      .filter(
        (m) =>
          Date.parse(m.startsAt) >= range.from.getTime() &&
          Date.parse(m.startsAt) < range.to.getTime(),
      ),
    ...occurrences.map((o) => ({
      type: 'meeting' as const,
      ...o,
      setName: setNames.get(o.setId) ?? '',
    })),
    ...events.map((e) => ({ type: 'event' as const, ...e })),
  ].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { items };
}

/**
 * Whether the person has a feed. Its URL cannot be shown again: only the token's hash is
 * kept, so the URL is shown once, when made.
 */
export async function calendarFeedStatus(db: Database, actor: Actor) {
  const [feed] = await db
    .select({ createdAt: schema.calendarFeeds.createdAt })
    .from(schema.calendarFeeds)
    .where(eq(schema.calendarFeeds.userId, actor.userId));
  return { exists: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null };
}

/** Makes the person's feed URL, revoking any earlier one. */
export async function rotateCalendarFeed(db: Database, actor: Actor, publicUrl: string) {
  const { token, tokenHash } = newSecretToken(24);
  const createdAt = new Date();
  await db
    .insert(schema.calendarFeeds)
    .values({ userId: actor.userId, tokenHash, createdAt })
    .onConflictDoUpdate({ target: schema.calendarFeeds.userId, set: { tokenHash, createdAt } });
  return { url: feedUrl(publicUrl, token), createdAt: createdAt.toISOString() };
}

const feedUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/api/calendar/${token}.ics`;

/** Everything on a person's calendar across their cohorts, as an iCalendar file. */
export async function feedCalendar(db: Database, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFound('No such calendar.');
  const [feed] = await db
    .select({ userId: schema.calendarFeeds.userId, name: schema.users.name })
    .from(schema.calendarFeeds)
    .innerJoin(schema.users, eq(schema.users.id, schema.calendarFeeds.userId))
    .where(eq(schema.calendarFeeds.tokenHash, hashSecretToken(token)));
  if (!feed) throw new NotFound('No such calendar.');
  const cohortIds = await cohortIdsOf(db, feed.userId);
  const meetings = await ownMeetings(db, feed.userId, cohortIds);
  const rows = await occurrenceRowsOf(
    db,
    meetings.map((m) => m.meeting.id),
  );
  const calendar = newCalendar(`Colab — ${feed.name}`);
  for (const { meeting, setName } of meetings) addMeeting(calendar, meeting, rows, setName);
  for (const { event, cohortName } of await cohortEventsOf(db, cohortIds))
    addEvent(calendar, event, cohortName);
  return calendar.toString();
}

/** One meeting (a whole series with its exceptions) as an iCalendar file. */
export async function meetingCalendar(db: Database, actor: Actor, meetingId: string) {
  const { meeting, set } = await meetingAccess(db, actor, meetingId, 'member');
  const calendar = newCalendar(`${set.name}`);
  addMeeting(calendar, meeting as MeetingRow, await occurrenceRowsOf(db, [meeting.id]), set.name);
  return { ics: calendar.toString(), filename: `${set.name} meeting` };
}
