import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  COHORT_ID,
  cohort,
  FACILITATOR_ACTIONS,
  person,
  problem,
  stubFetch,
} from '../testing/fetch-stub.ts';
import { renderApp } from '../testing/render.tsx';

function open(routes: Parameters<typeof stubFetch>[0] = {}) {
  const fetchMock = stubFetch({
    'GET /api/me': { body: person({ isInstanceAdmin: true }) },
    'GET /api/cohorts': { body: { cohorts: [], canCreate: true } },
    ...routes,
  });
  return { ...renderApp('/cohorts/new'), fetchMock };
}

describe('creating a cohort', () => {
  it('starts in Europe/London with titles left at the door, explained in one line', async () => {
    open();
    await screen.findByRole('heading', { level: 1, name: 'Create a cohort' });
    expect(screen.getByRole('button', { name: /Timezone/ })).toHaveTextContent('Europe/London');
    const titles = screen.getByRole('checkbox', { name: 'Leave titles at the door' });
    expect(titles).toBeChecked();
    expect(titles).toHaveAccessibleDescription(
      'Members see each other by name and what they choose to share, not by job title or organisation.',
    );
  });

  it('says what is missing on each field without calling the server', async () => {
    const { user, fetchMock } = open();
    await screen.findByRole('heading', { level: 1, name: 'Create a cohort' });
    await user.click(screen.getByRole('button', { name: 'Create cohort' }));

    const name = screen.getByLabelText('Name');
    await waitFor(() => expect(name).toBeInvalid());
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Give the cohort a name'));
    expect(name).toHaveFocus();
    expect(screen.getByLabelText('Start date')).toHaveAccessibleDescription(
      'Enter the date the cohort starts',
    );
    expect(screen.getByLabelText('End date')).toHaveAccessibleDescription(
      'Enter the date the cohort ends',
    );
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('shows the server’s field errors on the matching fields', async () => {
    const { user } = open({
      'POST /api/cohorts': {
        status: 400,
        body: problem(400, {
          code: 'validation_failed',
          fields: [{ path: 'name', message: 'Name can be at most 120 characters' }],
        }),
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Create a cohort' });
    await user.type(screen.getByLabelText('Name'), 'Cohort 4');
    await user.type(screen.getByLabelText('Start date'), '2027-03-09');
    await user.type(screen.getByLabelText('End date'), '2027-07-14');
    await user.click(screen.getByRole('button', { name: 'Create cohort' }));

    const name = screen.getByLabelText('Name');
    await waitFor(() =>
      expect(name).toHaveAccessibleDescription(
        expect.stringContaining('Name can be at most 120 characters'),
      ),
    );
  });

  it('creates the cohort and goes on to invite people', async () => {
    const created = cohort({
      myRole: 'programme_lead',
      allowedActions: [...FACILITATOR_ACTIONS, 'cohort.archive'],
      assignableRoles: ['programme_lead', 'facilitator', 'participant', 'sponsor'],
    });
    const { user, router, fetchMock } = open({
      'POST /api/cohorts': { status: 201, body: created },
      [`GET /api/cohorts/${COHORT_ID}`]: { body: created },
      [`GET /api/cohorts/${COHORT_ID}/invitations`]: { body: { invitations: [] } },
    });
    await screen.findByRole('heading', { level: 1, name: 'Create a cohort' });
    await user.type(screen.getByLabelText('Name'), 'Cohort 4: Health Inequalities');
    await user.type(screen.getByLabelText('Theme (optional)'), 'Health inequalities');
    await user.type(screen.getByLabelText('Start date'), '2027-03-09');
    await user.type(screen.getByLabelText('End date'), '2027-07-14');
    await user.click(screen.getByRole('checkbox', { name: 'Leave titles at the door' }));
    await user.click(screen.getByRole('button', { name: 'Create cohort' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/cohorts/${COHORT_ID}/invitations`);
    expect(screen.getByText(/is ready\./)).toBeVisible();
    const post = fetchMock.mock.calls.find(
      ([url, init]) => url === '/api/cohorts' && init?.method === 'POST',
    );
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      name: 'Cohort 4: Health Inequalities',
      programme: '',
      theme: 'Health inequalities',
      description: '',
      startsOn: '2027-03-09',
      endsOn: '2027-07-14',
      timezone: 'Europe/London',
      titlesAtTheDoor: false,
    });
  });

  it('tells someone who cannot create cohorts who can', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/cohorts': { body: { cohorts: [], canCreate: false } },
    });
    renderApp('/cohorts/new');
    expect(await screen.findByText(/Only the person who looks after this Colab/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Create cohort' })).not.toBeInTheDocument();
  });
});
