import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  COHORT_ID,
  cohort,
  noCohorts,
  person,
  problem,
  signedOut,
  stubFetch,
} from './testing/fetch-stub.ts';
import { renderApp } from './testing/render.tsx';

describe('pages and who may see them', () => {
  it('sends a signed-out visitor from the home page to sign in', async () => {
    stubFetch({ 'GET /api/me': signedOut });
    const { router } = renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to Colab' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      '/sign-up',
    );
  });

  it('sends a signed-in person from the sign-in page to their cohorts', async () => {
    stubFetch({ 'GET /api/me': { body: person() }, 'GET /api/cohorts': noCohorts });
    const { router } = renderApp('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
  });

  it('shows an empty state that says a facilitator will invite them, with no way to create one', async () => {
    stubFetch({ 'GET /api/me': { body: person() }, 'GET /api/cohorts': noCohorts });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No cohorts yet' })).toBeVisible();
    expect(screen.getByText(/A facilitator will invite you/)).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Create a cohort' })).not.toBeInTheDocument();
    expect(document.title).toBe('Your cohorts – Colab');
  });

  it('offers the instance admin, with no cohorts yet, a way to create the first one', async () => {
    stubFetch({
      'GET /api/me': { body: person({ isInstanceAdmin: true }) },
      'GET /api/cohorts': { body: { cohorts: [], canCreate: true } },
    });
    renderApp('/');
    expect(await screen.findByText(/You look after this Colab/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Create a cohort' })).toHaveAttribute(
      'href',
      '/cohorts/new',
    );
    // The admin has steps to take, so nothing tells them to wait.
    expect(screen.queryByText(/nothing you need to do/)).toBeNull();
    expect(screen.queryByText(/A facilitator will invite you/)).toBeNull();
  });

  it('lists the person’s cohorts with their role, dates, member count and an Archived badge', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/cohorts': {
        body: {
          canCreate: false,
          cohorts: [
            cohort({ memberCount: 24 }),
            cohort({
              id: 'c-old',
              name: 'Cohort 3',
              theme: '',
              programme: '',
              archived: true,
              myRole: 'facilitator',
              memberCount: 1,
              startsOn: '2026-09-01',
              endsOn: '2027-01-31',
            }),
          ],
        },
      },
    });
    renderApp('/');
    const list = await screen.findByRole('list', { name: 'Your cohorts' });
    const [current, old] = within(list).getAllByRole('listitem');
    expect(
      within(current!).getByRole('link', { name: 'Cohort 4: Health Inequalities' }),
    ).toHaveAttribute('href', `/cohorts/${COHORT_ID}`);
    expect(current).toHaveTextContent('HCT Co-Lab · Health inequalities');
    expect(current).toHaveTextContent('9 March to 14 July 2027');
    expect(current).toHaveTextContent('Participant');
    expect(current).toHaveTextContent('24 members');
    expect(current).not.toHaveTextContent('Archived');
    expect(old).toHaveTextContent('1 September 2026 to 31 January 2027');
    expect(old).toHaveTextContent('Facilitator');
    expect(old).toHaveTextContent('Archived');
    expect(old).toHaveTextContent('1 member');
    expect(screen.queryByRole('link', { name: 'Create a cohort' })).not.toBeInTheDocument();
  });

  it('brings a signed-out visitor back to the page they asked for once they sign in', async () => {
    let signedIn = false;
    stubFetch({
      'GET /api/me': () => (signedIn ? { body: person() } : signedOut),
      'POST /api/auth/sign-in/email': () => {
        signedIn = true;
        return { body: {} };
      },
      [`GET /api/cohorts/${COHORT_ID}`]: { body: cohort() },
    });
    const { user, router } = renderApp(`/cohorts/${COHORT_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Colab' });
    expect(router.state.location.search).toBe(
      `?next=${encodeURIComponent(`/cohorts/${COHORT_ID}`)}`,
    );
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      `/sign-up?next=${encodeURIComponent(`/cohorts/${COHORT_ID}`)}`,
    );

    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Cohort home' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/cohorts/${COHORT_ID}`);
  });

  it('ignores a ?next= that points away from Colab', async () => {
    stubFetch({ 'GET /api/me': { body: person() }, 'GET /api/cohorts': noCohorts });
    const { router } = renderApp('/sign-in?next=//evil.example/steal');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
  });

  it('frames signed-in pages with a skip link, main navigation, the person’s name and their profile', async () => {
    stubFetch({
      'GET /api/me': { body: person({ name: 'Bo Second' }) },
      'GET /api/cohorts': noCohorts,
    });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Your cohorts' });
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute(
      'href',
      '#main',
    );
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as Bo Second');
    expect(
      within(screen.getByRole('banner')).getByRole('link', { name: 'Profile' }),
    ).toHaveAttribute('href', '/profile');
  });

  it('signs out and returns to the sign-in page', async () => {
    let signedIn = true;
    const fetchMock = stubFetch({
      'GET /api/me': () => (signedIn ? { body: person() } : signedOut),
      'GET /api/cohorts': noCohorts,
      'POST /api/auth/sign-out': () => {
        signedIn = false;
        return { body: { success: true } };
      },
    });
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to Colab' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
    const signOutCall = fetchMock.mock.calls.find(([url]) => url === '/api/auth/sign-out');
    expect(signOutCall?.[1]?.body).toBe('{}');
  });

  it('says a page does not exist, with a way back', async () => {
    stubFetch({ 'GET /api/me': signedOut });
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it('offers to try again when the server cannot say who is signed in', async () => {
    let failing = true;
    stubFetch({
      'GET /api/me': () =>
        failing ? { status: 503, body: problem(503, { code: 'database_unavailable' }) } : signedOut,
    });
    const { user } = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Colab is not answering' })).toBeVisible();

    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to Colab' }),
    ).toBeVisible();
  });
});
