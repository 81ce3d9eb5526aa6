import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, test } from '../demo.ts';
import { collectErrors } from '../support.ts';

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as someone without a mouse would,
 * and fails if it never does: a control that Tab cannot reach is a bug.
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      // Focus must be seen, not only had: the outline comes from :focus-visible.
      expect(await target.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('a participant signs in, adds a card, moves it, votes and records an action with the keyboard alone', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Sign in.
  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(DEMO.participant);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();

  // Open the cohort, then a board.
  await tabTo(page, page.getByRole('link', { name: /Cohort 4: Health Inequalities/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Cohort' });
  await tabTo(page, nav.getByRole('link', { name: 'Boards' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: 'Start, stop, continue' }));
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Start, stop, continue' }),
  ).toBeVisible();

  // Add a card: it is announced to screen readers as it arrives.
  await tabTo(page, page.getByLabel('New card in Start'));
  await page.keyboard.type('Meet in the community');
  await page.keyboard.press('Enter');
  const start = page.getByRole('region', { name: 'Start', exact: true });
  const stop = page.getByRole('region', { name: 'Stop', exact: true });
  await expect(start.getByText('Meet in the community')).toBeVisible();

  // Move it to the next column: pick up with Space, arrow right, drop with Space.
  const handle = page.getByRole('button', {
    name: 'Drag card: Meet in the community',
  });
  await tabTo(page, handle, { back: true });
  await page.keyboard.press('Space');
  await expect(handle).toHaveAttribute('aria-pressed', 'true');
  // Arrows step through the lists of the board (a column's themes first), and each step is
  // announced; like a screen-reader user, press again until it says the card is over Stop.
  await expect(async () => {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText(/^Over Stop/)).toBeAttached({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Space');
  await expect(stop.getByText('Meet in the community')).toBeVisible();

  // Vote for it.
  await tabTo(page, page.getByRole('button', { name: 'Add a dot to: Meet in the community' }));
  await page.keyboard.press('Enter');
  await expect(
    stop.getByRole('listitem').filter({ hasText: 'Meet in the community' }),
  ).toContainText('1 dot');

  // Open the last set meeting and record an action.
  await tabTo(page, nav.getByRole('link', { name: 'Sets' }), { back: true });
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: 'Set A' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Set A' })).toBeVisible();
  await tabTo(
    page,
    page
      .getByRole('article', { name: /^Set meeting 2,/ })
      .getByRole('link', { name: 'Open the meeting' }),
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Set A: / })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add an action for Pat Patel' });
  await tabTo(page, form.getByLabel('Action'));
  await page.keyboard.type('Book a room at the community hub for our next session');
  await tabTo(page, form.getByRole('button', { name: 'Add action' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Pat Patel’s actions' })).toContainText(
    'Book a room at the community hub',
  );
  expect(errors).toEqual([]);
});
