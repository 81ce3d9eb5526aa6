/**
 * Page weight (issue #8, scenario 6): the JavaScript a fresh visit to the sign-in page loads,
 * and a signed-in visit straight to a board; gzip sizes (zlib level 9 of each file as
 * served); and how long a board takes to become usable in headless Chromium: from navigation
 * start until it shows its synced cards, says "Live" and its add-card button is enabled.
 * Goal: sign-in JavaScript under 150 KB gzip. Built Colab on 127.0.0.1 (PGlite), Debian's
 * /usr/bin/chromium through playwright-core, a fresh browser context for every visit.
 * `tsx page-weight.ts [--quick]`.
 */
// The functions given to page.waitForFunction and page.evaluate run in the browser.
/// <reference lib="dom" />
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { addCard, boardParts } from '@colab/shared';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ColabProcess, startColab } from './colab-process.ts';
import { connectRawClient } from './collab-client.ts';
import { runWhenStarted, saveSection, stamp } from './results-file.ts';
import { seedCohort } from './seed.ts';
import { median, round, spread } from './statistics.ts';

const CHROMIUM = '/usr/bin/chromium';
const CARDS = 30;
const LAST_CARD = `Seeded card ${CARDS}`;
const SIGN_IN_GOAL_KB = 150;

interface Script {
  file: string;
  bytes: number;
  gzip: number;
}

/** Every script the page loads, from the first request until `settle` resolves. */
async function scriptsOf(page: Page, settle: () => Promise<unknown>): Promise<Script[]> {
  const seen = new Map<string, Promise<Script | undefined>>();
  page.on('response', (response) => {
    const url = response.url();
    const isScript = response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(url);
    if (!isScript || seen.has(url) || !response.ok()) return;
    seen.set(
      url,
      response.body().then(
        (body) => ({
          file: new URL(url).pathname,
          bytes: body.byteLength,
          gzip: gzipSync(body, { level: 9 }).byteLength,
        }),
        () => undefined,
      ),
    );
  });
  await settle();
  const scripts = (await Promise.all(seen.values())).filter((s): s is Script => Boolean(s));
  return scripts.sort((a, b) => b.gzip - a.gzip);
}

const kb = (bytes: number) => round(bytes / 1024);
const total = (scripts: Script[]) => scripts.reduce((sum, s) => sum + s.gzip, 0);

async function seedBoard(colab: ColabProcess) {
  const { admin, cohortId, boards } = await seedCohort(colab.url, { members: 3, boards: 1 });
  const board = boards[0]!;
  const wsUrl = `${colab.url.replace('http', 'ws')}/collab/${board.docName}`;
  const headers = { cookie: admin.cookie, origin: colab.url };
  const writer = connectRawClient(wsUrl, headers);
  // A second connection sees the cards only once the server has stored them.
  const checker = connectRawClient(wsUrl, headers, { keepApplying: true });
  try {
    await Promise.all([writer.synced, checker.synced]);
    const columnIds = boardParts(writer.doc)
      .columns.toArray()
      .map((c) => c.get('id') as string);
    for (let i = 1; i <= CARDS; i++)
      addCard(writer.doc, {
        id: `seed-${i}`,
        columnId: columnIds[i % columnIds.length]!,
        themeId: null,
        text: `Seeded card ${i}`,
        colour: 'yellow',
        authorId: admin.userId,
        createdAt: new Date().toISOString(),
        order: i,
      });
    const deadline = Date.now() + 10_000;
    while (boardParts(checker.doc).cards.size < CARDS) {
      if (Date.now() > deadline) throw new Error('the seeded cards were not stored in 10 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await writer.close();
    await checker.close();
  }
  return { admin, path: `/cohorts/${cohortId}/boards/${board.id}` };
}

/** Milliseconds from navigation start until the board is usable, read in the page itself. */
async function timeToInteractive(page: Page): Promise<number> {
  const handle = await page
    .waitForFunction(
      (lastCard) => {
        const live = document.querySelector('.connection--live');
        const button = document.querySelector<HTMLButtonElement>(
          'form[aria-label^="Add a card to"] button[type="submit"]',
        );
        const enabled =
          button && !button.disabled && button.getAttribute('aria-disabled') !== 'true';
        const synced = (document.body.textContent ?? '').includes(lastCard);
        return live && enabled && synced ? performance.now() : false;
      },
      LAST_CARD,
      { polling: 'raf', timeout: 30_000 },
    )
    .catch(async (error) => {
      const state = await page
        .evaluate(() => `${location.href}\n${(document.body.textContent ?? '').slice(0, 1000)}`)
        .catch(() => '');
      throw new Error(`the board did not become usable in 30 s; the page showed:\n${state}`, {
        cause: error,
      });
    });
  return (await handle.jsonValue()) as number;
}

export async function run(quick: boolean): Promise<void> {
  const loads = quick ? 2 : 5;
  const started = performance.now();
  const load1 = loadavg()[0]!;
  let colab: ColabProcess | undefined;
  let browser: Browser | undefined;
  try {
    colab = await startColab();
    const { admin, path } = await seedBoard(colab);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
    const cookies = admin.cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: colab!.url };
    });

    const signInContext = await browser.newContext();
    const signInPage = await signInContext.newPage();
    const signIn = await scriptsOf(signInPage, async () => {
      await signInPage.goto(`${colab!.url}/sign-in`, { waitUntil: 'networkidle' });
      await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
    });
    // What the form fetches once the person reaches into it (the shared validation).
    const onFocus = await scriptsOf(signInPage, async () => {
      await signInPage.getByLabel('Email').focus();
      await signInPage.waitForLoadState('networkidle');
      await signInPage.waitForTimeout(300);
    });
    await signInContext.close();

    let board: Script[] = [];
    const times: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      let time = 0;
      const scripts = await scriptsOf(page, async () => {
        await page.goto(`${colab!.url}${path}`, { waitUntil: 'commit' });
        time = await timeToInteractive(page);
        await page.waitForLoadState('networkidle');
      });
      if (i === 0) board = scripts;
      times.push(time);
      console.log(`board load ${i + 1}: interactive after ${round(time)} ms`);
      await context.close();
    }

    const signInKb = kb(total(signIn));
    const data = {
      mode: quick ? 'quick' : 'full',
      gzip: 'zlib level 9 of each script as served',
      signIn: {
        gzipKb: signInKb,
        bytesKb: kb(signIn.reduce((s, x) => s + x.bytes, 0)),
        goalKb: SIGN_IN_GOAL_KB,
        files: signIn.map((s) => ({ ...s, gzipKb: kb(s.gzip) })),
        onFirstFocusGzipKb: kb(total(onFocus)),
        onFirstFocusFiles: onFocus.map((s) => ({ ...s, gzipKb: kb(s.gzip) })),
      },
      board: {
        gzipKb: kb(total(board)),
        bytesKb: kb(board.reduce((s, x) => s + x.bytes, 0)),
        files: board.map((s) => ({ ...s, gzipKb: kb(s.gzip) })),
      },
      boardInteractiveMs: {
        loads,
        min: round(Math.min(...times)),
        median: round(median(times)),
        max: round(Math.max(...times)),
        all: times.map(round),
      },
      seconds: round((performance.now() - started) / 1000),
    };
    const list = (scripts: Script[]) =>
      scripts.map((s) => `\`${s.file.replace('/assets/', '')}\` ${kb(s.gzip)}`).join(', ');
    const markdown = [
      '## Page weight',
      '',
      `${stamp(quick)}: headless Chromium (${browser.version()}), a fresh context for every visit; sizes are zlib level 9 gzip of each script as served (every response of type script or ending in .js). Board: ${CARDS} cards, ${loads} loads; load average at the start ${load1.toFixed(1)} (other work shares this machine).`,
      '',
      '| page | scripts | JavaScript (gzip) | JavaScript (raw) | goal |',
      '|---|---|---|---|---|',
      `| sign-in, fresh visit | ${signIn.length} | **${signInKb} KB** | ${data.signIn.bytesKb} KB | < ${SIGN_IN_GOAL_KB} KB: ${signInKb < SIGN_IN_GOAL_KB ? 'met' : 'missed'} |`,
      `| board, signed in, straight to its URL | ${board.length} | **${data.board.gzipKb} KB** | ${data.board.bytesKb} KB | |`,
      '',
      `Board interactive (navigation start → synced cards shown, "Live", add-card button enabled), min / median / max of ${loads}: **${spread(times)} ms**.`,
      '',
      `Sign-in files (KB gzip): ${list(signIn)}. Fetched when the person first focuses the form (the shared zod validation, awaited on submit): ${kb(total(onFocus))} KB (${list(onFocus)}).`,
      '',
      `Board files (KB gzip): ${list(board)}.`,
    ].join('\n');
    console.log(`\n${markdown}\n`);
    saveSection('pageWeight', data, markdown);
  } finally {
    await browser?.close();
    await colab?.stop();
  }
}

runWhenStarted(import.meta.url, run);
