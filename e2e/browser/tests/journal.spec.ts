import { type Browser, expect, type Page, test } from '@playwright/test';
import { collectErrors, fitsWidth, PASSWORD, screenshot, uniqueEmail } from '../support.ts';

// Runs on the shared instance: neither person needs a cohort, since a journal entry can be
// written outside any cohort.

async function signUp(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
  return { page, email };
}

test('a person writes a journal entry that survives a reload, and nobody else can open it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, email } = await signUp(browser, 'Amy Aitkens');
  const errors = collectErrors(page);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Journal' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your journal' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your journal is empty' })).toBeVisible();
  await screenshot(page, 'journal-empty');

  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journal entry' })).toBeVisible();
  await expect(page).toHaveURL(/\/journal\/[0-9a-f-]{36}$/);
  const entryUrl = page.url();

  await page.getByLabel('Title').fill('After session 3');
  await page.getByLabel('Title').press('Enter');
  await expect(page).toHaveTitle('After session 3 – Colab');

  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  const text = page.getByRole('textbox', { name: 'Entry text' });
  await text.click();
  await page.getByRole('button', { name: 'Heading' }).click();
  await expect(page.getByRole('button', { name: 'Heading' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.type('What I noticed');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I hold back in the set when someone senior is there.');
  await expect(text.getByRole('heading', { name: 'What I noticed' })).toBeVisible();
  await screenshot(page, 'journal-entry');

  await page.reload();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Entry text' })).toContainText(
    'I hold back in the set when someone senior is there.',
  );
  await expect(page.getByLabel('Title')).toHaveValue('After session 3');

  // Signing out clears the browser's copy, so what shows after signing in came from the server.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Colab' })).toBeVisible();

  const { page: other } = await signUp(browser, 'Bo Second');
  await other.goto(entryUrl);
  await expect(other.getByRole('heading', { level: 1, name: 'Entry not found' })).toBeVisible();
  await expect(other.getByText('This entry does not exist or is not yours.')).toBeVisible();
  await expect(other.getByRole('textbox', { name: 'Entry text' })).toHaveCount(0);
  await screenshot(other, 'journal-not-yours');

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
  await page.goto(entryUrl);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Entry text' })).toContainText(
    'I hold back in the set when someone senior is there.',
  );

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Journal' })
    .click();
  const list = page.getByRole('list', { name: 'Your journal entries' });
  await expect(list.getByRole('link', { name: 'After session 3' })).toBeVisible();
  await expect(list).toContainText('Private');
  await screenshot(page, 'journal-list');

  expect(errors).toEqual([]);
  expect(await fitsWidth(other)).toBe(true);
});
