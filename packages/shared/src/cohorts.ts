import { z } from 'zod';
import { COHORT_ROLES } from './permissions.ts';

export const ZCohortRole = z.enum(COHORT_ROLES, { error: 'Choose a role' });

const isIanaZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
export const ZTimezone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isIanaZone, { error: 'Choose a timezone such as Europe/London' });

const ZDate = z.iso.date({ error: 'Use a date like 2027-03-09' });
const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} can be at most ${max} characters`);

const cohortFields = {
  name: text(120, 'Name').min(1, 'Give the cohort a name'),
  programme: text(120, 'Programme').default(''),
  theme: text(120, 'Theme').default(''),
  description: text(4000, 'Description').default(''),
  startsOn: ZDate,
  endsOn: ZDate,
  timezone: ZTimezone.default('Europe/London'),
  titlesAtTheDoor: z.boolean().default(true),
};

const datesInOrder = (v: { startsOn?: string; endsOn?: string }) =>
  !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn;

export const ZCreateCohortRequest = z.object(cohortFields).refine(datesInOrder, {
  error: 'The end date must be on or after the start date',
  path: ['endsOn'],
});
export type TCreateCohortRequest = z.input<typeof ZCreateCohortRequest>;

export const ZUpdateCohortRequest = z
  .object({
    name: cohortFields.name,
    programme: text(120, 'Programme'),
    theme: text(120, 'Theme'),
    description: text(4000, 'Description'),
    startsOn: ZDate,
    endsOn: ZDate,
    timezone: ZTimezone,
    titlesAtTheDoor: z.boolean(),
    archived: z.boolean(),
  })
  .partial()
  .strict()
  .refine(datesInOrder, {
    error: 'The end date must be on or after the start date',
    path: ['endsOn'],
  });
export type TUpdateCohortRequest = z.input<typeof ZUpdateCohortRequest>;

export const ZUpdateProfileRequest = z
  .object({
    displayName: text(100, 'Display name').min(1, 'Enter the name people will see'),
    pronouns: text(40, 'Pronouns'),
    bio: text(1000, 'Bio'),
    organisation: text(160, 'Organisation'),
    jobTitle: text(160, 'Job title'),
    /** null goes back to the zone the person's browser reports. */
    timezone: ZTimezone.nullable(),
  })
  .partial()
  .strict();
export type TUpdateProfileRequest = z.input<typeof ZUpdateProfileRequest>;

export const ZInviteRow = z.object({
  email: z
    .string({ error: 'Enter an email address' })
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'Enter an email address like name@example.org' })),
  name: text(100, 'Name').optional(),
  role: ZCohortRole,
});
export type TInviteRow = z.infer<typeof ZInviteRow>;

export const MAX_INVITES_PER_REQUEST = 500;

/**
 * Invite one or many: a list of rows, or a pasted CSV of `email,name,role` (a header row is
 * optional), or a pasted list of emails with one role. Rows are checked one by one: bad rows
 * are reported and good ones still invited.
 */
export const ZCreateInvitationsRequest = z.union([
  z
    .object({
      invites: z.array(z.unknown()).min(1, 'Add at least one person').max(MAX_INVITES_PER_REQUEST),
    })
    .strict(),
  z.object({ csv: z.string().min(1, 'Paste or upload at least one row').max(500_000) }).strict(),
  z
    .object({
      emails: z.string().min(1, 'Paste at least one email address').max(200_000),
      role: ZCohortRole,
    })
    .strict(),
]);
export type TCreateInvitationsRequest = z.input<typeof ZCreateInvitationsRequest>;

export const ZUpdateMemberRequest = z.object({ role: ZCohortRole }).strict();

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
