import { ApiError, fieldErrorsOf, NETWORK_ERROR_CODE } from '../../api/client.ts';
import type { Feedback } from '../../ui/use-form-feedback.ts';

const GENERIC = 'Something went wrong. Please try again.';

/** What a sign-in or sign-up form shows for a failed request. */
export function describeAuthError(error: unknown, formFields: readonly string[]): Feedback {
  if (!(error instanceof ApiError)) return { message: GENERIC };
  switch (error.code) {
    case 'invalid_email_or_password':
      return {
        message: 'That email and password do not match an account. Check them and try again.',
      };
    case 'user_already_exists':
    case 'user_already_exists_use_another_email':
      return {
        fieldErrors: {
          email: 'An account already uses this email. Sign in instead, or use a different email.',
        },
      };
    case NETWORK_ERROR_CODE:
      return { message: error.detail ?? GENERIC };
  }
  if (error.status === 429) {
    return { message: error.detail ?? 'Too many attempts. Please wait a minute and try again.' };
  }
  if (error.status >= 500)
    return { message: 'Something went wrong on our side. Please try again.' };

  const fieldErrors = fieldErrorsOf(error);
  const onForm = Object.fromEntries(
    Object.entries(fieldErrors).filter(([path]) => formFields.includes(path)),
  );
  if (Object.keys(onForm).length > 0) {
    const elsewhere = Object.keys(fieldErrors).length > Object.keys(onForm).length;
    return { fieldErrors: onForm, message: elsewhere ? (error.detail ?? null) : null };
  }
  return { message: error.detail ?? GENERIC };
}
