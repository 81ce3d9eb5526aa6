import { expect, type Page, test } from '@playwright/test';
import { api, joinCohort, openCohort, person, screenshot } from '../support.ts';

const when = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));

// The set meets in the next March at least a month away: its first meeting falls before the
// clocks go forward (always the last Sunday of March) and the fourth week after it, 6 April,
// after, whatever the year. Fixed dates would pass into the past, where meetings have ended.
const today = new Date();
const YEAR = today.getUTCFullYear() + (today.getUTCMonth() >= 1 ? 1 : 0);
const at = (monthDay: string) => `${YEAR}-${monthDay}`;

test('a set finds a time by poll, meets with two presenters, and follows up its actions next time', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The instance's first account sets up the cohort; its facilitator runs the set.
  const { lead, cohort } = await openCohort(browser);
  const fay = await person(browser, 'Fay Facilitator');
  const pat = await person(browser, 'Pat Participant');
  const sam = await person(browser, 'Sam Participant');
  await joinCohort(lead, cohort.id, [
    [fay, 'facilitator'],
    [pat, 'participant'],
    [sam, 'participant'],
  ]);
  const set = await api<{ id: string }>(fay.page, 'POST', `/api/cohorts/${cohort.id}/sets`, {
    name: 'Set 1',
    memberIds: [pat.id, sam.id],
  });
  const setUrl = `/cohorts/${cohort.id}/sets/${set.id}`;

  // The facilitator proposes three times.
  await fay.page.goto(`/cohorts/${cohort.id}/sets`);
  await fay.page.getByRole('link', { name: 'Set 1' }).click();
  await expect(fay.page.getByRole('heading', { level: 1, name: 'Set 1' })).toBeVisible();
  const pollForm = fay.page.getByRole('form', { name: 'Find a time' });
  await pollForm.getByLabel('Time 1').fill(at('03-09T14:00'));
  await pollForm.getByLabel('Time 2').fill(at('03-10T10:00'));
  await pollForm.getByRole('button', { name: 'Add another time' }).click();
  await pollForm.getByLabel('Time 3').fill(at('03-11T16:00'));
  await pollForm.getByRole('button', { name: 'Ask the set' }).click();
  const favourite = when(at('03-09T14:00:00Z'));
  const poll = (page: Page) => page.getByRole('article', { name: 'Poll: Our next meeting' });
  await expect(poll(fay.page)).toContainText('Not answered yet: Pat Participant, Sam Participant.');

  // Two members answer, each in their own browser; the facilitator's tallies move live.
  for (const [member, second] of [
    [pat, 'If need be'],
    [sam, 'No'],
  ] as const) {
    await member.page.goto(setUrl);
    const card = poll(member.page);
    await card
      .getByRole('group', { name: `Your answer for ${favourite}` })
      .getByLabel('Yes')
      .check();
    await card
      .getByRole('group', { name: `Your answer for ${when(at('03-10T10:00:00Z'))}` })
      .getByLabel(second)
      .check();
    await card.getByRole('button', { name: 'Save my answers' }).click();
  }
  const favouriteRow = poll(fay.page).getByRole('row', { name: new RegExp(favourite) });
  await expect(favouriteRow.getByRole('cell').first()).toHaveText('2');
  await expect(poll(fay.page)).toContainText('Everyone has answered.');
  await screenshot(fay.page, 'set-poll-1280');

  // Confirmed as a series: every 4 weeks, three meetings; it appears for the members live.
  await poll(fay.page).getByLabel('The chosen time starts').selectOption('four-weekly');
  await poll(fay.page).getByLabel('How many meetings').fill('3');
  await poll(fay.page)
    .getByRole('button', { name: `Choose ${favourite}` })
    .click();
  const upcoming = (page: Page) => page.getByRole('list', { name: 'Meetings coming up' });
  await expect(upcoming(pat.page).getByRole('article')).toHaveCount(3);
  // 6 April is after the clocks change: still 14:00, now BST.
  expect(when(at('04-06T13:00:00Z'))).toMatch(/ 6 Apr \d{4}, 14:00 BST$/);
  await expect(upcoming(pat.page)).toContainText(when(at('04-06T13:00:00Z')));
  await upcoming(pat.page).getByRole('article').first().getByLabel('Going').check();
  await expect(upcoming(fay.page).getByRole('article').first()).toContainText('1 going');

  // The series is on the cohort calendar, with a feed to subscribe to.
  await pat.page.goto(`/cohorts/${cohort.id}/calendar`);
  for (
    let i = 0;
    i < 14 && !(await pat.page.getByRole('heading', { name: `March ${YEAR}` }).isVisible());
    i++
  )
    await pat.page.getByRole('button', { name: 'Next' }).click();
  await expect(pat.page.getByRole('heading', { name: `March ${YEAR}` })).toBeVisible();
  await expect(
    pat.page.getByRole('table').getByRole('article', { name: /Set 1: Set meeting/ }),
  ).toContainText('14:00 GMT');
  await pat.page.getByRole('button', { name: 'Make my feed link' }).click();
  await expect(pat.page.getByLabel('Your calendar feed link')).toHaveValue(
    /\/api\/calendar\/.+\.ics$/,
  );
  await screenshot(pat.page, 'calendar-1280');

  // The first meeting, run live.
  for (const who of [fay, pat]) {
    await who.page.goto(setUrl);
    await upcoming(who.page)
      .getByRole('article')
      .first()
      .getByRole('link', { name: 'Open the meeting' })
      .click();
    await expect(who.page.getByRole('heading', { name: 'Check-in' })).toBeVisible();
  }
  await pat.page.getByLabel('How are you arriving? (optional)').fill('Busy week, glad to stop');
  await pat.page.getByRole('button', { name: 'Check in' }).click();
  await expect(fay.page.getByRole('list', { name: 'Checked in' })).toContainText('Pat Participant');
  await fay.page.getByLabel(/Pat Participant/).check();
  await fay.page.getByLabel(/Sam Participant/).check();
  await fay.page.getByRole('button', { name: 'Set who presents' }).click();
  await expect(
    pat.page.getByRole('heading', { name: '1. Pat Participant presents' }),
  ).toBeVisible();
  await expect(
    pat.page.getByRole('heading', { name: '2. Sam Participant presents' }),
  ).toBeVisible();
  // The facilitator swaps the order.
  await fay.page
    .getByRole('button', { name: 'Swap with the one before: Sam Participant and Pat Participant' })
    .click();
  await expect(
    pat.page.getByRole('heading', { name: '1. Sam Participant presents' }),
  ).toBeVisible();

  const presentation = (page: Page, name: string) =>
    page.getByRole('article', { name: new RegExp(`${name} presents`) });
  await presentation(fay.page, 'Sam Participant')
    .getByRole('button', { name: 'Start timer for Sam Participant' })
    .click();
  await presentation(pat.page, 'Sam Participant')
    .getByLabel('The challenge, in a sentence')
    .fill('Keeping the volunteers we already have');
  await presentation(pat.page, 'Sam Participant')
    .getByLabel('Questions the set asked (optional)')
    .click();
  const samActions = presentation(pat.page, 'Sam Participant').getByRole('form', {
    name: 'Add an action for Sam Participant',
  });
  await samActions.getByLabel('Action').fill('Run a listening session with volunteers');
  await samActions.getByLabel('Due (optional)').fill(at('03-30'));
  await samActions.getByRole('button', { name: 'Add action' }).click();
  await fay.page.getByRole('button', { name: 'Stop timer for Sam Participant' }).click();
  const patActions = presentation(fay.page, 'Pat Participant').getByRole('form', {
    name: 'Add an action for Pat Participant',
  });
  await patActions.getByLabel('Action').fill('Ask both practice managers for 30 minutes');
  await patActions.getByRole('button', { name: 'Add action' }).click();
  await expect(
    presentation(pat.page, 'Pat Participant').getByRole('list', {
      name: 'Pat Participant’s actions',
    }),
  ).toContainText('Ask both practice managers');
  await expect(
    presentation(fay.page, 'Sam Participant').getByLabel('The challenge, in a sentence'),
  ).toHaveValue('Keeping the volunteers we already have');
  await screenshot(fay.page, 'set-meeting-1280');

  // Pat's open action is on their cohort home.
  await pat.page.goto(`/cohorts/${cohort.id}`);
  await expect(pat.page.getByRole('list', { name: 'Your open actions' })).toContainText(
    'Ask both practice managers for 30 minutes',
  );

  // At the next meeting every open action comes up for follow-up.
  await fay.page.goto(setUrl);
  await upcoming(fay.page)
    .getByRole('article')
    .nth(1)
    .getByRole('link', { name: 'Open the meeting' })
    .click();
  const followUps = fay.page.getByRole('list', { name: 'Actions to follow up' });
  await expect(followUps).toContainText('Run a listening session with volunteers');
  await expect(followUps).toContainText('Ask both practice managers for 30 minutes');
  const done = fay.page.getByRole('article', {
    name: 'Action: Ask both practice managers for 30 minutes',
  });
  await done.getByLabel('Note (optional)').fill('Both said yes');
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(done.getByRole('button', { name: 'Done' })).toHaveAttribute('aria-pressed', 'true');
  await fay.page.setViewportSize({ width: 375, height: 800 });
  await screenshot(fay.page, 'set-follow-ups-375');

  for (const who of [lead, fay, pat, sam]) expect(who.errors, who.name).toEqual([]);
});
