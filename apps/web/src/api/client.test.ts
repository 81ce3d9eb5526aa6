import { describe, expect, it, vi } from 'vitest';
import { problem, stubFetch } from '../testing/fetch-stub.ts';
import { ApiError, apiGet, apiPost, fieldErrorsOf, NETWORK_ERROR_CODE } from './client.ts';

describe('api client', () => {
  it('sends JSON with same-origin credentials and returns the parsed answer', async () => {
    const fetchMock = stubFetch({ 'POST /api/things': { body: { id: 't1' } } });
    await expect(apiPost('/api/things', { name: 'Board' })).resolves.toEqual({ id: 't1' });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(init?.body).toBe(JSON.stringify({ name: 'Board' }));
  });

  it('turns a problem+json answer into an ApiError carrying status, code, detail and fields', async () => {
    const fields = [{ path: 'email', message: 'Enter an email address like name@example.org' }];
    stubFetch({
      'POST /api/auth/sign-up/email': {
        status: 400,
        body: problem(400, {
          code: 'validation_failed',
          detail: 'Some fields need attention.',
          fields,
        }),
      },
    });
    const error = await apiPost('/api/auth/sign-up/email', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.detail).toBe('Some fields need attention.');
    expect(apiError.fields).toEqual(fields);
    expect(apiError.message).toBe('Some fields need attention.');
  });

  it('reads how long to wait from Retry-After', async () => {
    stubFetch({
      'POST /api/auth/sign-in/email': {
        status: 429,
        body: problem(429, { code: 'rate_limited' }),
        headers: { 'retry-after': '42' },
      },
    });
    const error = (await apiPost('/api/auth/sign-in/email', {}).catch((e) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('makes a plain, non-JSON error page into an ApiError with a calm message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    const error = (await apiGet('/api/me').catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.detail).toBe('Something went wrong on our side. Please try again.');
  });

  it('reports an unreachable server as a network error with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = (await apiGet('/api/me').catch((e) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe(NETWORK_ERROR_CODE);
    expect(error.detail).toMatch(/check your connection/i);
  });
});

describe('fieldErrorsOf', () => {
  it('maps each field to its first message, ready for react-aria validationErrors', () => {
    const error = new ApiError(
      problem(400, {
        fields: [
          { path: 'email', message: 'Enter an email address like name@example.org' },
          { path: 'password', message: 'Use at least 10 characters' },
          { path: 'email', message: 'Email address is too long' },
        ],
      }),
    );
    expect(fieldErrorsOf(error)).toEqual({
      email: 'Enter an email address like name@example.org',
      password: 'Use at least 10 characters',
    });
  });

  it('gives an empty map for a problem without fields', () => {
    expect(fieldErrorsOf(problem(401))).toEqual({});
  });
});
