import { fieldProblemsFromZod } from '@colab/shared';
import type { z } from 'zod';
import { ValidationFailed } from '../errors.ts';

/** Parses input at the edge; a failure names every failing field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ValidationFailed(fieldProblemsFromZod(result.error));
  return result.data;
}
