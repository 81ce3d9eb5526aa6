import { expect, type Page } from '@playwright/test';
import {
  type DemoRole,
  demoPlaces,
  expectNoSeriousViolations,
  screenshotWidths,
  signInAs,
  test,
} from '../demo.ts';
import { api } from '../support.ts';

type Places = Awaited<ReturnType<typeof demoPlaces>>;
interface Visit {
  name: string;
  /** Who looks at it: the role the page is for. */
  as: DemoRole;
  url: (p: Places) => string;
  /** The page is ready when this heading is shown. */
  heading: string | RegExp;
  /** Its screenshots also illustrate the README. */
  readme?: boolean;
  /** Something to do once the page is shown, e.g. open a panel. */
  open?: (page: Page) => Promise<void>;
}

/** The board's charts are folded away; open them so they are checked and pictured too. */
async function openSummary(page: Page) {
  await page.getByText('The board at a glance').click();
  await expect(
    page.getByRole('list', { name: /^(Most dots|Cards in each column)/ }).first(),
  ).toBeVisible();
}

const VISITS: Visit[] = [
  { name: 'home', as: 'admin', url: () => '/', heading: 'Your cohorts' },
  { name: 'cohort-new', as: 'admin', url: () => '/cohorts/new', heading: 'Create a cohort' },
  {
    name: 'cohort-home',
    as: 'participant',
    url: (p) => p.base,
    heading: 'Cohort home',
    readme: true,
  },
  {
    name: 'boards',
    as: 'participant',
    url: (p) => `${p.base}/boards`,
    heading: 'Reflection boards',
  },
  {
    name: 'board',
    as: 'participant',
    url: (p) => p.wordWallUrl,
    heading: 'What we value',
    readme: true,
    open: openSummary,
  },
  {
    name: 'board-themes',
    as: 'facilitator',
    url: (p) => p.halfwayUrl,
    heading: 'Start, stop, continue',
    readme: true,
    open: openSummary,
  },
  { name: 'journal', as: 'participant', url: () => '/journal', heading: 'Your journal' },
  {
    name: 'reflections',
    as: 'participant',
    url: (p) => `${p.base}/reflections`,
    heading: 'Reflections',
  },
  {
    name: 'sets',
    as: 'facilitator',
    url: (p) => `${p.base}/sets`,
    heading: 'Action learning sets',
  },
  {
    name: 'set',
    as: 'facilitator',
    url: (p) => p.setUrl,
    heading: 'Set A',
    // Attendance over time is the picture worth showing; bring it into view.
    open: (page) =>
      page.getByRole('heading', { name: 'Attendance', exact: true }).scrollIntoViewIfNeeded(),
    readme: true,
  },
  {
    name: 'meeting',
    as: 'facilitator',
    url: (p) => p.meetingUrl('Set meeting 2'),
    heading: /^Set A: /,
    readme: true,
  },
  { name: 'calendar', as: 'participant', url: (p) => `${p.base}/calendar`, heading: 'Calendar' },
  { name: 'groups', as: 'participant', url: (p) => `${p.base}/groups`, heading: 'Project groups' },
  {
    name: 'group',
    as: 'participant',
    url: (p) => `${p.base}/groups/${p.visionariesId}`,
    heading: 'The Visionaries',
    readme: true,
  },
  {
    name: 'showcase',
    as: 'sponsor',
    url: (p) => `${p.base}/showcase`,
    heading: 'Showcase',
    readme: true,
  },
  {
    name: 'celebration',
    as: 'sponsor',
    url: (p) => `${p.base}/celebration`,
    heading: 'Celebration event',
  },
  { name: 'search', as: 'participant', url: (p) => `${p.base}/search?q=trust`, heading: 'Search' },
  { name: 'profile', as: 'participant', url: () => '/profile', heading: 'Your profile' },
  {
    name: 'notifications',
    as: 'participant',
    url: (p) => p.base,
    heading: 'Cohort home',
    open: async (page) => {
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
    },
  },
  { name: 'members', as: 'lead', url: (p) => `${p.base}/members`, heading: 'Members' },
  { name: 'invitations', as: 'lead', url: (p) => `${p.base}/invitations`, heading: 'Invitations' },
  { name: 'settings', as: 'lead', url: (p) => `${p.base}/settings`, heading: 'Settings' },
  {
    name: 'activity',
    as: 'lead',
    url: (p) => `${p.base}/activity`,
    heading: 'Activity log',
  },
];

for (const scheme of ['light', 'dark'] as const) {
  test(`every signed-in page has no serious accessibility problems in the ${scheme} theme`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const sessions = new Map<DemoRole, Awaited<ReturnType<typeof signInAs>>>();
    const session = async (role: DemoRole) => {
      if (!sessions.has(role)) sessions.set(role, await signInAs(browser, role));
      return sessions.get(role)!;
    };
    const places = await demoPlaces((await session('facilitator')).page);
    for (const visit of VISITS) {
      const { page, errors } = await session(visit.as);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(visit.url(places));
      await expect(page.getByRole('heading', { level: 1, name: visit.heading })).toBeVisible();
      await visit.open?.(page);
      await expectNoSeriousViolations(page, `${visit.name} (${scheme})`);
      const open = visit.open;
      await screenshotWidths(
        page,
        `${visit.name}-${scheme}`,
        visit.readme && scheme === 'light',
        // A popover placed for one width is opened again at the other, as a person would.
        open &&
          (async () => {
            await page.reload();
            await expect(
              page.getByRole('heading', { level: 1, name: visit.heading }),
            ).toBeVisible();
            await open(page);
          }),
      );
      expect(errors, visit.name).toEqual([]);
    }
    for (const { context } of sessions.values()) await context.close();
  });
}

test('the pages seen signed out have no serious accessibility problems', async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await signInAs(browser, 'facilitator');
  const places = await demoPlaces(lead.page);
  const invited = await api<{ results: { invitation: { link: string } }[] }>(
    lead.page,
    'POST',
    `/api/cohorts/${places.cohortId}/invitations`,
    { invites: [{ email: `newcomer.${Date.now()}@example.org`, role: 'participant' }] },
  );
  const invitation = new URL(invited.results[0]!.invitation.link).pathname;
  const { outputs } = await api<{ outputs: { id: string }[] }>(
    lead.page,
    'GET',
    `/api/cohorts/${places.cohortId}/showcase`,
  );
  const shared = await api<{ url: string }>(
    lead.page,
    'PUT',
    `/api/outputs/${outputs[0]!.id}/public-link`,
  );
  await lead.context.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, url, heading] of [
      ['sign-in', '/sign-in', /sign in/i],
      ['sign-up', '/sign-up', /create|sign up/i],
      ['invitation', invitation, /invit|join/i],
      ['public-output', new URL(shared.url).pathname, 'Growing our own GPs'],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoSeriousViolations(page, `${name} (${scheme})`);
      await screenshotWidths(page, `${name}-${scheme}`, scheme === 'light' && name === 'sign-in');
    }
  }
  await context.close();
});

test('the theme switch turns the dark theme on and off, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/sign-in');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.press('Enter');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expectNoSeriousViolations(page, 'sign-in (dark by choice)');
  await page.getByRole('button', { name: 'Dark theme' }).press('Enter');
  await expect(html).toHaveAttribute('data-theme', 'light');
});
