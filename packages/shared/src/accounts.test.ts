import { describe, expect, it } from 'vitest';
import { ZSignUpRequest } from './accounts.ts';
import { fieldProblemsFromZod } from './problem.ts';

describe('sign-up request', () => {
  it('normalises the email to lower case without surrounding spaces', () => {
    const parsed = ZSignUpRequest.parse({
      name: ' Amy ',
      email: '  Amy@Example.ORG ',
      password: 'a long enough secret',
    });
    expect(parsed).toEqual({
      name: 'Amy',
      email: 'amy@example.org',
      password: 'a long enough secret',
    });
  });

  it('names every failing field', () => {
    const result = ZSignUpRequest.safeParse({ name: '', email: 'not-an-email', password: 'short' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const fields = fieldProblemsFromZod(result.error).map((f) => f.path);
    expect(fields.sort()).toEqual(['email', 'name', 'password']);
  });
});
