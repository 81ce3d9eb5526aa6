import { expect, type Page, test } from '@playwright/test';
import { api, joinCohort, openCohort, person, screenshot } from '../support.ts';

/** A 16×9 PNG in one colour, as a group's cover image. */
const COVER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAJCAIAAAC0SDtlAAAAE0lEQVR4nGOQz88mCTGMahgUGgCByYwRQ8uucAAAAABJRU5ErkJggg==',
  'base64',
);

test('a group writes its page live, gathers evidence, and its published output gets a sponsor’s feedback', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { lead, cohort } = await openCohort(browser);
  const fay = await person(browser, 'Fay Facilitator');
  const pat = await person(browser, 'Pat Participant');
  const sam = await person(browser, 'Sam Participant');
  const sue = await person(browser, 'Sue Sponsor');
  await joinCohort(lead, cohort.id, [
    [fay, 'facilitator'],
    [pat, 'participant'],
    [sam, 'participant'],
    [sue, 'sponsor'],
  ]);
  const group = await api<{ id: string }>(fay.page, 'POST', `/api/cohorts/${cohort.id}/groups`, {
    name: 'The Visionaries',
    challenge: 'Why do GP practices in the east of the county struggle to recruit?',
    memberIds: [pat.id, sam.id],
    sponsorIds: [sue.id],
    chiefSponsorId: sue.id,
  });
  const groupUrl = `/cohorts/${cohort.id}/groups/${group.id}`;

  // Presence: Sam, on the cohort home, sees Pat arrive in a tab and leave when it closes.
  await sam.page.goto(`/cohorts/${cohort.id}`);
  const online = sam.page.getByRole('region', { name: 'Online now' });
  await expect(online).toContainText('Sam Participant');
  await expect(online).not.toContainText('Pat Participant');
  const patTab = await pat.context.newPage();
  await patTab.goto(`/cohorts/${cohort.id}`);
  await expect(online).toContainText('Pat Participant, on the cohort home');
  await screenshot(sam.page, 'presence-1280');
  await patTab.close();
  await expect(online).not.toContainText('Pat Participant');

  // Two members on the page at once: what one writes, the other sees.
  for (const who of [pat, sam, sue]) {
    await who.page.goto(`/cohorts/${cohort.id}/groups`);
    await who.page.getByRole('link', { name: 'The Visionaries' }).click();
    await expect(
      who.page.getByRole('heading', { level: 1, name: 'The Visionaries' }),
    ).toBeVisible();
  }
  const editor = (page: Page) => page.getByRole('textbox', { name: 'The Visionaries’s page' });
  await expect(pat.page.getByRole('region', { name: 'Who is here' })).toContainText(
    'Sam Participant',
  );
  await editor(pat.page).click();
  await pat.page.keyboard.type('Newly qualified GPs do not want partnerships.');
  await expect(editor(sam.page)).toContainText('Newly qualified GPs do not want partnerships.');
  await expect(editor(sue.page)).toContainText('Newly qualified GPs do not want partnerships.');
  await expect(editor(sue.page)).toHaveAttribute('contenteditable', 'false');

  // Pat mentions Sue on the page by typing @; Sue's bell counts it at once.
  await editor(pat.page).click();
  await pat.page.keyboard.press('End');
  await pat.page.keyboard.type(' Over to @Su');
  await expect(pat.page.getByRole('option', { name: 'Sue Sponsor' })).toBeVisible();
  await pat.page.keyboard.press('Enter');
  await expect(pat.page.getByText('Sue Sponsor has been told.')).toBeVisible();
  await expect(editor(sue.page)).toContainText('Over to @Sue Sponsor');
  await expect(sue.page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  // A screen reader hears what arrived, through the bell's polite live region.
  await expect(
    sue.page.locator('[aria-live="polite"]', { hasText: /^New notification/ }),
  ).toHaveText(/^New notification: Pat Participant mentioned you on the page of The Visionaries/);

  // Evidence, and a finding drawn from it.
  const add = pat.page.getByRole('form', { name: 'Add evidence' });
  await add.getByLabel('Title').fill('Practice manager, Eastfield');
  await add.getByLabel('What was said or seen').fill('Locums cost more than salaried GPs.');
  await add.getByLabel('Tags, separated by commas').fill('recruitment, locums');
  await add.getByRole('button', { name: 'Add to the log' }).click();
  await expect(
    pat.page.getByRole('article', { name: 'Interview: Practice manager, Eastfield' }),
  ).toBeVisible();
  // The form clears once the entry is saved; only then is it ready for the next.
  await expect(add.getByLabel('Title')).toHaveValue('');
  await add.getByLabel('Kind').selectOption('finding');
  await add.getByLabel('Title').fill('Partnership is a barrier');
  await add.getByLabel('Practice manager, Eastfield').check();
  await add.getByRole('button', { name: 'Add to the log' }).click();
  await expect(
    pat.page.getByRole('article', { name: 'Finding: Partnership is a barrier' }),
  ).toContainText('Based on: Practice manager, Eastfield');
  // A link, a file and a milestone.
  const resource = pat.page.getByRole('form', { name: 'Add a resource' });
  await resource.getByLabel('Title').fill('NHS workforce statistics');
  await resource.getByLabel('A link…').fill('https://digital.nhs.uk/data');
  await resource.getByRole('button', { name: 'Add resource' }).click();
  await expect(pat.page.getByRole('list', { name: 'Resources' })).toContainText(
    'NHS workforce statistics',
  );
  await expect(resource.getByLabel('Title')).toHaveValue('');
  await resource.getByLabel('Title').fill('Vacancy survey');
  await resource.getByLabel(/or a file/).setInputFiles({
    name: 'survey.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('practice,vacancies\nEastfield,2\n'),
  });
  await resource.getByRole('button', { name: 'Add resource' }).click();
  await expect(pat.page.getByRole('list', { name: 'Resources' })).toContainText('survey.csv');
  await pat.page.getByLabel('Milestone', { exact: true }).fill('Interviews done');
  await pat.page.getByLabel('By', { exact: true }).fill('2027-05-14');
  await pat.page.getByRole('button', { name: 'Add milestone' }).click();
  await expect(pat.page.getByRole('list', { name: 'Milestones' })).toContainText('Interviews done');
  await screenshot(pat.page, 'group-page-1280');

  // The output goes from draft to submitted to published.
  const start = pat.page.getByRole('form', { name: 'Start an output' });
  await start.getByLabel('Title').fill('Growing our own GPs');
  await start.getByLabel('Theme (optional)').fill('Workforce');
  await start
    .getByLabel('Summary')
    .fill('What we learned about recruiting GPs in the east of the county.');
  await start
    .getByLabel('Key findings, one per line')
    .fill('Partnership is a barrier\nHousing matters as much as pay');
  await start.getByRole('button', { name: 'Save as a draft' }).click();
  const output = (page: Page) => page.getByRole('article', { name: 'Output: Growing our own GPs' });
  // A cover image for the draft; a PDF offered as the cover is refused by what it is.
  await output(pat.page)
    .getByLabel(/^Cover image/)
    .setInputFiles({
      name: 'not-a-picture.png',
      mimeType: 'image/png',
      buffer: Buffer.from('%PDF-1.4 not an image'),
    });
  await expect(output(pat.page).getByRole('alert')).toContainText(
    'A cover is a PNG, JPEG, WebP or GIF image',
  );
  // The browser logs the refused upload; that one is expected, anything else is not.
  await expect.poll(() => pat.errors).toEqual([expect.stringContaining('415')]);
  pat.errors.length = 0;
  await output(pat.page)
    .getByLabel(/^Cover image/)
    .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: COVER });
  await expect(output(pat.page).getByLabel(/^Cover image/)).toHaveAccessibleName(/now cover\.png/);
  await output(pat.page).getByRole('button', { name: 'Submit for the showcase' }).click();
  await expect(output(pat.page)).toContainText('Submitted');
  // Sam waits on the cohort home; the publication arrives in what's happening, live.
  await sam.page.goto(`/cohorts/${cohort.id}`);
  const happening = sam.page.getByRole('list', { name: 'What’s happening' });
  await expect(sam.page.getByRole('heading', { name: 'What’s happening' })).toBeVisible();
  await fay.page.goto(groupUrl);
  await output(fay.page).getByRole('button', { name: 'Publish' }).click();
  await expect(output(fay.page)).toContainText('Published');
  await expect(happening).toContainText('The Visionaries published “Growing our own GPs”');
  await screenshot(sam.page, 'cohort-home-1280');
  // Pat hears of it at once: the bell's count goes up without a reload.
  const bell = pat.page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await expect(
    pat.page.locator('[aria-live="polite"]', { hasText: /^New notification/ }),
  ).toHaveText('New notification: “Growing our own GPs” is published in the showcase');
  await bell.click();
  await expect(
    pat.page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', {
      name: '“Growing our own GPs” is published in the showcase',
    }),
  ).toBeVisible();
  await screenshot(pat.page, 'notifications-1280');
  await pat.page.keyboard.press('Escape');

  // The sponsor finds it in the showcase and leaves feedback, which the group answers.
  await sue.page.goto(`/cohorts/${cohort.id}/showcase`);
  await expect(output(sue.page)).toContainText('Housing matters as much as pay');
  await output(sue.page)
    .getByLabel('Your feedback to the group')
    .fill('Could this work for district nurses?');
  await output(sue.page).getByRole('button', { name: 'Send feedback' }).click();
  await expect(output(sue.page)).toContainText('Sue Sponsor: Could this work for district nurses?');
  const cover = output(sue.page).getByRole('img', { name: 'Cover of “Growing our own GPs”' });
  await expect(cover).toBeVisible();
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await screenshot(sue.page, 'showcase-1280');
  await pat.page.reload();
  await output(pat.page)
    .getByLabel('Your answer')
    .fill('We think so: two interviews were with nurses.');
  await output(pat.page).getByRole('button', { name: 'Answer' }).click();
  await expect(output(pat.page)).toContainText('Pat Participant answered: We think so');

  // A public link, for people outside Colab, until it is turned off.
  await output(pat.page).getByRole('button', { name: 'Make a public link' }).click();
  const publicUrl = await output(pat.page).getByLabel('Public link to this output').inputValue();
  const outsider = await browser.newContext();
  const visitor = await outsider.newPage();
  await visitor.goto(publicUrl);
  await expect(
    visitor.getByRole('heading', { level: 1, name: 'Growing our own GPs' }),
  ).toBeVisible();
  await expect(visitor.getByText('district nurses')).toHaveCount(0);
  await output(pat.page).getByRole('button', { name: 'Turn the public link off' }).click();
  await expect(output(pat.page)).toContainText('Off: only the cohort sees it.');
  await visitor.reload();
  await expect(
    visitor.getByRole('heading', { level: 1, name: 'This link no longer works' }),
  ).toBeVisible();
  await outsider.close();

  // The celebration event's running order, for the day.
  await fay.page.goto(`/cohorts/${cohort.id}/celebration`);
  await expect(fay.page.getByText('Now presenting · 1 of 1')).toBeVisible();
  await expect(
    fay.page.getByRole('heading', { level: 2, name: 'Growing our own GPs' }),
  ).toBeVisible();
  await screenshot(fay.page, 'celebration-1280');

  // Search finds the page's words for the group, and nothing of it for someone outside.
  await sam.page.goto(`/cohorts/${cohort.id}/search`);
  await sam.page.getByLabel(/^Search boards/).fill('partnership');
  await sam.page.getByRole('button', { name: 'Search' }).click();
  const results = sam.page.getByRole('list', { name: 'Results for partnership' });
  await expect(results).toContainText('The Visionaries');
  await expect(results).toContainText('Partnership is a barrier');
  await expect(results.locator('mark').first()).toBeVisible();

  for (const who of [lead, fay, pat, sam, sue]) expect(who.errors, who.name).toEqual([]);
});
