import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COHORT_ID, cohort, person, problem, signedOut, stubFetch } from '../testing/fetch-stub.ts';
import { renderApp } from '../testing/render.tsx';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789';
const info = (overrides: Record<string, unknown> = {}) => ({
  status: 'pending',
  email: 'bo@example.org',
  name: 'Bo Second',
  role: 'participant',
  invitedBy: 'Amy Aitkens',
  expiresAt: '2027-03-15T10:00:00.000Z',
  cohort: {
    id: COHORT_ID,
    name: 'Cohort 4',
    programme: 'HCT Co-Lab',
    theme: 'Health inequalities',
  },
  ...overrides,
});
const bo = person({ id: 'bo-id', name: 'Bo Second', email: 'bo@example.org' });

function open(routes: Parameters<typeof stubFetch>[0]) {
  const fetchMock = stubFetch({
    [`GET /api/invitations/${TOKEN}`]: { body: info() },
    [`GET /api/cohorts/${COHORT_ID}`]: { body: cohort({ name: 'Cohort 4' }) },
    ...routes,
  });
  return { ...renderApp(`/invitations/${TOKEN}`), fetchMock };
}

const accepted = (fetchMock: ReturnType<typeof stubFetch>) =>
  fetchMock.mock.calls.filter(
    ([url, init]) => url === `/api/invitations/${TOKEN}/accept` && init?.method === 'POST',
  ).length;

describe('the invitation landing page', () => {
  it('tells a signed-out visitor what they are invited to, by whom, and offers both ways in', async () => {
    open({ 'GET /api/me': signedOut });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You’re invited to Cohort 4' }),
    ).toBeVisible();
    expect(screen.getByText(/Amy Aitkens invited you to join as a participant\./)).toBeVisible();
    expect(screen.getByRole('tab', { name: 'Create an account' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'I already have an account' })).toBeVisible();

    const email = screen.getByLabelText('Email');
    expect(email).toHaveValue('bo@example.org');
    expect(email).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Name')).toHaveValue('Bo Second');
  });

  it('creates the account, accepts the invitation and opens the cohort', async () => {
    let signedIn = false;
    const { user, router, fetchMock } = open({
      'GET /api/me': () => (signedIn ? { body: bo } : signedOut),
      'POST /api/auth/sign-up/email': () => {
        signedIn = true;
        return { body: {} };
      },
      [`POST /api/invitations/${TOKEN}/accept`]: {
        body: { cohortId: COHORT_ID, role: 'participant' },
      },
    });
    await screen.findByRole('tab', { name: 'Create an account' });
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/cohorts/${COHORT_ID}`);
    expect(accepted(fetchMock)).toBe(1);
    const signUp = fetchMock.mock.calls.find(([url]) => url === '/api/auth/sign-up/email');
    expect(JSON.parse(String(signUp?.[1]?.body))).toMatchObject({
      name: 'Bo Second',
      email: 'bo@example.org',
    });
  });

  it('signs in an existing account with the invited email and joins at once', async () => {
    let signedIn = false;
    const { user, router, fetchMock } = open({
      'GET /api/me': () => (signedIn ? { body: bo } : signedOut),
      'POST /api/auth/sign-in/email': () => {
        signedIn = true;
        return { body: {} };
      },
      [`POST /api/invitations/${TOKEN}/accept`]: {
        body: { cohortId: COHORT_ID, role: 'participant' },
      },
    });
    await user.click(await screen.findByRole('tab', { name: 'I already have an account' }));
    expect(screen.getByLabelText('Email')).toHaveValue('bo@example.org');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/cohorts/${COHORT_ID}`);
    expect(accepted(fetchMock)).toBe(1);
  });

  it('offers “Accept and join” to someone already signed in with the invited email', async () => {
    const { user, router, fetchMock } = open({
      'GET /api/me': { body: bo },
      [`POST /api/invitations/${TOKEN}/accept`]: {
        body: { cohortId: COHORT_ID, role: 'participant' },
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Accept and join' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/cohorts/${COHORT_ID}`));
    expect(accepted(fetchMock)).toBe(1);
  });

  it('explains an invitation for another email, and offers to sign out and continue', async () => {
    let signedIn = true;
    const { user, fetchMock } = open({
      'GET /api/me': () => (signedIn ? { body: person() } : signedOut),
      'POST /api/auth/sign-out': () => {
        signedIn = false;
        return { body: {} };
      },
    });
    expect(await screen.findByText(/This invitation was sent to/)).toHaveTextContent(
      'This invitation was sent to bo@example.org, but you are signed in as amy@example.org.',
    );
    expect(screen.queryByRole('button', { name: 'Accept and join' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign out and continue' }));

    expect(await screen.findByRole('tab', { name: 'Create an account' })).toBeVisible();
    expect(screen.getByLabelText('Email')).toHaveValue('bo@example.org');
    expect(accepted(fetchMock)).toBe(0);
  });

  it.each([
    ['expired', 'This invitation has expired', /Ask Amy Aitkens to send it again/],
    ['revoked', 'This invitation has been withdrawn', /ask Amy Aitkens to send you a new one/],
    ['accepted', 'This invitation has already been used', /If that was you/],
  ])('says calmly when an invitation is %s, and what to do', async (status, title, advice) => {
    open({
      'GET /api/me': signedOut,
      [`GET /api/invitations/${TOKEN}`]: { body: info({ status }) },
    });
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeVisible();
    expect(screen.getByText(advice)).toBeVisible();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in to Colab' })).toHaveAttribute(
      'href',
      '/sign-in',
    );
  });

  it('says a link it does not know does not work, without an error dump', async () => {
    open({
      'GET /api/me': signedOut,
      [`GET /api/invitations/${TOKEN}`]: {
        status: 404,
        body: problem(404, { code: 'not_found', detail: 'This invitation link is not valid.' }),
      },
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This invitation link does not work' }),
    ).toBeVisible();
    expect(screen.getByText(/ask your facilitator to send you the invitation again/)).toBeVisible();
  });

  it('shows the expired page if the invitation expired while the page was open', async () => {
    let status = 'pending';
    const { user } = open({
      'GET /api/me': { body: bo },
      [`GET /api/invitations/${TOKEN}`]: () => ({ body: info({ status }) }),
      [`POST /api/invitations/${TOKEN}/accept`]: () => {
        status = 'expired';
        return { status: 409, body: problem(409, { code: 'invitation_expired' }) };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Accept and join' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This invitation has expired' }),
    ).toBeVisible();
    expect(screen.queryByText(/409|invitation_expired/)).not.toBeInTheDocument();
  });
});
