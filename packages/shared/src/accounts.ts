import { z } from 'zod';

// Shared by the sign-up form and the server edge, so both report the same field errors.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const email = z
  .string({ error: 'Enter your email address' })
  .trim()
  .toLowerCase()
  .max(254, 'Email address is too long')
  .pipe(z.email({ error: 'Enter an email address like name@example.org' }));

const newPassword = z
  .string({ error: 'Enter a password' })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

export const ZSignUpRequest = z.object({
  name: z
    .string({ error: 'Enter your name' })
    .trim()
    .min(1, 'Enter your name')
    .max(100, 'Use at most 100 characters'),
  email,
  password: newPassword,
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequest>;

export const ZSignInRequest = z.object({
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024),
  rememberMe: z.boolean().optional(),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z
    .string({ error: 'Enter your current password' })
    .min(1, 'Enter your current password'),
  newPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

/** The signed-in person and their own profile, as `GET /api/me` returns them. */
export const ZMe = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  email: z.string(),
  isInstanceAdmin: z.boolean(),
  createdAt: z.string(),
  pronouns: z.string(),
  bio: z.string(),
  organisation: z.string(),
  jobTitle: z.string(),
  /** The chosen zone, or Europe/London when none was chosen (then the browser's is used). */
  timezone: z.string(),
  timezoneChosen: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

/** A page of the instance's audit log, newest first; `before` is the last id of the previous page. */
export const ZAuditLogQuery = z.object({
  before: z.uuid('Give the id of the last event of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditLogQuery = z.infer<typeof ZAuditLogQuery>;
