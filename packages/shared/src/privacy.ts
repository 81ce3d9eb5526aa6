import { z } from 'zod';

/**
 * Erasing an account is final, so the request must repeat the account's email address: the
 * same check as the type-to-confirm box in the profile page.
 */
export const ZEraseAccountRequest = z.object({
  confirm: z
    .string({ error: 'Type the email address of the account to confirm' })
    .trim()
    .toLowerCase()
    .min(1, 'Type the email address of the account to confirm')
    .max(254),
});
export type TEraseAccountRequest = z.infer<typeof ZEraseAccountRequest>;

/** What replaces an erased person's id on boards, so their cards stay, shown as a former member. */
export const FORMER_MEMBER_ID = 'former-member';
export const FORMER_MEMBER_NAME = 'Former member';

const months = z
  .number({ error: 'Give a whole number of months' })
  .int('Give a whole number of months')
  .min(1, 'At least one month')
  .max(600, 'At most 600 months');

/**
 * A cohort's retention: archived (read-only) `archiveAfterMonths` after it ends, deleted with
 * everything in it `deleteAfterMonths` after it ends. Null keeps it as it is.
 */
export const ZCohortRetention = z
  .object({
    archiveAfterMonths: months.nullable(),
    deleteAfterMonths: months.nullable(),
  })
  .superRefine((value, ctx) => {
    if (
      value.archiveAfterMonths !== null &&
      value.deleteAfterMonths !== null &&
      value.deleteAfterMonths <= value.archiveAfterMonths
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['deleteAfterMonths'],
        message: 'Delete after more months than it is archived after',
      });
    }
  });
export type TCohortRetention = z.infer<typeof ZCohortRetention>;
