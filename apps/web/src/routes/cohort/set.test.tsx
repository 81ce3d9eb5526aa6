import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COHORT_ID, cohort, person, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const SET_ID = '01890000-0000-7000-8000-0000000005e1';
const MEETING_ID = '01890000-0000-7000-8000-0000000000m1'.replace('m', 'a');
const me = person();
const facilitatorId = '01890000-0000-7000-8000-0000000000f1';
const set = (myRole: 'member' | 'facilitator' | null) => ({
  id: SET_ID,
  cohortId: COHORT_ID,
  name: 'Set 1',
  createdAt: '2027-01-01T00:00:00.000Z',
  warnings: [],
  members: [
    ...(myRole ? [{ userId: me.id, displayName: me.name, role: myRole }] : []),
    { userId: 'u2', displayName: 'Bea Brown', role: 'member' },
    { userId: facilitatorId, displayName: 'Fay Facilitator', role: 'facilitator' },
  ],
});
const occurrence = {
  meetingId: MEETING_ID,
  setId: SET_ID,
  title: 'Set meeting',
  occurrence: '2099-04-13T13:00:00.000Z',
  startsAt: '2099-04-13T13:00:00.000Z',
  endsAt: '2099-04-13T15:00:00.000Z',
  localStart: '2099-04-13T14:00:00',
  timezone: 'Europe/London',
  durationMinutes: 120,
  location: 'Trust HQ',
  videoUrl: null,
  recurring: true,
  rrule: 'FREQ=WEEKLY;INTERVAL=4',
  cancelled: false,
  moved: false,
  added: false,
  sequence: 0,
  rsvp: { going: 2, maybe: 0, cant: 1, mine: null },
};
const poll = {
  id: 'p1',
  setId: SET_ID,
  title: 'Our next meeting',
  timezone: 'Europe/London',
  durationMinutes: 120,
  status: 'open',
  confirmedSlotId: null,
  meetingId: null,
  slots: [
    {
      id: 's1',
      startsAt: '2099-05-05T13:00:00.000Z',
      localStart: '2099-05-05T14:00:00',
      tallies: { yes: 2, ifNeedBe: 1, no: 0 },
      answers: [],
    },
  ],
  myAnswers: {},
  members: [{ userId: 'u2', displayName: 'Bea Brown', role: 'member', responded: false }],
  notResponded: ['u2'],
};

function open(role: 'member' | 'facilitator' | null, extra: Record<string, unknown> = {}) {
  const calls = stubFetch({
    'GET /api/me': { body: me },
    [`GET /api/cohorts/${COHORT_ID}`]: {
      body: cohort({ allowedActions: ['cohort.view', 'members.view', 'sets.view'] }),
    },
    [`GET /api/sets/${SET_ID}`]: { body: set(role) },
    [`GET /api/sets/${SET_ID}/meetings`]: { body: { meetings: [], occurrences: [occurrence] } },
    [`GET /api/sets/${SET_ID}/polls`]: { body: { polls: [poll] } },
    [`GET /api/sets/${SET_ID}/attendance`]: { body: { setId: SET_ID, members: 2, meetings: [] } },
    ...extra,
  });
  renderApp(`/cohorts/${COHORT_ID}/sets/${SET_ID}`);
  return calls;
}

describe('a set’s page', () => {
  it('shows meetings in the person’s timezone, with the zone named, and takes an RSVP', async () => {
    const calls = open('member', {
      [`PUT /api/meetings/${MEETING_ID}/rsvp`]: {
        body: {
          occurrence: occurrence.occurrence,
          rsvp: { going: 3, maybe: 0, cant: 1, mine: 'going' },
        },
      },
    });
    const list = await screen.findByRole('list', { name: 'Meetings coming up' });
    const item = within(list).getByRole('article');
    expect(item).toHaveTextContent('Mon, 13 Apr 2099, 14:00 BST');
    expect(item).toHaveTextContent('2 going · 0 maybe · 1 can’t');
    await userEvent.click(within(item).getByRole('radio', { name: 'Going' }));
    await screen.findByRole('list', { name: 'Meetings coming up' });
    const put = calls.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put![1]!.body))).toEqual({
      occurrence: occurrence.occurrence,
      response: 'going',
    });
    // Members answer polls but do not choose the time.
    expect(screen.queryByRole('button', { name: /^Choose / })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Schedule a meeting' })).toBeNull();
  });

  it('asks no one whether they are coming to a meeting that has ended', async () => {
    const held = {
      ...occurrence,
      occurrence: '2020-04-13T13:00:00.000Z',
      startsAt: '2020-04-13T13:00:00.000Z',
      endsAt: '2020-04-13T15:00:00.000Z',
      localStart: '2020-04-13T14:00:00',
    };
    open('member', {
      [`GET /api/sets/${SET_ID}/meetings`]: {
        body: { meetings: [], occurrences: [held, occurrence] },
      },
    });
    const past = await screen.findByRole('list', { name: 'Past meetings' });
    const item = within(past).getByRole('article');
    expect(item).toHaveTextContent('Mon, 13 Apr 2020, 14:00 BST');
    expect(within(item).queryByRole('group', { name: /Are you coming/ })).toBeNull();
    expect(within(item).queryByRole('radio')).toBeNull();
    // The meeting still to come keeps its question.
    const coming = screen.getByRole('list', { name: 'Meetings coming up' });
    expect(within(coming).getByRole('group', { name: /Are you coming/ })).toBeVisible();
  });

  it('lets the facilitator remind those who have not answered and choose a time as a series', async () => {
    const calls = open('facilitator', {
      'POST /api/polls/p1/remind': { body: { reminded: 1 } },
      'POST /api/polls/p1/confirm': {
        body: { poll: { ...poll, status: 'confirmed' }, meeting: {} },
      },
    });
    const card = await screen.findByRole('article', { name: 'Poll: Our next meeting' });
    expect(card).toHaveTextContent('Not answered yet: Bea Brown.');
    await userEvent.click(within(card).getByRole('button', { name: 'Send them a reminder' }));
    expect(await within(card).findByText('Reminded 1 person.')).toBeVisible();
    await userEvent.selectOptions(
      within(card).getByRole('combobox', { name: 'The chosen time starts' }),
      'four-weekly',
    );
    await userEvent.click(within(card).getByRole('button', { name: /^Choose Tue, 5 May 2099/ }));
    await screen.findByRole('article', { name: 'Poll: Our next meeting' });
    const confirm = calls.mock.calls.find(([url]) => String(url).endsWith('/confirm'));
    expect(JSON.parse(String(confirm![1]!.body))).toEqual({
      slotId: 's1',
      rrule: 'FREQ=WEEKLY;INTERVAL=4;COUNT=6',
    });
    expect(screen.getByRole('form', { name: 'Schedule a meeting' })).toBeVisible();
  });

  it('tells those who run the cohort that the set’s meetings are for its members, and asks for none', async () => {
    const calls = open(null, {
      [`GET /api/sets/${SET_ID}/attendance`]: {
        body: {
          setId: SET_ID,
          members: 4,
          meetings: [
            {
              meetingId: MEETING_ID,
              occurrence: '2026-09-01T13:00:00.000Z',
              startsAt: '2026-09-01T13:00:00.000Z',
              cancelled: false,
              present: 3,
            },
          ],
        },
      },
    });
    expect(
      await screen.findByRole('list', { name: 'Attendance at past meetings' }),
    ).toHaveTextContent('Tue, 1 Sept 2026, 14:00 BST: 3 of 4 checked in');
    expect(
      await screen.findByText(/Its meetings and what is said in them are for its members/),
    ).toBeVisible();
    expect(screen.queryByRole('list', { name: 'Meetings coming up' })).toBeNull();
    const asked = calls.mock.calls.map(([url]) => String(url));
    expect(asked).toContain(`/api/sets/${SET_ID}/attendance`);
    expect(asked).not.toContain(`/api/sets/${SET_ID}/meetings`);
    expect(asked).not.toContain(`/api/sets/${SET_ID}/polls`);
  });
});

describe('a set meeting', () => {
  const runnerUrl = `/api/meetings/${MEETING_ID}/runner?occurrence=${encodeURIComponent(occurrence.occurrence)}`;
  const runner = {
    meeting: occurrence,
    setName: 'Set 1',
    cohortId: COHORT_ID,
    canFacilitate: false,
    members: [
      { userId: me.id, displayName: me.name, role: 'member', presented: 1 },
      { userId: 'u2', displayName: 'Bea Brown', role: 'member', presented: 0 },
    ],
    checkins: [
      {
        userId: 'u2',
        displayName: 'Bea Brown',
        note: 'Tired but here',
        checkedInAt: '2099-04-13T13:01:00.000Z',
      },
    ],
    suggestedRota: [],
    presentations: [
      {
        id: 'pr1',
        presenterId: 'u2',
        displayName: 'Bea Brown',
        position: 0,
        challenge: 'Keeping our volunteers',
        questions: null,
        timer: { startedAt: null, stoppedAt: null },
      },
    ],
    actions: [
      {
        id: 'a2',
        presentationId: 'pr1',
        ownerId: 'u2',
        ownerName: 'Bea Brown',
        text: 'Run a listening session',
        dueDate: null,
        status: 'open',
        followUp: null,
      },
    ],
    followUps: [
      {
        id: 'a1',
        presentationId: null,
        ownerId: me.id,
        ownerName: me.name,
        text: 'Ask the practice managers',
        dueDate: '2099-04-01',
        status: 'open',
        followUp: null,
      },
    ],
  };

  it('keeps the check-ins of a meeting that has ended, and takes no more', async () => {
    const held = {
      ...occurrence,
      occurrence: '2020-04-13T13:00:00.000Z',
      startsAt: '2020-04-13T13:00:00.000Z',
      endsAt: '2020-04-13T15:00:00.000Z',
    };
    stubFetch({
      'GET /api/me': { body: me },
      [`GET /api/cohorts/${COHORT_ID}`]: {
        body: cohort({ allowedActions: ['cohort.view', 'members.view', 'sets.view'] }),
      },
      [`GET /api/meetings/${MEETING_ID}/runner`]: { body: { ...runner, meeting: held } },
    });
    renderApp(`/cohorts/${COHORT_ID}/sets/${SET_ID}/meetings/${MEETING_ID}`);
    expect(await screen.findByRole('list', { name: 'Checked in' })).toHaveTextContent(
      'Bea Brown — Tired but here',
    );
    expect(screen.getByText('Check-in closed when the meeting ended.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Check in' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /How are you arriving/ })).toBeNull();
  });

  it('opens a single meeting from a link that does not name its occurrence', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: me },
      [`GET /api/cohorts/${COHORT_ID}`]: {
        body: cohort({ allowedActions: ['cohort.view', 'members.view', 'sets.view'] }),
      },
      [`GET /api/meetings/${MEETING_ID}/runner`]: { body: runner },
    });
    renderApp(`/cohorts/${COHORT_ID}/sets/${SET_ID}/meetings/${MEETING_ID}`);
    expect(await screen.findByRole('list', { name: 'Checked in' })).toBeVisible();
    // Asked without an empty `occurrence=`, which the server would refuse as no instant.
    expect(calls.mock.calls.map(([url]) => String(url))).toContain(
      `/api/meetings/${MEETING_ID}/runner`,
    );
  });

  it('shows check-ins, presenters and actions, and records a follow-up', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: me },
      [`GET /api/cohorts/${COHORT_ID}`]: {
        body: cohort({ allowedActions: ['cohort.view', 'members.view', 'sets.view'] }),
      },
      [`GET ${runnerUrl}`]: { body: runner },
      'PATCH /api/actions/a1': { body: { ...runner.followUps[0], status: 'done' } },
    });
    renderApp(
      `/cohorts/${COHORT_ID}/sets/${SET_ID}/meetings/${MEETING_ID}?occurrence=${encodeURIComponent(occurrence.occurrence)}`,
    );
    expect(await screen.findByRole('list', { name: 'Checked in' })).toHaveTextContent(
      'Bea Brown — Tired but here',
    );
    expect(screen.getByRole('heading', { name: '1. Bea Brown presents' })).toBeVisible();
    expect(screen.getByRole('list', { name: 'Bea Brown’s actions' })).toHaveTextContent(
      'Run a listening session',
    );
    const followUp = screen.getByRole('article', { name: 'Action: Ask the practice managers' });
    await userEvent.type(
      within(followUp).getByRole('textbox', { name: 'Note (optional)' }),
      'Both said yes',
    );
    await userEvent.click(within(followUp).getByRole('button', { name: 'Done' }));
    await screen.findByRole('list', { name: 'Checked in' });
    const patch = calls.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch![1]!.body))).toEqual({
      followUp: {
        meetingId: MEETING_ID,
        occurrence: occurrence.occurrence,
        outcome: 'done',
        note: 'Both said yes',
      },
    });
  });
});
