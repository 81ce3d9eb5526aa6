import { type Database, schema } from '@colab/db';
import { and, eq, inArray } from 'drizzle-orm';
import { ValidationFailed } from '../../errors.ts';
import type { MeetingRow } from './access.ts';
import { isOccurrence, localOf, occurrencesBetween } from './recurrence.ts';

type OccurrenceRow = typeof schema.meetingOccurrences.$inferSelect;
type Db = Pick<Database, 'select' | 'insert' | 'update'>;

const DAY = 86_400_000;
/** How far an occurrence may be moved from where the rule put it and still be found. */
const MOVE_REACH = 120 * DAY;

export interface Occurrence {
  meetingId: string;
  setId: string;
  title: string;
  /** Where the rule put it (RFC 5545 RECURRENCE-ID): the key of this occurrence in the API. */
  occurrence: string;
  startsAt: string;
  endsAt: string;
  localStart: string;
  timezone: string;
  durationMinutes: number;
  location: string | null;
  videoUrl: string | null;
  recurring: boolean;
  rrule: string | null;
  cancelled: boolean;
  moved: boolean;
  added: boolean;
  sequence: number;
}

export function presentOccurrence(
  meeting: MeetingRow,
  originalStart: Date,
  row: OccurrenceRow | undefined,
): Occurrence {
  const startsAt = row?.startsAt ?? originalStart;
  const durationMinutes = row?.durationMinutes ?? meeting.durationMinutes;
  return {
    meetingId: meeting.id,
    setId: meeting.setId,
    title: meeting.title,
    occurrence: originalStart.toISOString(),
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000).toISOString(),
    localStart: row?.localStart ?? localOf(startsAt, meeting.timezone),
    timezone: meeting.timezone,
    durationMinutes,
    location: row?.overridden && row.location !== null ? row.location : meeting.location,
    videoUrl: row?.overridden && row.videoUrl !== null ? row.videoUrl : meeting.videoUrl,
    recurring: meeting.rrule !== null,
    rrule: meeting.rrule,
    cancelled: meeting.cancelledAt !== null || (row?.cancelled ?? false),
    moved: row?.startsAt != null && row.startsAt.getTime() !== originalStart.getTime(),
    added: row?.added ?? false,
    sequence: meeting.sequence,
  };
}

export async function occurrenceRowsOf(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .select()
    .from(schema.meetingOccurrences)
    .where(inArray(schema.meetingOccurrences.meetingId, meetingIds));
}

/** Every occurrence of the meetings whose (possibly moved) start falls in [from, to). */
export function expand(
  meetings: MeetingRow[],
  rows: OccurrenceRow[],
  from: Date,
  to: Date,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const meeting of meetings) {
    const own = rows.filter((r) => r.meetingId === meeting.id);
    const byStart = new Map(own.map((r) => [r.originalStart.getTime(), r]));
    const starts = occurrencesBetween(
      meeting,
      new Date(from.getTime() - MOVE_REACH),
      new Date(to.getTime() + MOVE_REACH),
    );
    const seen = new Set(starts.map((d) => d.getTime()));
    for (const r of own)
      if (r.added && !seen.has(r.originalStart.getTime())) starts.push(r.originalStart);
    for (const start of starts) {
      const o = presentOccurrence(meeting, start, byStart.get(start.getTime()));
      const at = Date.parse(o.startsAt);
      if (at >= from.getTime() && at < to.getTime()) out.push(o);
    }
  }
  return out.sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.meetingId.localeCompare(b.meetingId),
  );
}

/**
 * The row of an occurrence if anything was recorded for it, else null. Throws for a time the
 * meeting never had, so nothing can be attached to a meeting that never was.
 */
export async function findOccurrence(
  db: Pick<Database, 'select'>,
  meeting: MeetingRow,
  occurrence: string | undefined,
): Promise<{ row: OccurrenceRow | null; originalStart: Date }> {
  if (meeting.rrule !== null && occurrence === undefined)
    throw new ValidationFailed([
      { path: 'occurrence', message: 'Say which meeting of the series: its original start time' },
    ]);
  const originalStart = occurrence ? new Date(occurrence) : meeting.startsAt;
  const [row] = await db
    .select()
    .from(schema.meetingOccurrences)
    .where(
      and(
        eq(schema.meetingOccurrences.meetingId, meeting.id),
        eq(schema.meetingOccurrences.originalStart, originalStart),
      ),
    );
  if (!row && !isOccurrence(meeting, originalStart))
    throw new ValidationFailed([
      { path: 'occurrence', message: 'This meeting has no occurrence at that time' },
    ]);
  return { row: row ?? null, originalStart };
}

/** The row of one occurrence, written if need be. */
export async function ensureOccurrence(
  db: Db,
  meeting: MeetingRow,
  occurrence: string | undefined,
): Promise<OccurrenceRow> {
  const { row, originalStart } = await findOccurrence(db, meeting, occurrence);
  if (row) return row;
  await db
    .insert(schema.meetingOccurrences)
    .values({ meetingId: meeting.id, originalStart })
    .onConflictDoNothing();
  // Read back, so two people touching a new occurrence at once get the same row.
  return (await findOccurrence(db, meeting, originalStart.toISOString())).row!;
}
