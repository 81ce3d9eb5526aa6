import { expect, test } from '@playwright/test';
import {
  collectErrors,
  fitsWidth as fitsPageWidth,
  PASSWORD,
  screenshot,
  uniqueEmail,
} from '../support.ts';

test('someone creates an account, signs out and signs in again', async ({ page }) => {
  const errors = collectErrors(page);
  const email = uniqueEmail('amy');

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  await expect(page).toHaveTitle('Create your account – Colab');

  await page.getByLabel('Name').fill('Amy Aitkens');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await screenshot(page, 'sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'No cohorts yet' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Amy Aitkens');
  await screenshot(page, 'home');

  // The session survives a reload: it lives in the cookie, not in the page.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Colab' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await screenshot(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();

  expect(errors).toEqual([]);
});

test('a wrong password is refused with a message that says what to do', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(uniqueEmail('nobody'));
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toContainText(
    'That email and password do not match an account. Check them and try again.',
  );
  await expect(page).toHaveURL(/\/sign-in$/);
  await screenshot(page, 'sign-in-error');
});

test('an empty sign-in form says what each field needs, without leaving the page', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const email = page.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Enter an email address like name@example.org');
  await expect(email).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password');
  await screenshot(page, 'sign-in-empty');
});

test('keyboard users can skip straight to the main content', async ({ page }) => {
  await page.goto('/sign-in');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await screenshot(page, 'skip-link');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the pages fit a 375px-wide phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const fitsWidth = () => fitsPageWidth(page);

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Colab' })).toBeVisible();
  expect(await fitsWidth()).toBe(true);
  await screenshot(page, 'sign-in-375');

  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill('Bartholomew Featherstonehaugh-Llewellyn');
  await page.getByLabel('Email').fill(uniqueEmail('bartholomew'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
  expect(await fitsWidth()).toBe(true);
  await screenshot(page, 'home-375');
});

test('the sign-in page has a dark theme for people who prefer one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Colab' })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(17, 24, 25)');
  await screenshot(page, 'sign-in-dark');
});
