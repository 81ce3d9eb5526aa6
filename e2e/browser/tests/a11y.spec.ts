import { expect, type Locator, type Page } from '@playwright/test';
import {
  type DemoRole,
  demoPlaces,
  expectFitsWidth,
  expectNoSeriousViolations,
  screenshotWidths,
  signInAs,
  test,
} from '../demo.ts';
import { api } from '../support.ts';

type Places = Awaited<ReturnType<typeof demoPlaces>> & { journalEntryUrl: string };
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
    name: 'journal-entry',
    as: 'participant',
    url: (p) => p.journalEntryUrl,
    heading: 'Journal entry',
    open: writeInJournal,
  },
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
  {
    name: 'not-found',
    as: 'participant',
    url: () => '/no-such-page',
    heading: 'Page not found',
  },
];

const JOURNAL_TEXT = 'I hold back in the set when someone senior is in the room. Why?';

/** An entry with words in it, as a participant would leave it; written once, however often it is opened. */
async function writeInJournal(page: Page) {
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  const text = page.getByRole('textbox', { name: 'Entry text' });
  if ((await text.textContent())?.includes(JOURNAL_TEXT)) return;
  await text.click();
  await page.keyboard.type(JOURNAL_TEXT);
  await expect(text).toContainText(JOURNAL_TEXT);
}

/** A private journal entry of the participant's own, made through the API. */
async function journalEntryUrl(page: Page) {
  const entry = await api<{ id: string }>(page, 'POST', '/api/journal', {
    title: 'After the masterclass on power',
  });
  return `/journal/${entry.id}`;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every signed-in page has no serious accessibility problems in the ${scheme} theme`, async ({
    browser,
  }) => {
    // Every page, axe at two widths and four screenshots each: minutes on a busy machine.
    test.setTimeout(600_000);
    const sessions = new Map<DemoRole, Awaited<ReturnType<typeof signInAs>>>();
    const session = async (role: DemoRole) => {
      if (!sessions.has(role)) sessions.set(role, await signInAs(browser, role));
      return sessions.get(role)!;
    };
    const places: Places = {
      ...(await demoPlaces((await session('facilitator')).page)),
      journalEntryUrl: await journalEntryUrl((await session('participant')).page),
    };
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
        async (width) => {
          // A popover placed for one width is opened again at the other, as a person would.
          if (open) {
            await page.reload();
            await expect(
              page.getByRole('heading', { level: 1, name: visit.heading }),
            ).toBeVisible();
            await open(page);
          }
          // A phone's layout is a different page to axe (folded menus, stacked tables).
          if (width === 375 && scheme === 'light') {
            await expectNoSeriousViolations(page, `${visit.name} (${scheme}, ${width} px)`);
          }
        },
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
  const { outputs } = await api<{ outputs: { id: string; title: string }[] }>(
    lead.page,
    'GET',
    `/api/cohorts/${places.cohortId}/showcase`,
  );
  const visionaries = outputs.find((o) => o.title === 'Growing our own GPs')!;
  const shared = await api<{ url: string }>(
    lead.page,
    'PUT',
    `/api/outputs/${visionaries.id}/public-link`,
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
      await screenshotWidths(
        page,
        `${name}-${scheme}`,
        scheme === 'light' && name === 'sign-in',
        async (width) => {
          if (width === 375 && scheme === 'light') {
            await expectNoSeriousViolations(page, `${name} (${scheme}, ${width} px)`);
          }
        },
      );
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

test('at 200 % zoom the main pages reflow to one column and every control stays reachable', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A 1280 × 900 screen zoomed to 200 %: the page lays out in 640 × 450 CSS pixels, each drawn
  // with two device pixels, which is what the browser's own zoom does.
  const { context, page, errors } = await signInAs(browser, 'participant', {
    viewport: { width: 640, height: 450 },
    deviceScaleFactor: 2,
  });
  const places = await demoPlaces(page);
  const pages: { url: string; heading: string | RegExp; control: (page: Page) => Locator }[] = [
    {
      url: places.base,
      heading: 'Cohort home',
      control: (p) => p.getByRole('link', { name: 'Go to your set' }),
    },
    {
      url: places.wordWallUrl,
      heading: 'What we value',
      control: (p) => p.getByRole('button', { name: 'Drag card: Hope' }),
    },
    {
      url: places.setUrl,
      heading: 'Set A',
      control: (p) => p.getByRole('link', { name: 'Open the meeting' }).first(),
    },
    {
      url: `${places.base}/groups/${places.visionariesId}`,
      heading: 'The Visionaries',
      control: (p) => p.getByRole('button', { name: 'Add to the log' }),
    },
    {
      url: `${places.base}/calendar`,
      heading: 'Calendar',
      control: (p) => p.getByRole('button', { name: 'Next', exact: true }),
    },
  ];
  for (const visit of pages) {
    await page.goto(visit.url);
    await expect(page.getByRole('heading', { level: 1, name: visit.heading })).toBeVisible();
    await expectFitsWidth(page, `${visit.url} at 200 %`);
    // The cohort's links fold behind one button at this width; it opens them all.
    const menu = page.getByRole('button', { name: /^Cohort menu/ });
    await menu.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    const nav = page.getByRole('navigation', { name: 'Cohort' });
    for (const name of ['Home', 'Boards', 'Sets', 'Groups', 'Calendar', 'Search']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expectFitsWidth(page, `${visit.url} at 200 % with the cohort menu open`);
    await menu.press('Enter');
    await expect(nav.getByRole('link', { name: 'Boards', exact: true })).toBeHidden();
    // The page's own main control can be reached and seen, not just found in the markup.
    const control = visit.control(page);
    await control.focus();
    await expect(control).toBeFocused();
    await expect(control).toBeInViewport();
  }
  // The main navigation and the bell stay on screen too.
  const banner = page.getByRole('banner');
  for (const name of ['Home', 'Journal', 'Profile']) {
    await expect(banner.getByRole('link', { name, exact: true })).toBeInViewport();
  }
  await expect(banner.getByRole('button', { name: /^Notifications/ })).toBeInViewport();
  expect(errors).toEqual([]);
  await context.close();
});

test('with reduced motion asked for, other people’s cursors on a board jump rather than glide', async ({
  browser,
}) => {
  // Pat asked their system for less motion; Fay did not. Both are on the word wall.
  const pat = await signInAs(browser, 'participant', { reducedMotion: 'reduce' });
  const fay = await signInAs(browser, 'facilitator', { reducedMotion: 'no-preference' });
  const places = await demoPlaces(fay.page);
  for (const { page } of [pat, fay]) {
    await page.goto(places.wordWallUrl);
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  }
  // Each moves their pointer over the board until the other sees their cursor.
  const cursorSeenBy = async (mover: Page, watcher: Page) => {
    const box = (await mover.locator('.board-surface').boundingBox())!;
    await expect(async () => {
      await mover.mouse.move(box.x + 40 + Math.random() * 100, box.y + 40 + Math.random() * 100);
      await expect(watcher.locator('.peer-cursor')).toBeVisible({ timeout: 1_000 });
    }).toPass();
    return watcher.locator('.peer-cursor').evaluate((c) => getComputedStyle(c).transitionDuration);
  };
  const onPatsScreen = await cursorSeenBy(fay.page, pat.page);
  const onFaysScreen = await cursorSeenBy(pat.page, fay.page);
  expect(onPatsScreen.split(', ').every((d) => d === '0s')).toBe(true);
  // Without the setting the cursor does glide, so the check above is not vacuous.
  expect(onFaysScreen.split(', ').some((d) => d !== '0s')).toBe(true);
  expect([...pat.errors, ...fay.errors]).toEqual([]);
  await pat.context.close();
  await fay.context.close();
});
