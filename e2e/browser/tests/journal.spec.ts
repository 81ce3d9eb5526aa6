import { expect, type Page, test } from '@playwright/test';
import { collectErrors, PASSWORD, screenshot, uniqueEmail } from '../support.ts';

async function signUp(page: Page, name: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(uniqueEmail(name.split(' ')[0]!.toLowerCase()));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
}

test('a journal entry keeps what its author wrote, and nobody else can open it', async ({
  browser,
}) => {
  const mine = await browser.newContext();
  const page = await mine.newPage();
  const errors = collectErrors(page);
  await signUp(page, 'Jo Journal');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Journal' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your journal' })).toBeVisible();
  await expect(page.getByText(/Nothing here yet/)).toBeVisible();
  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  const editor = page.getByRole('textbox', { name: 'Entry' });
  await editor.click();
  await page.keyboard.type('Today I noticed how often I wait to be asked.');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('Next time I will speak first.');
  await expect(page.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
  await expect(editor.locator('strong')).toHaveText('Next time I will speak first.');
  await screenshot(page, 'journal-entry');

  // What was written is on the server: a fresh context of the same person sees it.
  const url = page.url();
  const again = await mine.newPage();
  await again.goto(url);
  await expect(again.getByRole('textbox', { name: 'Entry' })).toContainText(
    'Today I noticed how often I wait to be asked.',
  );
  await expect(again.getByRole('textbox', { name: 'Entry' }).locator('strong')).toHaveText(
    'Next time I will speak first.',
  );

  // Someone else, signed in, opening the same link is told it is not theirs.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, 'Nosy Neighbour');
  await otherPage.goto(url);
  await expect(otherPage.getByText(/does not exist or is not yours/)).toBeVisible();
  await expect(otherPage.getByText('Today I noticed')).toHaveCount(0);

  expect(errors).toEqual([]);
  await mine.close();
  await other.close();
});
