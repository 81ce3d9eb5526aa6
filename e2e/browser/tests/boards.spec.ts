import { type APIResponse, type Browser, expect, type Page, test } from '@playwright/test';
import { collectErrors, PASSWORD, screenshot, uniqueEmail } from '../support.ts';

/** Calls the API as the page's signed-in person (the page's cookies, Colab's own origin). */
async function api<T>(page: Page, method: string, path: string, data?: unknown): Promise<T> {
  const origin = new URL(
    page.url() === 'about:blank' ? test.info().project.use.baseURL! : page.url(),
  ).origin;
  const response: APIResponse = await page.request.fetch(path, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: { origin },
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json().catch(() => undefined)) as T;
}

async function person(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto('/sign-in');
  const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
  await api(page, 'POST', '/api/auth/sign-up/email', { name, email, password: PASSWORD });
  return { context, page, email, errors };
}

test('one person waits alone on a board and stays live; two then see each other’s cards live, and converge after one goes offline', async ({
  browser,
}) => {
  // The instance's first account looks after it, so may create the cohort.
  const fran = await person(browser, 'Fran Facilitator');
  const cohort = await api<{ id: string }>(fran.page, 'POST', '/api/cohorts', {
    name: 'Listening across boundaries',
    programme: '',
    theme: '',
    description: '',
    startsOn: '2026-09-01',
    endsOn: '2027-06-30',
    timezone: 'Europe/London',
    titlesAtTheDoor: true,
  });
  const pat = await person(browser, 'Pat Participant');
  const invited = await api<{ results: { invitation: { link: string } }[] }>(
    fran.page,
    'POST',
    `/api/cohorts/${cohort.id}/invitations`,
    { invites: [{ email: pat.email, name: 'Pat Participant', role: 'participant' }] },
  );
  const token = invited.results[0]!.invitation.link.split('/').pop();
  await api(pat.page, 'POST', `/api/invitations/${token}/accept`, {});
  const board = await api<{ id: string }>(fran.page, 'POST', '/api/boards', {
    scope: { cohortId: cohort.id },
    title: 'What helps us listen?',
    prompt: 'One thing to start, stop or continue in how we listen across organisations.',
    template: 'start_stop_continue',
  });

  const url = `/cohorts/${cohort.id}/boards/${board.id}`;
  const opened = async (page: Page) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await expect(
      page.getByRole('heading', { level: 1, name: 'What helps us listen?' }),
    ).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  };

  // Fran opens the board first and waits alone past the client's 30 s quiet limit (the stock
  // provider reopens its connection after 30 s without a message; only the server's heartbeat
  // sends one to someone alone). Watched every half second, it never leaves "Live", and no
  // second socket opens, which also catches a reconnect too quick to be seen.
  test.setTimeout(120_000);
  const sockets: string[] = [];
  fran.page.on('websocket', (ws) => {
    if (ws.url().includes('/collab/')) sockets.push(ws.url());
  });
  await opened(fran.page);
  const connection = fran.page
    .getByRole('status')
    .filter({ hasText: /^(Live|Connecting…|Offline — your changes will sync|Disconnected)$/ });
  const seen = new Set<string>();
  for (let waited = 0; waited < 35_000; waited += 500) {
    seen.add((await connection.textContent()) ?? '');
    await fran.page.waitForTimeout(500);
  }
  expect([...seen]).toEqual(['Live']);
  expect(sockets).toHaveLength(1);

  await opened(pat.page);
  // Each sees the other is here.
  await expect(fran.page.getByRole('region', { name: 'Who is here' })).toContainText(
    'Pat Participant',
  );
  await expect(pat.page.getByRole('region', { name: 'Who is here' })).toContainText(
    'Fran Facilitator',
  );

  // A card written by one appears on the other's screen.
  const start = (page: Page) => page.getByRole('region', { name: 'Start', exact: true });
  const stop = (page: Page) => page.getByRole('region', { name: 'Stop', exact: true });
  await fran.page.getByLabel('New card in Start').fill('Listen before proposing');
  const sent = Date.now();
  await fran.page.getByLabel('New card in Start').press('Enter');
  await expect(start(pat.page).getByText('Listen before proposing')).toBeVisible();
  // Pat's screen reader hears of it through the board's polite live region; Fran, who wrote
  // it, is not told of her own card.
  const liveRegion = (page: Page) => page.locator('[aria-live="polite"]', { hasText: /^New card/ });
  await expect(liveRegion(pat.page)).toHaveText('New card in Start: Listen before proposing');
  await expect(liveRegion(fran.page)).toHaveCount(0);
  const seenAfterMs = Date.now() - sent;
  test.info().annotations.push({
    type: 'card seen by the other person after (ms)',
    description: String(seenAfterMs),
  });
  console.log(`A card reached the other context in ${seenAfterMs} ms`);

  // Moved by keyboard alone: pick up with Space, right arrow to the next column, Space to drop.
  await fran.page.getByRole('button', { name: 'Drag card: Listen before proposing' }).focus();
  // Each step waits for what a screen reader would hear, as its user would.
  const handle = fran.page.getByRole('button', { name: 'Drag card: Listen before proposing' });
  await fran.page.keyboard.press('Space');
  await expect(handle).toHaveAttribute('aria-pressed', 'true');
  await fran.page.keyboard.press('ArrowRight');
  await expect(fran.page.getByText('Over Stop.')).toBeAttached();
  await fran.page.keyboard.press('Space');
  await expect(stop(fran.page).getByText('Listen before proposing')).toBeVisible();
  await expect(stop(pat.page).getByText('Listen before proposing')).toBeVisible();

  // A dot from one is counted on the other's screen.
  await pat.page.getByRole('button', { name: 'Add a dot to: Listen before proposing' }).click();
  await expect(pat.page.getByText('4 of 5 dots left')).toBeVisible();
  await expect(
    stop(fran.page).getByRole('listitem').filter({ hasText: 'Listen before proposing' }),
  ).toContainText('1 dot');

  await screenshot(fran.page, 'board-1280');

  // Pat goes offline; both keep writing.
  await pat.context.setOffline(true);
  await expect(pat.page.getByText('Offline — your changes will sync').first()).toBeVisible();
  await pat.page.getByLabel('New card in Continue').fill('Written on the train');
  await pat.page.getByLabel('New card in Continue').press('Enter');
  await fran.page.getByLabel('New card in Start').fill('Written in the room');
  await fran.page.getByLabel('New card in Start').press('Enter');
  await expect(pat.page.getByText('Written on the train')).toBeVisible();
  await expect(fran.page.getByText('Written in the room')).toBeVisible();
  await screenshot(pat.page, 'board-offline');

  // Back online: both boards hold both cards, in the same places.
  await pat.context.setOffline(false);
  await expect(pat.page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  for (const { page } of [fran, pat]) {
    await expect(
      page.getByRole('region', { name: 'Continue', exact: true }).getByText('Written on the train'),
    ).toBeVisible();
    await expect(start(page).getByText('Written in the room')).toBeVisible();
    await expect(stop(page).getByText('Listen before proposing')).toBeVisible();
  }

  // And the server kept it: a fresh load shows everything.
  await fran.page.reload();
  await expect(start(fran.page).getByText('Written in the room')).toBeVisible();
  await expect(fran.page.getByText('Written on the train')).toBeVisible();

  await test.step('a quiet spell: the board rests on the server, and the next card still goes through', async () => {
    // The server drops a board's decoded document after 2 s unchanged (playwright.config.ts).
    await pat.page.waitForTimeout(3_000);
    await pat.page.getByLabel('New card in Continue').fill('After a quiet spell');
    await pat.page.getByLabel('New card in Continue').press('Enter');
    const continueColumn = (page: Page) =>
      page.getByRole('region', { name: 'Continue', exact: true });
    await expect(
      continueColumn(fran.page).getByText('After a quiet spell', { exact: true }),
    ).toBeVisible();
    await fran.page.reload();
    await expect(
      continueColumn(fran.page).getByText('After a quiet spell', { exact: true }),
    ).toBeVisible();
    await expect(start(fran.page).getByText('Written in the room')).toBeVisible();
  });

  await pat.page.setViewportSize({ width: 375, height: 800 });
  await screenshot(pat.page, 'board-375');
  await pat.page.setViewportSize({ width: 1280, height: 900 });

  await test.step('themes, comments with a mention, editing, undo and deleting', async () => {
    const card = (page: Page, text: string) =>
      page.getByRole('listitem').filter({ has: page.getByText(text, { exact: true }) });

    await start(fran.page).getByRole('button', { name: 'New theme' }).click();
    await fran.page.getByLabel('New theme name').fill('Listening');
    await fran.page.getByRole('button', { name: 'Save' }).click();
    await expect(pat.page.getByRole('region', { name: 'Theme: Listening' })).toBeVisible();

    await fran.page.getByRole('button', { name: 'More for: Written in the room' }).click();
    await fran.page.getByRole('menuitem', { name: 'Group under “Listening”' }).click();
    await expect(
      pat.page.getByRole('region', { name: 'Theme: Listening' }).getByText('Written in the room'),
    ).toBeVisible();

    await pat.page.getByRole('button', { name: '0 comments on: Listen before proposing' }).click();
    const dialog = pat.page.getByRole('dialog', { name: 'Comments' });
    await dialog.getByLabel('Add a comment').fill('@Fran Facilitator what would that look like?');
    await dialog.getByRole('button', { name: 'Comment' }).click();
    await expect(dialog.getByRole('status')).toHaveText('1 person was notified.');
    await expect(dialog.getByText('what would that look like?')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(card(fran.page, 'Listen before proposing')).toContainText('1 comment');
    const notes = await api<{ notifications: { kind: string; title: string }[] }>(
      fran.page,
      'GET',
      '/api/notifications',
    );
    expect(notes.notifications.map((n) => n.kind)).toContain('mention');

    await fran.page.getByRole('button', { name: 'More for: Written in the room' }).click();
    await fran.page.getByRole('menuitem', { name: 'Edit text' }).click();
    await fran.page.getByLabel('Card text').fill('Written in the room, then edited');
    await fran.page.getByLabel('Card text').press('Enter');
    await expect(pat.page.getByText('Written in the room, then edited')).toBeVisible();
    // Undo takes back Fran's own last change, for everyone.
    await fran.page.getByRole('button', { name: 'Undo' }).click();
    await expect(pat.page.getByText('Written in the room', { exact: true })).toBeVisible();

    await pat.page.getByRole('button', { name: 'More for: Written on the train' }).click();
    await pat.page.getByRole('menuitem', { name: 'Delete card' }).click();
    await expect(fran.page.getByText('Written on the train')).toHaveCount(0);
    await screenshot(fran.page, 'board-themes');
  });

  await test.step('cards hidden until the facilitator reveals them, and the timer', async () => {
    await api(fran.page, 'PATCH', `/api/boards/${board.id}`, {
      settings: { hiddenUntilRevealed: true },
    });
    await pat.page.reload();
    await expect(
      pat.page.getByText(/Cards are hidden until the facilitator reveals them/),
    ).toBeVisible();
    await pat.page.getByLabel('New card in Start').fill('Only I can see this for now');
    await pat.page.getByRole('button', { name: 'Add hidden card' }).first().click();
    await expect(pat.page.getByRole('region', { name: 'Your hidden cards' })).toContainText(
      'Only I can see this for now',
    );
    // The facilitator sees that a card waits, never what it says.
    await expect(fran.page.getByText('1 card is waiting.')).toBeVisible();
    await expect(fran.page.getByText('Only I can see this for now')).toHaveCount(0);

    await fran.page.getByRole('button', { name: '5 min timer' }).click();
    await expect(pat.page.getByRole('timer')).toHaveAccessibleName(/^4:5\d left$|^5:00 left$/);

    await fran.page.getByRole('button', { name: 'Reveal all cards' }).click();
    for (const { page } of [fran, pat]) {
      await expect(start(page).getByText('Only I can see this for now')).toBeVisible();
    }
    await expect(pat.page.getByRole('region', { name: 'Your hidden cards' })).toHaveCount(0);
    await screenshot(fran.page, 'board-revealed');
  });

  await test.step('a change the server refuses is said so, and a reload starts from the board as saved', async () => {
    const card = (page: Page, text: string) =>
      page.getByRole('listitem').filter({ has: page.getByText(text, { exact: true }) });
    // Pat, offline, places a second dot; meanwhile Fran cuts everyone's budget to one.
    await pat.context.setOffline(true);
    await expect(pat.page.getByText('Offline — your changes will sync').first()).toBeVisible();
    await api(fran.page, 'PATCH', `/api/boards/${board.id}`, {
      settings: { voteBudget: 1, hiddenUntilRevealed: false },
    });
    await pat.page.getByRole('button', { name: 'Add a dot to: Written in the room' }).click();
    await expect(card(pat.page, 'Written in the room')).toContainText('1 dot');
    await pat.context.setOffline(false);
    const refused = pat.page.getByRole('alert').filter({ hasText: 'did not accept a change' });
    await expect(refused).toContainText('Each person has 1 dot on this board.');
    await expect(refused).toContainText('copy anything you want to keep');
    await expect(pat.page.getByLabel('New card in Start')).toHaveCount(0);
    // The refused dot reached nobody, and the server kept only what it accepted.
    await expect(card(fran.page, 'Written in the room')).toContainText('0 dots');
    await fran.page.reload();
    await expect(card(fran.page, 'Listen before proposing')).toContainText('1 dot');
    await expect(card(fran.page, 'Written in the room')).toContainText('0 dots');

    // The browser's copy went with the refusal, so a reload is live and writes again.
    await pat.page.reload();
    await expect(pat.page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await expect(pat.page.getByRole('alert').filter({ hasText: 'did not accept' })).toHaveCount(0);
    await expect(card(pat.page, 'Written in the room')).toContainText('0 dots');
    await pat.page.getByLabel('New card in Start').fill('Written after the refusal');
    await pat.page.getByLabel('New card in Start').press('Enter');
    await expect(start(fran.page).getByText('Written after the refusal')).toBeVisible();
  });

  await test.step('a card written offline on a board locked meanwhile is said not to be kept', async () => {
    await pat.context.setOffline(true);
    await expect(pat.page.getByText('Offline — your changes will sync').first()).toBeVisible();
    await api(fran.page, 'PATCH', `/api/boards/${board.id}`, { settings: { locked: true } });
    await pat.page.getByLabel('New card in Stop').fill('Written before I knew');
    await pat.page.getByLabel('New card in Stop').press('Enter');
    await expect(stop(pat.page).getByText('Written before I knew')).toBeVisible();
    await pat.context.setOffline(false);
    await expect(
      pat.page.getByRole('alert').filter({ hasText: 'did not accept a change' }),
    ).toContainText('The board is locked');
    // Still on Pat's screen to copy, never on Fran's, and gone from Pat's after a reload.
    await expect(stop(pat.page).getByText('Written before I knew')).toBeVisible();
    await fran.page.reload();
    await expect(start(fran.page).getByText('Written after the refusal')).toBeVisible();
    await expect(fran.page.getByText('Written before I knew')).toHaveCount(0);
    await pat.page.reload();
    await expect(pat.page.getByText('This board is locked')).toBeVisible();
    await expect(pat.page.getByRole('alert').filter({ hasText: 'did not accept' })).toHaveCount(0);
    await expect(pat.page.getByText('Written before I knew')).toHaveCount(0);
  });

  expect(fran.errors).toEqual([]);
  expect(pat.errors).toEqual([]);
  await fran.context.close();
  await pat.context.close();
});
