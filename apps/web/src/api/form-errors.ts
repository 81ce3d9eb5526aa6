import type { Feedback } from '../ui/use-form-feedback.ts';
import { ApiError, fieldErrorsOf, NETWORK_ERROR_CODE } from './client.ts';

const GENERIC = 'Something went wrong. Please try again.';

/**
 * What a form (or a dialog) shows for a failed request: the server's field errors on the
 * fields the form has, and one plain sentence for everything else.
 */
export function describeError(error: unknown, formFields: readonly string[] = []): Feedback {
  if (!(error instanceof ApiError)) return { message: GENERIC };
  if (error.code === NETWORK_ERROR_CODE) return { message: error.detail ?? GENERIC };
  if (error.code === 'cohort_archived') {
    return { message: 'This cohort is archived, so nothing in it can be changed.' };
  }
  if (error.status === 401) {
    return { message: 'You have been signed out. Sign in again, then try once more.' };
  }
  if (error.status === 403) {
    return {
      message:
        error.detail ??
        'You do not have permission to do this. Reload the page to see what you can do.',
    };
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
