import { expect, type Page, test } from '@playwright/test';
import { api, collectErrors, openCohort } from '../support.ts';

// On an instance of its own, whose first account (the admin) sets up one of everything.
// Every main page is visited with the app's real Content-Security-Policy, recording any
// violation the browser reports; the policy must block nothing the app does.

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

const violations = (page: Page) => page.evaluate(() => window.cspViolations ?? []);

test('the app works under its Content-Security-Policy on every main page', async ({ browser }) => {
  test.setTimeout(180_000);
  const { lead, cohort } = await openCohort(browser);
  await lead.context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations!.push(
        `${event.violatedDirective} blocked ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      );
    });
  });
  const page = await lead.context.newPage();
  const errors = collectErrors(page);

  const board = await api<{ id: string }>(page, 'POST', '/api/boards', {
    scope: { cohortId: cohort.id },
    title: 'Word wall',
    template: 'word_wall',
  });
  const group = await api<{ id: string }>(page, 'POST', `/api/cohorts/${cohort.id}/groups`, {
    name: 'Access to care',
  });
  const set = await api<{ id: string }>(page, 'POST', `/api/cohorts/${cohort.id}/sets`, {
    name: 'Set 1',
  });
  const entry = await api<{ id: string }>(page, 'POST', '/api/journal', {
    title: 'First thoughts',
    cohortId: cohort.id,
  });

  const first = await page.goto('/');
  const headers = first!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

  const base = `/cohorts/${cohort.id}`;
  const pages = [
    '/',
    '/profile',
    '/journal',
    `/journal/${entry.id}`,
    base,
    `${base}/activity`,
    `${base}/members`,
    `${base}/invitations`,
    `${base}/settings`,
    `${base}/boards`,
    `${base}/boards/${board.id}`,
    `${base}/groups`,
    `${base}/groups/${group.id}`,
    `${base}/sets`,
    `${base}/sets/${set.id}`,
    `${base}/calendar`,
    `${base}/reflections`,
    `${base}/showcase`,
    `${base}/celebration`,
    `${base}/search`,
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await violations(page), path).toEqual([]);
  }
  // The live pages really ran: the board and the journal editor connected and synced.
  await page.goto(`${base}/boards/${board.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Word wall' })).toBeVisible();
  await page.goto(`/journal/${entry.id}`);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(errors.filter((e) => /Content.Security.Policy/i.test(e))).toEqual([]);

  // The listener above does catch what the policy blocks: an inline script is refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.ranInline = true';
    document.body.append(script);
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
  expect(await page.evaluate(() => (window as { ranInline?: boolean }).ranInline)).toBeUndefined();
  await lead.context.close();
});
