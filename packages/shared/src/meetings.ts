import { z } from 'zod';
import { ZTimezone } from './cohorts.ts';

/**
 * Set meetings, cohort events, availability polls and the meeting runner. Times travel as
 * UTC ISO instants, except where a person states a wall-clock time: then it is `startsAt`
 * local to `timezone` (`2027-03-09T14:00:00`), so a series keeps 14:00 across clock changes.
 */

export const ZLocalDateTime = z
  .string({ error: 'Give a date and time like 2027-03-09T14:00' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Give a date and time like 2027-03-09T14:00');

const ZInstant = z.iso.datetime({ offset: true, error: 'Give a time like 2027-03-09T14:00:00Z' });
const duration = z
  .number({ error: 'Give the length in minutes' })
  .int('Give whole minutes')
  .min(5, 'A meeting lasts at least 5 minutes')
  .max(12 * 60, 'A meeting lasts at most 12 hours');
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const videoUrl = z
  .union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: 'Give a web address starting https://' }).max(500),
  ])
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();
/** An RFC 5545 recurrence rule without the `RRULE:` prefix; checked further on the server. */
export const ZRRule = z
  .string()
  .trim()
  .min(1, 'Give a recurrence rule such as FREQ=WEEKLY;INTERVAL=4')
  .max(300)
  .regex(/^FREQ=/i, 'Start the rule with FREQ=, without RRULE:')
  .nullable()
  .optional();

export const ZCreateMeetingRequest = z
  .object({
    title: optionalText(120, 'Title'),
    startsAt: ZLocalDateTime,
    durationMinutes: duration,
    timezone: ZTimezone,
    rrule: ZRRule,
    location: optionalText(300, 'Location'),
    videoUrl,
  })
  .strict();
export type TCreateMeetingRequest = z.input<typeof ZCreateMeetingRequest>;

export const MEETING_SCOPES = ['this', 'following', 'all'] as const;
export const ZUpdateMeetingRequest = z
  .object({
    /** Which occurrences the change is for; `this` and `following` name one by `occurrence`. */
    scope: z.enum(MEETING_SCOPES, { error: 'Choose this, following or all' }).default('all'),
    /** The occurrence's original start (its RECURRENCE-ID), as listed by the API. */
    occurrence: ZInstant.optional(),
    title: optionalText(120, 'Title'),
    startsAt: ZLocalDateTime.optional(),
    durationMinutes: duration.optional(),
    timezone: ZTimezone.optional(),
    rrule: ZRRule,
    location: optionalText(300, 'Location'),
    videoUrl,
    cancelled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.scope === 'all' || v.occurrence !== undefined, {
    path: ['occurrence'],
    error: 'Say which occurrence: its original start time',
  });
export type TUpdateMeetingRequest = z.input<typeof ZUpdateMeetingRequest>;

export const ZAddOccurrenceRequest = z
  .object({
    startsAt: ZLocalDateTime,
    durationMinutes: duration.optional(),
  })
  .strict();

export const RSVP_ANSWERS = ['going', 'maybe', 'cant'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
export const ZRsvpRequest = z
  .object({
    occurrence: ZInstant.optional(),
    response: z.enum(RSVP_ANSWERS, { error: 'Answer going, maybe or cant' }),
  })
  .strict();

export const EVENT_KINDS = ['masterclass', 'celebration', 'other'] as const;
export const ZCreateEventRequest = z
  .object({
    title: z.string().trim().min(1, 'Give the event a title').max(120),
    kind: z.enum(EVENT_KINDS, { error: 'Choose masterclass, celebration or other' }),
    startsAt: ZLocalDateTime,
    durationMinutes: duration,
    timezone: ZTimezone,
    location: optionalText(300, 'Location'),
    videoUrl,
    description: optionalText(4000, 'Description'),
  })
  .strict();
export const ZUpdateEventRequest = ZCreateEventRequest.partial()
  .extend({ cancelled: z.boolean().optional() })
  .strict();

export const ZCalendarRange = z
  .object({
    from: ZInstant,
    to: ZInstant,
  })
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), {
    path: ['to'],
    error: 'The end must come after the start',
  })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 400 * 86_400_000, {
    path: ['to'],
    error: 'Ask for at most 400 days at a time',
  });

export const POLL_ANSWERS = ['yes', 'if_need_be', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];
export const MAX_POLL_SLOTS = 100;
export const ZCreatePollRequest = z
  .object({
    title: optionalText(120, 'Title'),
    timezone: ZTimezone,
    durationMinutes: duration,
    /** Wall-clock starts in `timezone`. */
    slots: z
      .array(ZLocalDateTime)
      .min(1, 'Propose at least one time')
      .max(MAX_POLL_SLOTS, `Propose at most ${MAX_POLL_SLOTS} times`),
    location: optionalText(300, 'Location'),
    videoUrl,
  })
  .strict();
export type TCreatePollRequest = z.input<typeof ZCreatePollRequest>;

export const ZPollResponsesRequest = z
  .object({
    answers: z
      .array(
        z
          .object({
            slotId: z.uuid({ error: 'Choose a proposed time' }),
            answer: z.enum(POLL_ANSWERS, { error: 'Answer yes, if_need_be or no' }),
          })
          .strict(),
      )
      .min(1, 'Answer at least one time')
      .max(MAX_POLL_SLOTS),
  })
  .strict();

export const ZConfirmPollRequest = z
  .object({
    slotId: z.uuid({ error: 'Choose a proposed time' }),
    /** With a rule, the confirmed time starts a recurring series. */
    rrule: ZRRule,
  })
  .strict();

export const ZOccurrenceQuery = z.object({ occurrence: ZInstant.optional() });

export const ZCheckInRequest = z
  .object({
    occurrence: ZInstant.optional(),
    note: optionalText(500, 'Check-in'),
  })
  .strict();

export const ZSetRotaRequest = z
  .object({
    occurrence: ZInstant.optional(),
    /** Who presents this time, in order. */
    presenterIds: z.array(z.uuid({ error: 'Choose members of the set' })).max(12),
  })
  .strict();

export const ZUpdatePresentationRequest = z
  .object({
    challenge: optionalText(500, 'Challenge'),
    questions: optionalText(4000, 'Questions'),
    timer: z.enum(['start', 'stop'], { error: 'Use start or stop' }).optional(),
  })
  .strict();

const dueDate = z.iso
  .date({ error: 'Use a date like 2027-03-09' })
  .nullable()
  .optional()
  .transform((v) => v ?? null);
export const ZCreateActionRequest = z
  .object({
    occurrence: ZInstant.optional(),
    presentationId: z.uuid().nullable().optional(),
    ownerId: z.uuid({ error: 'Choose who owns the action' }),
    text: z.string().trim().min(1, 'Say what the action is').max(500),
    dueDate,
  })
  .strict();

export const FOLLOW_UP_OUTCOMES = ['done', 'partly', 'not_yet'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const ZUpdateActionRequest = z
  .object({
    text: z.string().trim().min(1, 'Say what the action is').max(500).optional(),
    dueDate: z.iso.date({ error: 'Use a date like 2027-03-09' }).nullable().optional(),
    followUp: z
      .object({
        meetingId: z.uuid({ error: 'Say at which meeting' }),
        occurrence: ZInstant.optional(),
        outcome: z.enum(FOLLOW_UP_OUTCOMES, { error: 'Answer done, partly or not_yet' }),
        note: optionalText(1000, 'Note'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ZSetRoomRequest = z.object({ setId: z.uuid() }).strict();
