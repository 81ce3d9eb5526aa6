import { join } from 'node:path';
import type { Page } from '@playwright/test';
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
