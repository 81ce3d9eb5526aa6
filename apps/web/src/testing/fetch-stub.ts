import { vi } from 'vitest';

export interface StubResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = StubResponse | ((init: RequestInit | undefined) => StubResponse);

/**
 * Replaces `fetch` for a UI unit test: each "METHOD /path" (with or without its query)
 * answers with its stubbed response
 * (errors as problem+json); anything not stubbed fails the test loudly.
 */
/** What every signed-in page's header asks for, unless a test stubs it itself. */
const SHELL_DEFAULTS: Record<string, Handler> = {
  'GET /api/notifications': { body: { notifications: [], unread: 0 } },
};

export function stubFetch(routes: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${init?.method ?? 'GET'} ${url}`;
    // An exact "METHOD /path?query" first; else the path alone answers whatever the query.
    const handler = routes[key] ?? routes[key.split('?')[0]!] ?? SHELL_DEFAULTS[key];
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
  const name = (overrides.name as string | undefined) ?? 'Amy Aitkens';
  return {
    id: '01890000-0000-7000-8000-000000000001',
    name,
    displayName: name,
    email: 'amy@example.org',
    isInstanceAdmin: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    pronouns: '',
    bio: '',
    organisation: '',
    jobTitle: '',
    timezone: 'Europe/London',
    timezoneChosen: true,
    ...overrides,
  };
}

/** `GET /api/cohorts` for someone in no cohort (and who cannot create one). */
export const noCohorts = { body: { cohorts: [], canCreate: false } };

export const COHORT_ID = '01890000-0000-7000-8000-00000000c001';

/** A cohort as `GET /api/cohorts/:id` answers, seen by a participant unless overridden. */
export function cohort(overrides: Record<string, unknown> = {}) {
  return {
    id: COHORT_ID,
    name: 'Cohort 4: Health Inequalities',
    programme: 'HCT Co-Lab',
    theme: 'Health inequalities',
    description: 'Twelve months of learning together across the system.',
    startsOn: '2027-03-09',
    endsOn: '2027-07-14',
    timezone: 'Europe/London',
    titlesAtTheDoor: true,
    archived: false,
    createdAt: '2027-01-01T00:00:00.000Z',
    myRole: 'participant',
    memberCount: 3,
    allowedActions: ['cohort.view', 'members.view', 'activity.view'],
    assignableRoles: [],
    ...overrides,
  };
}

/** What a facilitator may do in a cohort that is not archived. */
export const FACILITATOR_ACTIONS = [
  'cohort.view',
  'cohort.edit',
  'members.view',
  'members.manage',
  'invitations.manage',
  'audit.view',
  'activity.view',
];

export function member(overrides: Record<string, unknown> = {}) {
  const displayName = (overrides.displayName as string | undefined) ?? 'Bo Second';
  return {
    userId: '01890000-0000-7000-8000-000000000002',
    displayName,
    role: 'participant',
    joinedAt: '2027-03-01T10:00:00.000Z',
    pronouns: '',
    bio: '',
    timezone: 'Europe/London',
    initials: displayName
      .split(' ')
      .map((part) => part[0])
      .join(''),
    ...overrides,
  };
}
