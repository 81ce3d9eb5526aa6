import type { z } from 'zod';

/** One failing field of a 400 response: `path` is dotted (`invites.2.email`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** RFC 9457 problem details, the body of every API error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  fields?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function fieldProblemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
