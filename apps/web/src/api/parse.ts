import { fieldProblemsFromZod } from '@colab/shared';
import type { FieldErrors } from '../ui/use-form-feedback.ts';

export type Parsed<T> = { success: true; data: T } | { success: false; fieldErrors: FieldErrors };

interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: Parameters<typeof fieldProblemsFromZod>[0] };
}

/** Checks values with a shared schema, so the browser says what the server would. */
export function parseWith<T>(schema: Schema<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const { path, message } of fieldProblemsFromZod(result.error)) {
    if (!(path in fieldErrors)) fieldErrors[path] = message;
  }
  return { success: false, fieldErrors };
}

/** A text field of a form, trimmed of nothing: the schemas trim. */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
