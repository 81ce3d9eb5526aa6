import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContextOptions,
  expect,
  type Page,
  test,
} from '@playwright/test';
import { ARTIFACTS_DIR, README_SCREENSHOTS_DIR } from './paths.ts';
import { api, collectErrors } from './support.ts';

/** The demo's accounts (apps/server/src/features/demo/content.ts): one password for all. */
export const DEMO_PASSWORD = 'colab-demo-password';
export const DEMO = {
  admin: 'admin@demo.colab.example',
  lead: 'lee@demo.colab.example',
  facilitator: 'fay@demo.colab.example',
  participant: 'pat@demo.colab.example',
  sponsor: 'sue@demo.colab.example',
} as const;
export type DemoRole = keyof typeof DEMO;

/** A browser context signed in as one of the demo's people. */
export async function signInAs(
  browser: Browser,
  role: DemoRole,
  /** How the browser is set up, e.g. a zoomed viewport or reduced motion. */
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto('/sign-in');
  await api(page, 'POST', '/api/auth/sign-in/email', {
    email: DEMO[role],
    password: DEMO_PASSWORD,
  });
  return { context, page, errors };
}

/** Where everything of the demo cohort lives, found through the API as its people see it. */
export async function demoPlaces(page: Page) {
  const { cohorts } = await api<{ cohorts: { id: string }[] }>(page, 'GET', '/api/cohorts');
  const cohortId = cohorts[0]!.id;
  const { sets } = await api<{ sets: { id: string; name: string }[] }>(
    page,
    'GET',
    `/api/cohorts/${cohortId}/sets`,
  );
  const setA = sets.find((s) => s.name === 'Set A')!;
  const { meetings, occurrences } = await api<{
    meetings: { id: string; title: string }[];
    occurrences: { meetingId: string; occurrence: string }[];
  }>(page, 'GET', `/api/sets/${setA.id}/meetings`);
  const { boards } = await api<{ boards: { id: string; template: string }[] }>(
    page,
    'GET',
    `/api/cohorts/${cohortId}/boards`,
  );
  const { groups } = await api<{ groups: { id: string; name: string }[] }>(
    page,
    'GET',
    `/api/cohorts/${cohortId}/groups`,
  );
  const base = `/cohorts/${cohortId}`;
  return {
    cohortId,
    base,
    setUrl: `${base}/sets/${setA.id}`,
    meetingUrl: (title: string) => {
      const id = meetings.find((m) => m.title === title)!.id;
      const { occurrence } = occurrences.find((o) => o.meetingId === id)!;
      return `${base}/sets/${setA.id}/meetings/${id}?occurrence=${encodeURIComponent(occurrence)}`;
    },
    wordWallUrl: `${base}/boards/${boards.find((b) => b.template === 'word_wall')!.id}`,
    halfwayUrl: `${base}/boards/${boards.find((b) => b.template === 'start_stop_continue')!.id}`,
    visionariesId: groups.find((g) => g.name === 'The Visionaries')!.id,
  };
}

/**
 * Runs axe for WCAG 2.0, 2.1 and 2.2 A and AA and fails on any serious or critical violation,
 * naming the rule and the elements, so the failure says what to fix.
 */
export async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    // React Aria's off-screen announcer keeps, after a form is sent, a node labelled by an
    // element the page has since removed; it was already read out and is not on the page.
    .exclude('[data-live-announcer]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${n.html.slice(0, 200)}: ${n.failureSummary ?? ''}`),
    }));
  // Soft, so one run reports every page's problems rather than the first page's.
  expect.soft(serious, `${label}: axe found serious or critical violations`).toEqual([]);
}

/**
 * Fails if anything sticks out past the right edge, so nothing needs sideways scrolling.
 * Named by what sticks out, so a failure says where to look. Anything past the edge counts,
 * even inside a scrolling box, unless it is clipped away for screen readers only (visually
 * hidden text, a phone table's hidden head).
 */
export async function expectFitsWidth(page: Page, label: string) {
  const overflowing = await page.evaluate(() => {
    const clipped = (e: Element) => {
      for (let a: Element | null = e; a; a = a.parentElement) {
        if (getComputedStyle(a).clipPath !== 'none') return true;
      }
      return false;
    };
    return Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
      .slice(-5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  });
  expect(overflowing, `${label} fits ${page.viewportSize()?.width} px`).toEqual([]);
}

/**
 * Screenshots at a phone's width and a laptop's, into e2e/artifacts/; those named for the
 * README also go to e2e/browser/screenshots/, which the README shows.
 */
export async function screenshotWidths(
  page: Page,
  name: string,
  forReadme = false,
  /**
   * Run after each resize, e.g. to open a popover again where it belongs at that width, or to
   * check the page at that width.
   */
  afterResize?: (width: number) => Promise<void>,
) {
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await afterResize?.(width);
    await expectFitsWidth(page, name);
    const file = `${name}-${width}.png`;
    if (forReadme) {
      mkdirSync(README_SCREENSHOTS_DIR, { recursive: true });
      // The README's copies show one screenful (where the page is scrolled to), which keeps
      // the repository small; taken first, before the full-page shot can move the scroll.
      await page.screenshot({ path: join(README_SCREENSHOTS_DIR, file) });
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, file), fullPage: true });
  }
  await page.setViewportSize(original);
}

export { test };
