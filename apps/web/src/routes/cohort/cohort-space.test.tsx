import { allowedActions, type CohortRole } from '@colab/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  COHORT_ID,
  cohort,
  FACILITATOR_ACTIONS,
  member,
  person,
  problem,
  stubFetch,
} from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

/** What the server says a member of this role may do, from the one permission table. */
const actionsOf = (role: CohortRole) =>
  allowedActions({ isInstanceAdmin: false, role }, { archived: false });

const ME = person();
const base = `/api/cohorts/${COHORT_ID}`;

const amy = member({
  userId: ME.id,
  displayName: 'Amy Aitkens',
  role: 'participant',
  pronouns: 'she/her',
  organisation: 'Northfield NHS Trust',
  jobTitle: 'Ward manager',
  email: 'amy@example.org',
});
const bo = member({ displayName: 'Bo Second', bio: 'I run a food bank.' });
const lead = member({
  userId: '01890000-0000-7000-8000-000000000003',
  displayName: 'Cat Lead',
  role: 'programme_lead',
});

function stubCohort(overrides: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return stubFetch({
    'GET /api/me': { body: ME },
    [`GET ${base}`]: { body: cohort(overrides) },
    [`GET ${base}/members`]: { body: { members: [bo, lead, amy] } },
    [`GET ${base}/calendar`]: { body: { items: [] } },
    [`GET ${base}/activity`]: {
      body: {
        activity: [
          {
            id: 'a1',
            kind: 'output.published',
            title: 'The Visionaries published “Growing our own GPs” in the showcase',
            link: `/cohorts/${COHORT_ID}/showcase`,
            actor: null,
            createdAt: '2027-03-10T10:00:00.000Z',
          },
        ],
      },
    },
    ...extra,
  } as Parameters<typeof stubFetch>[0]);
}

const cohortNav = () => screen.getByRole('navigation', { name: 'Cohort' });
const navLinks = () =>
  within(cohortNav())
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('a cohort space, for a participant', () => {
  it('names the page one is on in the cohort menu, which opens and folds again on moving', async () => {
    stubCohort({});
    const { user } = renderApp(`/cohorts/${COHORT_ID}/members`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
    const menu = within(cohortNav()).getByRole('button', { name: 'Cohort menu: Members' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    const list = document.getElementById(menu.getAttribute('aria-controls')!);
    expect(list).toBe(within(cohortNav()).getByRole('list'));
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(cohortNav()).getByRole('link', { name: 'Calendar' }));
    expect(
      await within(cohortNav()).findByRole('button', { name: 'Cohort menu: Calendar' }),
    ).toHaveAttribute('aria-expanded', 'false');
  });

  it('offers only Home and Members, and no controls over other people', async () => {
    stubCohort({});
    renderApp(`/cohorts/${COHORT_ID}/members`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
    expect(navLinks()).toEqual(['Home', 'Groups', 'Showcase', 'Calendar', 'Members', 'Search']);
    expect(screen.getByText('Cohort 4: Health Inequalities')).toBeVisible();
    expect(screen.queryByRole('button', { name: /Change role/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Leave cohort' })).toHaveLength(1);
    expect(document.title).toBe('Members – Cohort 4: Health Inequalities – Colab');
  });

  it('lists themself first, and shows what others share but no titles the API did not send', async () => {
    stubCohort({});
    renderApp(`/cohorts/${COHORT_ID}/members`);

    const list = await screen.findByRole('list', { name: 'Members' });
    const cards = within(list).getAllByRole('article');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Amy Aitkens (you)',
      'Bo Second',
      'Cat Lead',
    ]);
    expect(cards[0]).toHaveTextContent('she/her');
    expect(cards[0]).toHaveTextContent('Ward manager, Northfield NHS Trust');
    expect(cards[0]).toHaveTextContent('only you see this here');
    expect(cards[1]).toHaveTextContent('I run a food bank.');
    expect(cards[1]).toHaveTextContent('Participant');
    expect(cards[2]).toHaveTextContent('Programme lead');
    expect(screen.getByText(/Titles and organisations are left at the door/)).toBeVisible();
  });

  it('says a page for facilitators is not theirs, rather than showing controls that would fail', async () => {
    stubCohort({});
    renderApp(`/cohorts/${COHORT_ID}/invitations`);
    expect(
      await screen.findByText('This page is for the people who run this cohort.'),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Invite' })).not.toBeInTheDocument();
  });

  it('shows what is happening in the cohort, but not the activity log', async () => {
    stubCohort(
      { allowedActions: actionsOf('participant') },
      {
        [`GET ${base}/prompts`]: { body: { prompts: [] } },
        [`GET ${base}/my-actions`]: {
          body: {
            actions: [
              {
                id: 'x1',
                text: 'Write to the ICB about discharge delays',
                setName: 'Set A',
                dueDate: '2027-03-30',
                followUp: null,
              },
            ],
          },
        },
      },
    );
    renderApp(`/cohorts/${COHORT_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    const feed = await screen.findByRole('list', { name: 'What’s happening' });
    expect(
      within(feed).getByRole('link', { name: /published “Growing our own GPs”/ }),
    ).toHaveAttribute('href', `/cohorts/${COHORT_ID}/showcase`);
    expect(screen.queryByText('Latest in the activity log')).toBeNull();
    expect(screen.getByText('Twelve months of learning together across the system.')).toBeVisible();
    expect(screen.getByText(/9 March to 14 July 2027/)).toBeVisible();
    for (const space of [
      'Reflection boards',
      'Journal',
      'Action learning sets',
      'Project groups',
      'Showcase',
    ]) {
      expect(screen.getByRole('heading', { level: 3, name: space })).toBeVisible();
    }
    expect(screen.getByRole('link', { name: 'Reflection boards' })).toHaveAttribute(
      'href',
      `/cohorts/${COHORT_ID}/boards`,
    );
    const spaces = screen.getByRole('region', { name: 'Spaces in this cohort' });
    expect(within(spaces).getByRole('link', { name: 'Journal' })).toHaveAttribute(
      'href',
      '/journal',
    );
    expect(within(spaces).getByRole('link', { name: 'Action learning sets' })).toHaveAttribute(
      'href',
      `/cohorts/${COHORT_ID}/sets`,
    );
    expect(screen.queryAllByText('Coming soon')).toHaveLength(0);
    expect(await screen.findByRole('list', { name: 'Your open actions' })).toHaveTextContent(
      'Write to the ICB about discharge delays · Set A · due 30 March 2027',
    );
  });

  it('leaves the cohort after confirming, and goes back to their cohorts', async () => {
    const fetchMock = stubCohort(
      {},
      {
        [`DELETE ${base}/members/${ME.id}`]: { status: 204 },
        'GET /api/cohorts': { body: { cohorts: [], canCreate: false } },
      },
    );
    const { user, router } = renderApp(`/cohorts/${COHORT_ID}/members`);
    await user.click(await screen.findByRole('button', { name: 'Leave cohort' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Leave Cohort 4: Health Inequalities?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Leave cohort' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
    expect(await screen.findByText('You have left Cohort 4: Health Inequalities.')).toBeVisible();
    expect(
      fetchMock.mock.calls.some(
        ([url, init]) => url === `${base}/members/${ME.id}` && init?.method === 'DELETE',
      ),
    ).toBe(true);
  });
});

describe('a cohort space, for a sponsor', () => {
  const sponsor = () => ({ myRole: 'sponsor', allowedActions: actionsOf('sponsor') });

  it('offers no way to the action learning sets, which sponsors are never in', async () => {
    stubCohort(sponsor(), { [`GET ${base}/prompts`]: { body: { prompts: [] } } });
    renderApp(`/cohorts/${COHORT_ID}`);
    const spaces = await screen.findByRole('region', { name: 'Spaces in this cohort' });
    expect(within(spaces).getByRole('link', { name: 'Reflection boards' })).toBeVisible();
    expect(within(spaces).getByRole('link', { name: 'Showcase' })).toBeVisible();
    expect(within(spaces).queryByText('Action learning sets')).toBeNull();
    expect(navLinks()).not.toContain('Sets');
  });

  it('says the sets are not theirs when they open the page by its address, and asks for nothing', async () => {
    const calls = stubCohort(sponsor());
    renderApp(`/cohorts/${COHORT_ID}/sets`);
    expect(
      await screen.findByText(
        /Action learning sets are for the cohort’s participants and facilitators/,
      ),
    ).toBeVisible();
    expect(screen.queryByText(/could not be loaded/)).toBeNull();
    expect(calls.mock.calls.map(([url]) => String(url))).not.toContain(`${base}/sets`);
  });
});

describe('a cohort space, for a facilitator', () => {
  const facilitator = {
    myRole: 'facilitator',
    allowedActions: FACILITATOR_ACTIONS,
    assignableRoles: ['facilitator', 'participant', 'sponsor'],
  };

  it('offers Invitations, Settings and the Activity log too', async () => {
    stubCohort(facilitator);
    renderApp(`/cohorts/${COHORT_ID}/members`);
    await screen.findByRole('heading', { level: 1, name: 'Members' });
    expect(navLinks()).toEqual([
      'Home',
      'Groups',
      'Showcase',
      'Calendar',
      'Members',
      'Search',
      'Invitations',
      'Settings',
      'Activity log',
    ]);
  });

  it('can change a participant’s role or remove them, but cannot touch a programme lead', async () => {
    stubCohort(facilitator);
    renderApp(`/cohorts/${COHORT_ID}/members`);
    await screen.findByRole('heading', { level: 1, name: 'Members' });
    expect(screen.getByRole('button', { name: 'Change role for Bo Second' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Remove Bo Second' })).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Change role for Cat Lead' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Cat Lead' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Amy Aitkens' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Download member list/ })).not.toBeInTheDocument();
  });

  it('offers a programme lead the member list with organisations to download', async () => {
    stubCohort({
      myRole: 'programme_lead',
      allowedActions: [
        ...FACILITATOR_ACTIONS,
        'cohort.archive',
        'members.manage_leads',
        'members.export',
      ],
      assignableRoles: ['programme_lead', 'facilitator', 'participant', 'sponsor'],
    });
    renderApp(`/cohorts/${COHORT_ID}/members`);
    expect(await screen.findByRole('link', { name: 'Download member list (CSV)' })).toHaveAttribute(
      'href',
      `${base}/members/export`,
    );
    expect(screen.getByRole('button', { name: 'Change role for Bo Second' })).toBeVisible();
    // The only programme lead cannot be changed or removed by anyone.
    expect(screen.queryByRole('button', { name: 'Remove Cat Lead' })).not.toBeInTheDocument();
  });

  it('changes a role choosing only among the roles they may hand out', async () => {
    let role = 'participant';
    const fetchMock = stubCohort(facilitator, {
      [`PATCH ${base}/members/${bo.userId}`]: (init: RequestInit | undefined) => {
        role = JSON.parse(String(init?.body)).role;
        return { body: { userId: bo.userId, role } };
      },
    });
    const { user } = renderApp(`/cohorts/${COHORT_ID}/members`);
    await user.click(await screen.findByRole('button', { name: 'Change role for Bo Second' }));

    const dialog = await screen.findByRole('dialog', { name: 'Change Bo Second’s role' });
    const radios = within(dialog).getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual([
      'facilitator',
      'participant',
      'sponsor',
    ]);
    expect(within(dialog).getByRole('radio', { name: 'Participant' })).toBeChecked();
    expect(within(dialog).getByRole('radio', { name: 'Sponsor' })).toHaveAccessibleDescription(
      'Follows project groups and comments on the showcase.',
    );
    await user.click(within(dialog).getByRole('radio', { name: 'Sponsor' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(role).toBe('sponsor');
    expect(screen.getByText('Bo Second is now a sponsor.')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      `${base}/members/${bo.userId}`,
      expect.objectContaining({ method: 'PATCH' }),
    );
  });

  it('removes someone only after confirming, and says why if the server refuses', async () => {
    stubCohort(facilitator, {
      [`DELETE ${base}/members/${bo.userId}`]: {
        status: 409,
        body: problem(409, { code: 'cohort_archived', detail: 'Archived.' }),
      },
    });
    const { user } = renderApp(`/cohorts/${COHORT_ID}/members`);
    await user.click(await screen.findByRole('button', { name: 'Remove Bo Second' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Remove Bo Second from the cohort?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This cohort is archived, so nothing in it can be changed.',
    );
  });

  it('shows the last few audit events in plain words on the cohort home', async () => {
    stubCohort(facilitator, {
      [`GET ${base}/audit`]: {
        body: {
          events: [
            {
              id: 'e2',
              action: 'member.role_changed',
              actorId: ME.id,
              subjectUserId: bo.userId,
              details: { from: 'participant', to: 'facilitator' },
              createdAt: '2027-03-02T09:00:00.000Z',
            },
            {
              id: 'e1',
              action: 'invitation.created',
              actorId: 'someone-gone',
              subjectUserId: null,
              details: { email: 'dee@example.org', role: 'participant' },
              createdAt: '2027-03-01T09:00:00.000Z',
            },
          ],
        },
      },
    });
    renderApp(`/cohorts/${COHORT_ID}`);
    expect(
      await screen.findByText(
        'Amy Aitkens changed Bo Second’s role from participant to facilitator.',
      ),
    ).toBeVisible();
    expect(
      screen.getByText('A former member invited dee@example.org as a participant.'),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'See the full activity log' })).toHaveAttribute(
      'href',
      `/cohorts/${COHORT_ID}/activity`,
    );
  });
});

describe('an archived cohort', () => {
  it('says it is read-only, and offers a lead only the way to unarchive it', async () => {
    stubCohort({
      archived: true,
      myRole: 'programme_lead',
      allowedActions: [
        'cohort.view',
        'cohort.archive',
        'members.view',
        'members.export',
        'audit.view',
        'activity.view',
      ],
      assignableRoles: [],
    });
    renderApp(`/cohorts/${COHORT_ID}/settings`);
    expect(await screen.findByText('This cohort is archived and read-only.')).toBeVisible();
    expect(navLinks()).toEqual([
      'Home',
      'Groups',
      'Showcase',
      'Calendar',
      'Members',
      'Search',
      'Settings',
      'Activity log',
    ]);
    expect(screen.getByRole('button', { name: 'Unarchive cohort' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });
});

describe('cohort retention in settings', () => {
  it('lets a lead set months to archive and delete after, and says when deleting comes too soon', async () => {
    const fetchMock = stubCohort(
      {
        myRole: 'programme_lead',
        allowedActions: ['cohort.view', 'cohort.edit', 'cohort.archive', 'members.view'],
        assignableRoles: [],
      },
      {
        [`GET ${base}/retention`]: {
          body: {
            cohortId: COHORT_ID,
            endsOn: '2027-07-10',
            archiveAfterMonths: null,
            deleteAfterMonths: null,
          },
        },
        [`PUT ${base}/retention`]: (init: RequestInit | undefined) => ({
          body: { cohortId: COHORT_ID, endsOn: '2027-07-10', ...JSON.parse(String(init?.body)) },
        }),
      },
    );
    const { user } = renderApp(`/cohorts/${COHORT_ID}/settings`);
    const archive = await screen.findByLabelText('Archive after (months)');
    const remove = screen.getByLabelText('Delete after (months)');
    await user.type(archive, '6');
    await user.type(remove, '3');
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(remove).toBeInvalid());
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false);
    await user.clear(remove);
    await user.type(remove, '24');
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Retention is saved.')).toBeVisible();
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({
      archiveAfterMonths: 6,
      deleteAfterMonths: 24,
    });
  });
});

describe('an unknown cohort', () => {
  it('says calmly that it could not be found', async () => {
    stubFetch({
      'GET /api/me': { body: ME },
      [`GET ${base}`]: { status: 404, body: problem(404, { code: 'not_found' }) },
    });
    renderApp(`/cohorts/${COHORT_ID}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Cohort not found' }),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to your cohorts' })).toHaveAttribute('href', '/');
  });
});
