import { join } from 'node:path';
import { type APIResponse, type Browser, expect, type Page, test } from '@playwright/test';
import { ARTIFACTS_DIR } from './paths.ts';

export const PASSWORD = 'a long enough secret';

export function uniqueEmail(who: string): string {
  return `${who}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/** A full-page screenshot in e2e/artifacts/, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** Console errors include Content-Security-Policy violations, which must never happen. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // The 401 of GET /api/me while signed out is expected; Chromium logs every failed fetch.
    if (message.type() === 'error' && !message.text().includes('401')) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Whether the page fits its viewport's width, with no sideways scrolling. */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Calls the API as the page's signed-in person (the page's cookies, Colab's own origin). */
export async function api<T>(page: Page, method: string, path: string, data?: unknown): Promise<T> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const response: APIResponse = await page.request.fetch(path, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: { origin },
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json().catch(() => undefined)) as T;
}

/** A new person in their own browser context, signed up and 1280 px wide. */
export async function person(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto('/sign-in');
  const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
  const signedUp = await api<{ user: { id: string } }>(page, 'POST', '/api/auth/sign-up/email', {
    name,
    email,
    password: PASSWORD,
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  return { context, page, email, errors, id: signedUp.user.id, name };
}

type Person = Awaited<ReturnType<typeof person>>;

/** The instance's first account (so its admin) opens the cohort a spec works in. */
export async function openCohort(browser: Browser) {
  const lead = await person(browser, 'Lee Lead');
  const cohort = await api<{ id: string }>(lead.page, 'POST', '/api/cohorts', {
    name: 'Health inequalities co-lab',
    startsOn: '2026-09-01',
    endsOn: '2027-09-30',
    timezone: 'Europe/London',
  });
  return { lead, cohort };
}

/** Invites each person in their role, and each accepts through their own link. */
export async function joinCohort(lead: Person, cohortId: string, roles: [Person, string][]) {
  const invited = await api<{ results: { email: string; invitation: { link: string } }[] }>(
    lead.page,
    'POST',
    `/api/cohorts/${cohortId}/invitations`,
    { invites: roles.map(([who, role]) => ({ email: who.email, role })) },
  );
  for (const [who] of roles) {
    const link = invited.results.find((r) => r.email === who.email)!.invitation.link;
    await api(who.page, 'POST', `/api/invitations/${link.split('/').pop()}/accept`, {});
  }
}
