import { z } from 'zod';

const name = z
  .string({ error: 'Give the group a name' })
  .trim()
  .min(1, 'Give the group a name')
  .max(120, 'Use at most 120 characters');
const challenge = z.string().trim().max(2000, 'Use at most 2000 characters');
const ids = (message: string) => z.array(z.uuid({ error: message })).max(30);

export const ZCreateGroupRequest = z
  .object({
    name,
    /** The hard problem the group works on, in a sentence or two. */
    challenge: challenge.default(''),
    memberIds: ids('Choose participants of the cohort').default([]),
    sponsorIds: ids('Choose sponsors of the cohort').default([]),
    chiefSponsorId: z.uuid({ error: 'Choose one of the sponsors' }).nullable().optional(),
  })
  .strict()
  .refine((g) => !g.chiefSponsorId || g.sponsorIds.includes(g.chiefSponsorId), {
    path: ['chiefSponsorId'],
    error: 'The chief sponsor must be one of the sponsors',
  });
export type TCreateGroupRequest = z.input<typeof ZCreateGroupRequest>;

export const ZUpdateGroupRequest = z.object({ name, challenge }).partial().strict();

export const GROUP_ROLES = ['member', 'sponsor'] as const;
export const ZAddGroupMembersRequest = z
  .object({
    userIds: ids('Choose people of the cohort').min(1, 'Choose at least one person'),
    role: z.enum(GROUP_ROLES, { error: 'Choose member or sponsor' }),
    /** Makes the (one) sponsor added the chief sponsor. */
    chief: z.boolean().default(false),
  })
  .strict()
  .refine((g) => !g.chief || (g.role === 'sponsor' && g.userIds.length === 1), {
    path: ['chief'],
    error: 'Mark one sponsor at a time as chief',
  });

export const groupPageDocName = (groupId: string) => `group-page:${groupId}`;
