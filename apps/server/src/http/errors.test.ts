import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, startTestServer, type TestServer } from '../testing/test-server.ts';

// Transport behaviour: the same whatever the database, so PGlite alone.
describe('API errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      env: { API_RATE_LIMIT_PER_MINUTE: '60', SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' },
      extraApiRoutes: (api) => {
        api.get('/test/fault', () => {
          throw new Error('database exploded at /secret/path.ts:42');
        });
      },
    });
  });
  afterAll(() => server?.stop());

  function expectProblem(
    response: { status: number; headers: Headers; body: any },
    status: number,
  ) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status,
    });
    expect(typeof response.body.detail).toBe('string');
  }

  it('answers malformed JSON with 400 naming the body', async () => {
    const response = await server.client().request('POST', '/api/auth/sign-up/email', {
      body: '{"name": "Amy", ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
    expect(response.body.fields).toEqual([{ path: '(body)', message: 'Not valid JSON' }]);
  });

  it('answers a body over 1 MB with 413', async () => {
    const response = await server.client().post('/api/auth/sign-up/email', {
      name: 'x'.repeat(1_100_000),
      email: 'big@example.org',
      password: 'long enough password',
    });
    expectProblem(response, 413);
  });

  it('answers an unknown API route with 404', async () => {
    const response = await server.client().get('/api/no-such-thing');
    expectProblem(response, 404);
    expect(response.body.detail).toContain('/api/no-such-thing');
  });

  it('answers a server fault with 500 and no stack trace or message in the body', async () => {
    const response = await server.client().get('/api/test/fault');
    expectProblem(response, 500);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('.ts');
  });

  it('throttles sign-in per account with 429 and Retry-After', async () => {
    const person = newPerson();
    await server.client().signUp(person);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<ReturnType<TestServer['client']>['signIn']>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await server.client().signIn(person.email, 'wrong password here');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expectProblem(last!, 429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles any API client that sends too many requests, with 429 and Retry-After', async () => {
    let response = await server.client().get('/api/me');
    for (let i = 0; i < 70 && response.status !== 429; i++)
      response = await server.client().get('/api/me');
    expectProblem(response, 429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
