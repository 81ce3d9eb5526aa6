import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { noCohorts, person, problem, signedOut, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

async function openSignIn(routes: Parameters<typeof stubFetch>[0] = {}) {
  const fetchMock = stubFetch({
    'GET /api/me': signedOut,
    'GET /api/cohorts': noCohorts,
    ...routes,
  });
  const app = renderApp('/sign-in');
  await screen.findByRole('heading', { level: 1, name: 'Sign in to Colab' });
  return { ...app, fetchMock };
}

describe('sign-in form', () => {
  it('shows what each empty field needs, focuses the first, and does not call the server', async () => {
    const { user, fetchMock } = await openSignIn();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toBeInvalid());
    expect(email).toHaveAccessibleDescription('Enter an email address like name@example.org');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
    expect(email).toHaveFocus();
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/me']);
  });

  it('shows the server’s field errors from a problem+json 400 on the matching fields', async () => {
    const { user } = await openSignIn({
      'POST /api/auth/sign-in/email': {
        status: 400,
        body: problem(400, {
          code: 'validation_failed',
          fields: [{ path: 'email', message: 'Email address is too long' }],
        }),
      },
    });

    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAccessibleDescription('Email address is too long'));
    expect(email).toBeInvalid();
    expect(screen.getByLabelText('Password')).toBeValid();
  });

  it('clears a server field error once the person changes that field and moves on', async () => {
    const { user } = await openSignIn({
      'POST /api/auth/sign-in/email': {
        status: 400,
        body: problem(400, { fields: [{ path: 'email', message: 'Email address is too long' }] }),
      },
    });
    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toBeInvalid());

    await user.type(email, 'x');
    await user.tab();

    expect(email).toBeValid();
    expect(screen.queryByText('Email address is too long')).not.toBeInTheDocument();
  });

  it('says in an alert when the email and password do not match', async () => {
    const { user } = await openSignIn({
      'POST /api/auth/sign-in/email': {
        status: 401,
        body: problem(401, {
          code: 'invalid_email_or_password',
          detail: 'Invalid email or password',
        }),
      },
    });

    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'not the right one');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That email and password do not match an account. Check them and try again.',
    );
  });

  it('asks the person to wait after too many attempts', async () => {
    const { user } = await openSignIn({
      'POST /api/auth/sign-in/email': {
        status: 429,
        body: problem(429, {
          code: 'rate_limited',
          detail: 'Too many sign-in attempts. Please wait a minute and try again.',
        }),
        headers: { 'retry-after': '60' },
      },
    });

    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'whatever it is');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many sign-in attempts. Please wait a minute and try again.',
    );
  });

  it('sends the normalised email, then shows the home page', async () => {
    let signedIn = false;
    const { user, fetchMock } = await openSignIn({
      'GET /api/me': () => (signedIn ? { body: person() } : signedOut),
      'POST /api/auth/sign-in/email': () => {
        signedIn = true;
        return { body: { redirect: false } };
      },
    });

    await user.type(screen.getByLabelText('Email'), '  Amy@Example.ORG ');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your cohorts' }),
    ).toBeInTheDocument();
    const signInCall = fetchMock.mock.calls.find(([url]) => url === '/api/auth/sign-in/email');
    expect(JSON.parse(String(signInCall?.[1]?.body))).toEqual({
      email: 'amy@example.org',
      password: 'a long enough secret',
    });
  });
});
