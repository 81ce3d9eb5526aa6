import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { person, problem, signedOut, stubFetch } from './testing/fetch-stub.ts';
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
    stubFetch({ 'GET /api/me': { body: person() } });
    const { router } = renderApp('/sign-in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
  });

  it('shows an empty state that says a facilitator will invite them, with no admin note', async () => {
    stubFetch({ 'GET /api/me': { body: person() } });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'No cohorts yet' })).toBeVisible();
    expect(screen.getByText(/A facilitator will invite you/)).toBeVisible();
    expect(screen.queryByText(/Creating cohorts is coming soon/)).not.toBeInTheDocument();
    expect(document.title).toBe('Your cohorts – Colab');
  });

  it('tells an instance admin that creating cohorts arrives soon', async () => {
    stubFetch({ 'GET /api/me': { body: person({ isInstanceAdmin: true }) } });
    renderApp('/');
    expect(await screen.findByText(/Creating cohorts is coming soon/)).toBeVisible();
  });

  it('frames signed-in pages with a skip link, main navigation and the person’s name', async () => {
    stubFetch({ 'GET /api/me': { body: person({ name: 'Bo Second' }) } });
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
  });

  it('signs out and returns to the sign-in page', async () => {
    let signedIn = true;
    const fetchMock = stubFetch({
      'GET /api/me': () => (signedIn ? { body: person() } : signedOut),
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
