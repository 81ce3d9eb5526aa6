import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';
import { learningSets } from './sets.ts';

const id = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => uuidv7());
const at = () => timestamp({ withTimezone: true });
const createdAt = () => at().notNull().defaultNow();

/**
 * A set meeting: one-off, or a recurring series when `rrule` is set. `localStart` is the
 * wall-clock start in `timezone`, which is what recurs; `startsAt` is its first instant.
 * `sequence` is raised on every change, for calendar clients (RFC 5545 SEQUENCE).
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    setId: uuid()
      .notNull()
      .references(() => learningSets.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    localStart: text().notNull(),
    timezone: text().notNull(),
    startsAt: at().notNull(),
    durationMinutes: integer().notNull(),
    rrule: text(),
    location: text(),
    videoUrl: text(),
    sequence: integer().notNull().default(0),
    cancelledAt: at(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index().on(t.setId)],
);

/**
 * One occurrence of a meeting, written only once something is attached to it: a change to
 * that occurrence alone, an added occurrence, RSVPs, or what happened in it. `originalStart`
 * is where the rule put it (RFC 5545 RECURRENCE-ID); a one-off's is its start.
 */
export const meetingOccurrences = pgTable(
  'meeting_occurrences',
  {
    id: id(),
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    originalStart: at().notNull(),
    /** Moved to this local wall-clock time (in the meeting's timezone) and instant. */
    localStart: text(),
    startsAt: at(),
    durationMinutes: integer(),
    location: text(),
    videoUrl: text(),
    cancelled: boolean().notNull().default(false),
    /** Added by hand outside the rule (RFC 5545 RDATE). */
    added: boolean().notNull().default(false),
    /** Whether it differs from what the series says (so calendars get an exception). */
    overridden: boolean().notNull().default(false),
  },
  (t) => [unique().on(t.meetingId, t.originalStart)],
);

export const rsvpAnswer = pgEnum('rsvp_answer', ['going', 'maybe', 'cant']);
export const meetingRsvps = pgTable(
  'meeting_rsvps',
  {
    occurrenceId: uuid()
      .notNull()
      .references(() => meetingOccurrences.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    response: rsvpAnswer().notNull(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.occurrenceId, t.userId] })],
);

export const meetingCheckins = pgTable(
  'meeting_checkins',
  {
    occurrenceId: uuid()
      .notNull()
      .references(() => meetingOccurrences.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    note: text(),
    checkedInAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.occurrenceId, t.userId] })],
);

/** Who presents at an occurrence, in order, with their challenge and the set's questions. */
export const meetingPresentations = pgTable(
  'meeting_presentations',
  {
    id: id(),
    occurrenceId: uuid()
      .notNull()
      .references(() => meetingOccurrences.id, { onDelete: 'cascade' }),
    presenterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    challenge: text(),
    questions: text(),
    timerStartedAt: at(),
    timerStoppedAt: at(),
  },
  (t) => [unique().on(t.occurrenceId, t.presenterId)],
);

export const actionStatus = pgEnum('action_status', ['open', 'done']);
export const setActions = pgTable(
  'set_actions',
  {
    id: id(),
    setId: uuid()
      .notNull()
      .references(() => learningSets.id, { onDelete: 'cascade' }),
    occurrenceId: uuid()
      .notNull()
      .references(() => meetingOccurrences.id, { onDelete: 'cascade' }),
    presentationId: uuid().references(() => meetingPresentations.id, { onDelete: 'set null' }),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    dueDate: date({ mode: 'string' }),
    status: actionStatus().notNull().default('open'),
    /** When the owner was told it falls due soon, so they are told once. */
    dueNotifiedAt: at(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.setId), index().on(t.ownerId)],
);

export const followUpOutcome = pgEnum('follow_up_outcome', ['done', 'partly', 'not_yet']);
export const actionFollowUps = pgTable(
  'action_follow_ups',
  {
    id: id(),
    actionId: uuid()
      .notNull()
      .references(() => setActions.id, { onDelete: 'cascade' }),
    occurrenceId: uuid()
      .notNull()
      .references(() => meetingOccurrences.id, { onDelete: 'cascade' }),
    outcome: followUpOutcome().notNull(),
    note: text(),
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    recordedAt: createdAt(),
  },
  (t) => [unique().on(t.actionId, t.occurrenceId)],
);

export const pollStatus = pgEnum('poll_status', ['open', 'confirmed']);
export const polls = pgTable(
  'polls',
  {
    id: id(),
    setId: uuid()
      .notNull()
      .references(() => learningSets.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    timezone: text().notNull(),
    durationMinutes: integer().notNull(),
    location: text(),
    videoUrl: text(),
    status: pollStatus().notNull().default('open'),
    confirmedSlotId: uuid(),
    meetingId: uuid().references(() => meetings.id, { onDelete: 'set null' }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.setId)],
);

export const pollSlots = pgTable(
  'poll_slots',
  {
    id: id(),
    pollId: uuid()
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    localStart: text().notNull(),
    startsAt: at().notNull(),
  },
  (t) => [index().on(t.pollId)],
);

export const pollAnswer = pgEnum('poll_answer', ['yes', 'if_need_be', 'no']);
export const pollResponses = pgTable(
  'poll_responses',
  {
    slotId: uuid()
      .notNull()
      .references(() => pollSlots.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    answer: pollAnswer().notNull(),
    updatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.userId] })],
);

export const eventKind = pgEnum('event_kind', ['masterclass', 'celebration', 'other']);
/** What a whole cohort meets for: masterclasses, the celebration event, and so on. */
export const cohortEvents = pgTable(
  'cohort_events',
  {
    id: id(),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    kind: eventKind().notNull(),
    localStart: text().notNull(),
    timezone: text().notNull(),
    startsAt: at().notNull(),
    durationMinutes: integer().notNull(),
    location: text(),
    videoUrl: text(),
    description: text(),
    sequence: integer().notNull().default(0),
    cancelledAt: at(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.cohortId)],
);

/** A person's secret calendar feed; rotating it replaces the token, revoking the old URL. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** sha256 of the token; the URL is shown once, when made, and never stored. */
  tokenHash: text().notNull().unique(),
  createdAt: createdAt(),
});
