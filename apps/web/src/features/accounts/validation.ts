import { fieldProblemsFromZod, ZSignInRequest, ZSignUpRequest } from '@colab/shared';
import type { FieldErrors } from '../../ui/use-form-feedback.ts';

// The shared schemas bring zod, the largest library here; the sign-in page loads this module
// only once the person reaches into its form, so neither its first paint nor a visit that
// only looks pays for it.

type Parsed<T> = { success: true; data: T } | { success: false; fieldErrors: FieldErrors };

interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: Parameters<typeof fieldProblemsFromZod>[0] };
}

/** Checks a form's values with a shared schema, so the browser says what the server would. */
function parseForm<T>(schema: Schema<T>, form: HTMLFormElement): Parsed<T> {
  const result = schema.safeParse(Object.fromEntries(new FormData(form)));
  if (result.success) return { success: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const { path, message } of fieldProblemsFromZod(result.error)) {
    if (!(path in fieldErrors)) fieldErrors[path] = message;
  }
  return { success: false, fieldErrors };
}

export const parseSignIn = (form: HTMLFormElement) => parseForm(ZSignInRequest, form);
export const parseSignUp = (form: HTMLFormElement) => parseForm(ZSignUpRequest, form);
