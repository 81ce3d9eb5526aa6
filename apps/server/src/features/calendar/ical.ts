import type { schema } from '@colab/db';
import icalTimezones from '@touch4it/ical-timezones';
import ical, { type ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { MeetingRow } from '../meetings/access.ts';
import { icalRule } from '../meetings/recurrence.ts';

type OccurrenceRow = typeof schema.meetingOccurrences.$inferSelect;
type EventRow = typeof schema.cohortEvents.$inferSelect;

/**
 * Calendar files through ical-generator, with a VTIMEZONE for every zone used (from
 * @touch4it/ical-timezones): series keep their wall-clock time in calendar apps across clock
 * changes. UIDs are stable per meeting or event; SEQUENCE is the meeting's, raised on every
 * change; exceptions are EXDATE (cancelled), RDATE (added) and RECURRENCE-ID (moved).
 */
export function newCalendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: 'Colab', product: 'Colab', language: 'EN' },
    timezone: {
      name: null,
      generator: (zone) => icalTimezones.getVtimezoneComponent(zone) ?? null,
    },
  });
}

export const meetingUid = (id: string) => `meeting-${id}@colab`;
export const eventUid = (id: string) => `event-${id}@colab`;

const localStamp = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyyLLdd'T'HHmmss");
/** ical-generator writes a Luxon time in its own zone; a bare Date would be written as UTC. */
const zoned = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone });
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

function describe(videoUrl: string | null, extra?: string | null) {
  return [extra, videoUrl ? `Join online: ${videoUrl}` : null].filter(Boolean).join('\n\n') || null;
}

export function addMeeting(
  calendar: ICalCalendar,
  meeting: MeetingRow,
  rows: OccurrenceRow[],
  setName: string,
) {
  const own = rows.filter((r) => r.meetingId === meeting.id);
  const summary = `${meeting.title} — ${setName}`;
  const cancelled = meeting.cancelledAt !== null;
  const base = {
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    timezone: meeting.timezone,
    summary,
    location: meeting.location,
    description: describe(meeting.videoUrl),
    url: meeting.videoUrl,
    stamp: meeting.updatedAt,
  };
  if (meeting.rrule === null) {
    const row = own.find((r) => r.originalStart.getTime() === meeting.startsAt.getTime());
    const start = row?.startsAt ?? meeting.startsAt;
    calendar.createEvent({
      ...base,
      start: zoned(start, meeting.timezone),
      end: zoned(plus(start, row?.durationMinutes ?? meeting.durationMinutes), meeting.timezone),
      location: (row?.overridden && row.location) || meeting.location,
      status: cancelled || row?.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    return;
  }
  const stamp = (d: Date) => localStamp(d, meeting.timezone);
  const lines = [`RRULE:${icalRule(meeting)}`];
  const exdates = own.filter((r) => r.cancelled && !r.added).map((r) => stamp(r.originalStart));
  const rdates = own.filter((r) => r.added && !r.cancelled).map((r) => stamp(r.originalStart));
  if (exdates.length) lines.push(`EXDATE;TZID=${meeting.timezone}:${exdates.join(',')}`);
  if (rdates.length) lines.push(`RDATE;TZID=${meeting.timezone}:${rdates.join(',')}`);
  calendar.createEvent({
    ...base,
    start: zoned(meeting.startsAt, meeting.timezone),
    end: zoned(plus(meeting.startsAt, meeting.durationMinutes), meeting.timezone),
    repeating: lines.join('\n'),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  for (const row of own) {
    if (!row.overridden || row.cancelled) continue;
    const start = row.startsAt ?? row.originalStart;
    calendar.createEvent({
      ...base,
      recurrenceId: zoned(row.originalStart, meeting.timezone),
      start: zoned(start, meeting.timezone),
      end: zoned(plus(start, row.durationMinutes ?? meeting.durationMinutes), meeting.timezone),
      location: row.location || meeting.location,
      description: describe(row.videoUrl || meeting.videoUrl),
      url: row.videoUrl || meeting.videoUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
}

export function addEvent(calendar: ICalCalendar, event: EventRow, cohortName: string) {
  calendar.createEvent({
    id: eventUid(event.id),
    sequence: event.sequence,
    timezone: event.timezone,
    start: zoned(event.startsAt, event.timezone),
    end: zoned(plus(event.startsAt, event.durationMinutes), event.timezone),
    summary: `${event.title} — ${cohortName}`,
    location: event.location,
    description: describe(event.videoUrl, event.description),
    url: event.videoUrl,
    status: event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}
