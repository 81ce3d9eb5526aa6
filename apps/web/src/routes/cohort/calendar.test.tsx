import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COHORT_ID, cohort, person, problem, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const base = `/api/cohorts/${COHORT_ID}`;
// Items today (in London), so the month, week and agenda the calendar opens on all show them.
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const meeting = {
  type: 'meeting',
  meetingId: 'm1',
  setId: 's1',
  setName: 'Set 1',
  title: 'Set meeting',
  occurrence: `${day}T13:00:00.000Z`,
  startsAt: `${day}T13:00:00.000Z`,
  endsAt: `${day}T15:00:00.000Z`,
  localStart: `${day}T13:00:00`,
  timezone: 'Europe/London',
  durationMinutes: 120,
  location: null,
  videoUrl: null,
  recurring: true,
  rrule: 'FREQ=WEEKLY;INTERVAL=4',
  cancelled: false,
  moved: false,
  added: false,
  rsvp: { going: 3, maybe: 0, cant: 0, mine: null },
};
const event = {
  type: 'event',
  id: 'e1',
  cohortId: COHORT_ID,
  title: 'Systems leadership',
  kind: 'masterclass',
  startsAt: `${day}T10:00:00.000Z`,
  endsAt: `${day}T13:00:00.000Z`,
  timezone: 'Europe/London',
  durationMinutes: 180,
  location: 'Town hall',
  videoUrl: null,
  description: null,
  cancelled: true,
};

function open(allowed: string[], extra: Record<string, unknown> = {}) {
  const calls = stubFetch({
    'GET /api/me': { body: person() },
    [`GET ${base}`]: {
      body: cohort({ allowedActions: ['cohort.view', 'members.view', ...allowed] }),
    },
    [`GET ${base}/calendar`]: { body: { items: [meeting, event] } },
    'GET /api/me/calendar-feed': {
      body: { exists: true, createdAt: '2027-01-04T10:00:00.000Z' },
    },
    ...extra,
  });
  renderApp(`/cohorts/${COHORT_ID}/calendar`);
  return calls;
}

describe('the cohort calendar', () => {
  it('shows the month with each item on its day, in the viewer’s zone, and switches views', async () => {
    open([]);
    const table = await screen.findByRole('table');
    const meetingEntry = await within(table).findByRole('article', { name: /Set 1: Set meeting/ });
    expect(meetingEntry).toHaveTextContent(/1[34]:00 (GMT|BST)/);
    expect(meetingEntry.closest('td')).toHaveAttribute('aria-current', 'date');
    const cancelled = within(table).getByRole('article', {
      name: /Masterclass: Systems leadership/,
    });
    expect(cancelled).toHaveTextContent('Cancelled');
    expect(screen.getByText(/Times are shown in Europe\/London/)).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Agenda' }));
    const agenda = await screen.findByRole('list', { name: / to / });
    const today = within(agenda).getByRole('heading', { level: 3, name: /\(today\)$/ });
    expect(today.closest('li')).toHaveTextContent('Set 1: Set meeting');
    await userEvent.click(screen.getByRole('button', { name: 'Week' }));
    expect(await screen.findByRole('heading', { name: /^Week of/ })).toBeVisible();
    // Members without the right to add events see no form.
    expect(screen.queryByRole('form', { name: 'Add an event' })).toBeNull();
  });

  it('lets a facilitator add an event and shows what the server said was wrong', async () => {
    const calls = open(['events.manage'], {
      [`POST ${base}/events`]: {
        status: 400,
        body: problem(400, {
          code: 'validation_failed',
          fields: [{ path: 'startsAt', message: 'Give a date and time like 2027-03-09T14:00' }],
        }),
      },
    });
    const form = await screen.findByRole('form', { name: 'Add an event' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Celebration event');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'celebration');
    await userEvent.click(within(form).getByRole('button', { name: 'Add to the calendar' }));
    expect(
      await within(form).findByText('Give a date and time like 2027-03-09T14:00'),
    ).toBeVisible();
    expect(within(form).getByLabelText('Starts')).toHaveAttribute('aria-invalid', 'true');
    const post = calls.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toMatchObject({
      title: 'Celebration event',
      kind: 'celebration',
      timezone: 'Europe/London',
      durationMinutes: 120,
    });
  });

  it('shows the person’s feed link once, when made, and replaces it with a new one', async () => {
    open([], {
      'POST /api/me/calendar-feed/rotate': {
        body: {
          url: 'http://localhost/api/calendar/second-secret-token.ics',
          createdAt: '2027-01-05T10:00:00.000Z',
        },
      },
    });
    expect(await screen.findByText(/You made a feed link on/)).toBeVisible();
    expect(screen.queryByLabelText('Your calendar feed link')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Make a new link' }));
    expect(await screen.findByText(/earlier one no longer works/)).toBeVisible();
    expect(screen.getByLabelText('Your calendar feed link')).toHaveValue(
      'http://localhost/api/calendar/second-secret-token.ics',
    );
  });
});
