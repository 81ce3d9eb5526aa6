import { expect, test } from '@playwright/test';

test('every page names the product and points at its favicon, which the server sends as SVG', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await expect(page).toHaveTitle(/Colab$/);
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('type', 'image/svg+xml');
  const href = await icon.evaluate((link: HTMLLinkElement) => link.href);
  expect(new URL(href).pathname).toBe('/favicon.svg');

  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  const svg = await response.text();
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain('<title>Colab</title>');
});
