import { vi } from 'vitest';

export interface StubResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = StubResponse | ((init: RequestInit | undefined) => StubResponse);

/**
 * Replaces `fetch` for a UI unit test: each "METHOD /path" answers with its stubbed response
 * (errors as problem+json); anything not stubbed fails the test loudly.
 */
export function stubFetch(routes: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${init?.method ?? 'GET'} ${url}`;
    const handler = routes[key];
    if (!handler) throw new Error(`No stubbed response for ${key}`);
    const {
      status = 200,
      body,
      headers = {},
    } = typeof handler === 'function' ? handler(init) : handler;
    const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': contentType, ...headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function problem(status: number, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title: 'Problem', status, ...extra };
}

export const signedOut = { status: 401, body: problem(401, { code: 'unauthenticated' }) };

export function person(overrides: Record<string, unknown> = {}) {
  return {
    id: '01890000-0000-7000-8000-000000000001',
    name: 'Amy Aitkens',
    email: 'amy@example.org',
    isInstanceAdmin: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
