import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { expectNoSeriousViolations, screenshotWidths } from '../demo.ts';
import { collectErrors, fitsWidth, PASSWORD, screenshot, uniqueEmail } from '../support.ts';

// This spec runs on its own fresh server (see playwright.config.ts), so the first account it
// makes, the facilitator's, is the instance admin: the one who may create the first cohort.

const COHORT = 'HCT Co-Lab, cohort 4';

interface Person {
  name: string;
  email: string;
  organisation: string;
  jobTitle: string;
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1280, height: 800 },
  });
  return { context, page: await context.newPage() };
}

async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
}

async function setWorkOnProfile(page: Page, who: Person, shot?: string): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await page.getByLabel('Pronouns (optional)').fill('she/her');
  await page
    .getByLabel('About you (optional)')
    .fill(`Hoping to learn how others tackle waiting lists.`);
  await page.getByLabel('Organisation (optional)').fill(who.organisation);
  await page.getByLabel('Job title (optional)').fill(who.jobTitle);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your profile is saved.')).toBeVisible();
  if (shot) await screenshot(page, shot);
}

test('a facilitator invites two people, who join through their links and meet in the directory without titles', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const fran: Person = {
    name: 'Fran Facilitator',
    email: uniqueEmail('fran'),
    organisation: 'HCT',
    jobTitle: 'Programme lead',
  };
  const ann: Person = {
    name: 'Ann Newcomer',
    email: uniqueEmail('ann'),
    organisation: 'Northfield NHS Trust',
    jobTitle: 'Ward sister',
  };
  const bea: Person = {
    name: 'Bea Existing',
    email: uniqueEmail('bea'),
    organisation: 'Riverside Borough Council',
    jobTitle: 'Head of housing',
  };

  const facilitator = await newPage(browser);
  const annSide = await newPage(browser);
  const beaSide = await newPage(browser);
  const errors = [facilitator, annSide, beaSide].flatMap(({ page }) => collectErrors(page));

  let cohortPath = '';
  const links = new Map<string, string>();

  await test.step('the facilitator, who looks after this Colab, creates a cohort', async () => {
    const page = facilitator.page;
    await signUp(page, fran);
    await expect(page.getByText('You look after this Colab.')).toBeVisible();
    // The first visit to an empty instance says what to do, in order, and passes axe.
    await expect(page.getByRole('listitem').filter({ hasText: 'Create the cohort' })).toBeVisible();
    await expectNoSeriousViolations(page, 'first run');
    await screenshotWidths(page, 'first-run', true);
    await page.getByRole('link', { name: 'Create a cohort' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create a cohort' })).toBeVisible();

    await page.getByLabel('Name', { exact: true }).fill(COHORT);
    await page.getByLabel('Programme (optional)').fill('HCT Co-Lab');
    await page.getByLabel('Theme (optional)').fill('Health inequalities');
    await page
      .getByLabel('Description (optional)')
      .fill('Six months of learning together across the health and care system in Hertfordshire.');
    await page.getByLabel('Start date').fill('2027-03-09');
    await page.getByLabel('End date').fill('2027-09-14');
    await expect(page.getByRole('button', { name: /Timezone/ })).toContainText('Europe/London');
    await expect(page.getByRole('checkbox', { name: 'Leave titles at the door' })).toBeChecked();
    await screenshot(page, 'cohort-create');
    await page.getByRole('button', { name: 'Create cohort' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
    await expect(page.getByText(`${COHORT} is ready.`)).toBeVisible();
    cohortPath = new URL(page.url()).pathname.replace(/\/invitations$/, '');
    // Until someone joins, the cohort's home leads on to inviting people.
    await page.goto(cohortPath);
    const next = page.getByRole('region', { name: 'Getting started' });
    await expect(next.getByRole('link', { name: 'Invite people' })).toBeVisible();
    await expectNoSeriousViolations(page, 'empty cohort home');
    await next.getByRole('link', { name: 'Invite people' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  });

  await test.step('someone who already has an account sets their organisation, then signs out', async () => {
    const page = beaSide.page;
    await signUp(page, bea);
    await setWorkOnProfile(page, bea, 'profile');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Colab' })).toBeVisible();
  });

  await test.step('the facilitator invites both from a pasted list and copies each link', async () => {
    const page = facilitator.page;
    await page
      .getByLabel('Paste email addresses')
      .fill(`${ann.name} <${ann.email}>\n${bea.email}, not-an-email`);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'Results' })).toBeFocused();
    await expect(page.getByText('2 invited, 1 needs attention.')).toBeVisible();
    await expect(page.getByText(/Email is not set up on this Colab/)).toBeVisible();
    await expect(page.getByRole('row', { name: /not-an-email/ })).toContainText(
      'Enter an email address like name@example.org',
    );

    for (const who of [ann, bea]) {
      await page.getByRole('button', { name: `Copy link for ${who.email}` }).click();
      await expect(
        page
          .getByRole('row', { name: new RegExp(who.email.replaceAll('.', '\\.')) })
          .getByRole('status'),
      ).toHaveText('Copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toMatch(/^http:\/\/localhost:\d+\/invitations\/[\w-]{20,}$/);
      await expect(page.getByLabel(`Invitation link for ${who.email}`)).toHaveValue(copied);
      links.set(who.email, copied);
    }
    await expect(page.getByRole('table', { name: 'Invitations, newest first' })).toContainText(
      'Pending',
    );
    await screenshot(page, 'invitations-links');
  });

  await test.step('a newcomer creates an account through their link and lands in the cohort', async () => {
    const page = annSide.page;
    await page.goto(links.get(ann.email)!);
    await expect(
      page.getByRole('heading', { level: 1, name: `You’re invited to ${COHORT}` }),
    ).toBeVisible();
    await expect(
      page.getByText(`${fran.name} invited you to join as a participant.`),
    ).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(ann.email);
    await expect(page.getByLabel('Email')).not.toBeEditable();
    await expect(page.getByLabel('Name')).toHaveValue(ann.name);
    await screenshot(page, 'invitation-landing');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(cohortPath);
    await expect(page.getByText(COHORT, { exact: true })).toBeVisible();
    await setWorkOnProfile(page, ann);
  });

  await test.step('someone with an account signs in through their link and joins', async () => {
    const page = beaSide.page;
    await page.goto(links.get(bea.email)!);
    await page.getByRole('tab', { name: 'I already have an account' }).click();
    await expect(page.getByLabel('Email')).toHaveValue(bea.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(cohortPath);
    await expect(page.getByText(/will appear\s+here/)).toBeVisible();
    await screenshot(page, 'cohort-home-participant');
  });

  await test.step('each sees the other in the directory, without their organisation or job title', async () => {
    for (const [{ page }, me, other] of [
      [annSide, ann, bea],
      [beaSide, bea, ann],
    ] as const) {
      await page.goto(`${cohortPath}/members`);
      await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
      await expect(page.getByText(/Titles and organisations are left at the door/)).toBeVisible();
      const theirs = page.getByRole('article', { name: other.name });
      await expect(theirs).toBeVisible();
      await expect(theirs).toContainText('Participant');
      await expect(theirs).toContainText('she/her');
      await expect(page.getByRole('main')).not.toContainText(other.organisation);
      await expect(page.getByRole('main')).not.toContainText(other.jobTitle);
      await expect(page.getByRole('main')).not.toContainText(other.email);
      const mine = page.getByRole('article', { name: `${me.name} (you)` });
      await expect(mine).toContainText(me.organisation);
      await expect(page.getByRole('article', { name: fran.name })).toContainText('Programme lead');
      await expect(page.getByRole('button', { name: /Change role|Remove/ })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Cohort' }).getByRole('link')).toHaveText([
        'Home',
        'Boards',
        'Reflections',
        'Sets',
        'Groups',
        'Showcase',
        'Calendar',
        'Members',
        'Search',
      ]);
    }
    await screenshot(annSide.page, 'members-participant');

    await annSide.page.setViewportSize({ width: 375, height: 740 });
    await annSide.page.reload();
    await expect(annSide.page.getByRole('article', { name: bea.name })).toBeVisible();
    expect(await fitsWidth(annSide.page)).toBe(true);
    await screenshot(annSide.page, 'members-375');
  });

  await test.step('the facilitator sees both accepted, and what happened on the cohort home', async () => {
    const page = facilitator.page;
    await page.reload();
    const table = page.getByRole('table', { name: 'Invitations, newest first' });
    await expect(table.getByRole('row', { name: new RegExp(ann.email) })).toContainText('Accepted');
    await expect(table.getByRole('row', { name: new RegExp(bea.email) })).toContainText('Accepted');

    await page
      .getByRole('navigation', { name: 'Cohort' })
      .getByRole('link', { name: 'Home' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    await expect(page.getByText(`${bea.name} joined as a participant.`)).toBeVisible();
    await expect(page.getByText(`${ann.name} joined as a participant.`)).toBeVisible();
    await screenshot(page, 'cohort-home');

    await page.getByRole('link', { name: 'Members' }).first().click();
    await expect(page.getByRole('article', { name: ann.name })).toContainText(ann.email);
    await expect(page.getByRole('article', { name: ann.name })).not.toContainText(ann.organisation);
    await screenshot(page, 'members-facilitator');

    await page.getByRole('button', { name: `Change role for ${ann.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change ${ann.name}’s role` });
    await expect(dialog.getByRole('radio', { name: 'Participant' })).toBeChecked();
    await dialog.getByText('Facilitator', { exact: true }).click();
    await screenshot(page, 'members-change-role');
    await dialog.getByRole('button', { name: 'Save role' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${ann.name} is now a facilitator.`)).toBeVisible();
    await expect(page.getByRole('article', { name: ann.name })).toContainText('Facilitator');

    const cohortNav = page.getByRole('navigation', { name: 'Cohort' });
    await cohortNav.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.getByLabel('Theme (optional)').fill('Health inequalities and housing');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Your changes are saved.')).toBeVisible();
    await expect(page.getByText('HCT Co-Lab · Health inequalities and housing')).toBeVisible();
    await screenshot(page, 'settings');

    await cohortNav.getByRole('link', { name: 'Activity log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Activity log' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`Invited ${ann.email} as a participant`);
    await expect(page.getByRole('main')).toContainText(
      `Changed ${ann.name}’s role from participant to facilitator`,
    );
    await expect(page.getByRole('main')).toContainText('Changed the cohort’s theme');
    await screenshot(page, 'activity-log');

    await page.getByRole('banner').getByRole('link', { name: 'Home' }).click();
    const card = page.getByRole('listitem').filter({ hasText: COHORT });
    await expect(card).toContainText('Programme lead');
    await expect(card).toContainText('3 members');
    await screenshot(page, 'home-cohorts');

    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${cohortPath}/invitations`);
    await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'invitations-375');
  });

  expect(errors).toEqual([]);
  for (const side of [facilitator, annSide, beaSide]) await side.context.close();
});

test('an invitation link that does not exist says so calmly', async ({ page }) => {
  await page.goto('/invitations/this-link-is-not-a-real-invitation-token');
  await expect(
    page.getByRole('heading', { level: 1, name: 'This invitation link does not work' }),
  ).toBeVisible();
  await expect(page.getByText(/ask your facilitator/)).toBeVisible();
  await screenshot(page, 'invitation-unknown');
});
