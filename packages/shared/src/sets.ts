import { z } from 'zod';

const name = z
  .string({ error: 'Give the set a name' })
  .trim()
  .min(1, 'Give the set a name')
  .max(120, 'Use at most 120 characters');

export const ZCreateSetRequest = z
  .object({
    name,
    /** Participants and facilitators of the cohort to put in it straight away. */
    memberIds: z
      .array(z.uuid({ error: 'Choose members of the cohort' }))
      .max(20)
      .default([]),
  })
  .strict();
export type TCreateSetRequest = z.input<typeof ZCreateSetRequest>;

export const ZUpdateSetRequest = z.object({ name }).strict();

export const ZAddSetMembersRequest = z
  .object({
    userIds: z
      .array(z.uuid({ error: 'Choose members of the cohort' }))
      .min(1, 'Choose at least one person')
      .max(20),
  })
  .strict();

/** Sets work best with 4 to 8 members (their facilitator aside): outside that, a warning. */
export const SET_SIZE = { min: 4, max: 8 } as const;
