import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  COHORT_ID,
  cohort,
  FACILITATOR_ACTIONS,
  person,
  problem,
  stubFetch,
} from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const base = `/api/cohorts/${COHORT_ID}`;
const facilitatorCohort = cohort({
  myRole: 'facilitator',
  allowedActions: FACILITATOR_ACTIONS,
  assignableRoles: ['facilitator', 'participant', 'sponsor'],
});

const pending = {
  id: 'inv-1',
  email: 'bo@example.org',
  name: 'Bo Second',
  role: 'participant',
  status: 'pending',
  sentAt: '2027-03-01T10:00:00.000Z',
  expiresAt: '2027-03-15T10:00:00.000Z',
  acceptedAt: null,
};

function open(routes: Parameters<typeof stubFetch>[0] = {}, invitations: unknown[] = []) {
  const fetchMock = stubFetch({
    'GET /api/me': { body: person() },
    [`GET ${base}`]: { body: facilitatorCohort },
    [`GET ${base}/invitations`]: { body: { invitations } },
    ...routes,
  });
  return { ...renderApp(`/cohorts/${COHORT_ID}/invitations`), fetchMock };
}

const bodyOf = (fetchMock: ReturnType<typeof stubFetch>, method: string, url: string) => {
  const call = fetchMock.mock.calls.find(([u, init]) => u === url && init?.method === method);
  return call ? JSON.parse(String(call[1]?.body)) : undefined;
};

/** The server's answer to a POST of invitations, email not set up. */
const answered = (
  summary: { invited: number; resent: number; alreadyMembers: number; rejected: number },
  results: unknown[],
) => ({
  [`POST ${base}/invitations`]: { status: 201, body: { emailed: false, summary, results } },
});

/** A row the server invited (or sent again), with the link it made. */
const sentRow = (
  row: number,
  input: string,
  status: 'invited' | 'resent',
  invitation: Record<string, unknown>,
) => ({ row, input, email: invitation.email, status, invitation: { ...pending, ...invitation } });

describe('the invitations page', () => {
  it('sends a pasted list with the chosen role, then shows the results with links', async () => {
    const { user, fetchMock } = open(
      answered({ invited: 1, resent: 0, alreadyMembers: 0, rejected: 1 }, [
        sentRow(1, 'Bo Second <bo@example.org>', 'invited', {
          email: 'bo@example.org',
          link: 'http://colab.test/invitations/abc',
        }),
        {
          row: 2,
          input: 'oops',
          status: 'rejected',
          errors: [{ path: 'email', message: 'Enter an email address like name@example.org' }],
        },
      ]),
    );
    await screen.findByRole('heading', { level: 1, name: 'Invitations' });
    expect(await screen.findByText(/No invitations yet/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: /Invite them as/ }));
    await user.click(await screen.findByRole('option', { name: 'Sponsor' }));
    await user.type(
      screen.getByLabelText('Paste email addresses'),
      'Bo Second <bo@example.org>, oops',
    );
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    const results = await screen.findByRole('heading', { name: 'Results' });
    await waitFor(() => expect(results).toHaveFocus());
    expect(bodyOf(fetchMock, 'POST', `${base}/invitations`)).toEqual({
      emails: 'Bo Second <bo@example.org>, oops',
      role: 'sponsor',
    });
    expect(screen.getByText('1 invited, 1 needs attention.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Copy link for bo@example.org' })).toBeVisible();
    // Only the row to correct stays in the box: sending the whole list again would replace
    // the link just given to Bo.
    expect(screen.getByLabelText('Paste email addresses')).toHaveValue('oops');
  });

  it('empties the list once every row is invited, and says a link sent again replaces the old one', async () => {
    const { user } = open(
      answered({ invited: 1, resent: 1, alreadyMembers: 0, rejected: 0 }, [
        sentRow(1, 'bo@example.org', 'resent', {
          email: 'bo@example.org',
          link: 'http://colab.test/invitations/new-bo',
        }),
        sentRow(2, 'cy@example.org', 'invited', {
          id: 'inv-2',
          email: 'cy@example.org',
          name: null,
          link: 'http://colab.test/invitations/cy',
        }),
      ]),
    );
    await screen.findByRole('heading', { level: 1, name: 'Invitations' });
    await user.type(
      screen.getByLabelText('Paste email addresses'),
      'bo@example.org, cy@example.org',
    );
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByText('1 invited, 1 sent again.')).toBeVisible();
    expect(screen.getByText(/the link sent before no longer works/)).toBeVisible();
    expect(screen.getByLabelText('Paste email addresses')).toHaveValue('');
  });

  it('says what is missing before sending an empty list', async () => {
    const { user, fetchMock } = open();
    await screen.findByRole('heading', { level: 1, name: 'Invitations' });
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    const emails = screen.getByLabelText('Paste email addresses');
    await waitFor(() =>
      expect(emails).toHaveAccessibleDescription(
        expect.stringContaining('Paste at least one email address'),
      ),
    );
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('shows each row’s errors when no row could be invited (a 400)', async () => {
    const { user } = open({
      [`POST ${base}/invitations`]: {
        status: 400,
        body: problem(400, {
          code: 'validation_failed',
          detail: 'None of the rows could be invited.',
          fields: [
            { path: 'rows.1.email', message: 'Enter an email address like name@example.org' },
            { path: 'rows.2.email', message: 'Enter an email address like name@example.org' },
          ],
        }),
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Invitations' });
    await user.type(screen.getByLabelText('Paste email addresses'), 'first{Enter}second');
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByText('2 need attention.')).toBeVisible();
    const table = screen.getAllByRole('table')[0]!;
    const [, first, second] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent('first');
    expect(first).toHaveTextContent('Enter an email address like name@example.org');
    expect(second).toHaveTextContent('second');
  });

  it('reads a chosen CSV file and sends its text as csv', async () => {
    const { user, fetchMock } = open({
      [`POST ${base}/invitations`]: {
        status: 201,
        body: {
          emailed: false,
          summary: { invited: 0, resent: 0, alreadyMembers: 1, rejected: 0 },
          results: [{ row: 2, input: 'cat@example.org,Cat,participant', status: 'already_member' }],
        },
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Invitations' });
    await user.click(screen.getByRole('radio', { name: 'Use a CSV file' }));
    const csv = 'email,name,role\ncat@example.org,Cat,participant\n';
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input).toHaveAttribute('accept', '.csv,text/csv');
    await user.upload(input, new File([csv], 'people.csv', { type: 'text/csv' }));

    await waitFor(() => expect(screen.getByLabelText('CSV rows')).toHaveValue(csv));
    expect(screen.getByText('Read people.csv')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByText('1 already a member.')).toBeVisible();
    expect(bodyOf(fetchMock, 'POST', `${base}/invitations`)).toEqual({ csv });
  });

  it('lists invitations with their status, and shows a fresh link after Resend', async () => {
    const accepted = {
      ...pending,
      id: 'inv-2',
      email: 'cat@example.org',
      name: null,
      status: 'accepted',
      acceptedAt: '2027-03-02T10:00:00.000Z',
    };
    const { user } = open(
      {
        'POST /api/invitations/inv-1/resend': {
          body: { ...pending, link: 'http://colab.test/invitations/fresh' },
        },
      },
      [pending, accepted],
    );
    const table = await screen.findByRole('table', { name: 'Invitations, newest first' });
    const [, bo, cat] = within(table).getAllByRole('row');
    expect(bo).toHaveTextContent('Pending');
    expect(cat).toHaveTextContent('Accepted');
    expect(cat).toHaveTextContent('Used on 2 March 2027');
    expect(within(cat!).queryByRole('button')).not.toBeInTheDocument();

    await user.click(
      within(bo!).getByRole('button', { name: 'Resend invitation to bo@example.org' }),
    );

    expect(await screen.findByText(/New link for bo@example.org/)).toBeVisible();
    expect(screen.getByLabelText('Invitation link for bo@example.org')).toHaveValue(
      'http://colab.test/invitations/fresh',
    );
  });

  it('revokes an invitation only after confirming', async () => {
    const { user, fetchMock } = open(
      { 'DELETE /api/invitations/inv-1': { body: { ...pending, status: 'revoked' } } },
      [pending],
    );
    await user.click(
      await screen.findByRole('button', { name: 'Revoke invitation to bo@example.org' }),
    );
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Revoke the invitation to bo@example.org?',
    });
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));
    expect(
      await screen.findByText(
        'The invitation to bo@example.org was revoked. Its link no longer works.',
      ),
    ).toBeInTheDocument();
  });
});
