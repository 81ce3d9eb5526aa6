import type { FieldProblem, Problem } from '@colab/shared';

/** A failed API call, carrying the server's problem+json (or one made up for it). */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly problem: Problem;
  /** Seconds to wait before trying again, from Retry-After (429 and 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 0 when the server could not be reached at all. */
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
  get detail(): string | undefined {
    return this.problem.detail;
  }
  get fields(): FieldProblem[] {
    return this.problem.fields ?? [];
  }
}

export const NETWORK_ERROR_CODE = 'network_error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the Colab API on this origin: JSON in, JSON out; throws ApiError on non-2xx. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body instanceof FormData) {
    // The browser writes the multipart boundary into the content type itself.
    init.body = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: NETWORK_ERROR_CODE,
      detail: 'We could not reach Colab. Check your connection and try again.',
    });
  }

  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(toProblem(response, parsed), retryAfter(response));
  return parsed as T;
}

export const apiGet = <T>(path: string) => request<T>('GET', path);
export const apiPost = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const apiPatch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const apiDelete = <T = void>(path: string) => request<T>('DELETE', path);

/**
 * Turns a problem's `fields` into the `{ [field]: message }` map that react-aria's
 * `<Form validationErrors>` shows on each field. The first message for a field wins.
 */
export function fieldErrorsOf(source: ApiError | Problem | FieldProblem[]): Record<string, string> {
  const fields = Array.isArray(source)
    ? source
    : source instanceof ApiError
      ? source.fields
      : (source.fields ?? []);
  const map: Record<string, string> = {};
  for (const { path, message } of fields) {
    if (!(path in map)) map[path] = message;
  }
  return map;
}

function toProblem(response: Response, body: unknown): Problem {
  if (isProblem(body)) return body;
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail:
      response.status >= 500
        ? 'Something went wrong on our side. Please try again.'
        : 'The request could not be completed.',
  };
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).title === 'string'
  );
}

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
export const apiPut = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
