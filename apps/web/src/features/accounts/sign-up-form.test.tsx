import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { noCohorts, person, problem, signedOut, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

async function openSignUp(routes: Parameters<typeof stubFetch>[0] = {}) {
  const fetchMock = stubFetch({
    'GET /api/me': signedOut,
    'GET /api/cohorts': noCohorts,
    ...routes,
  });
  const app = renderApp('/sign-up');
  await screen.findByRole('heading', { level: 1, name: 'Create your account' });
  return { ...app, fetchMock };
}

describe('sign-up form', () => {
  it('gives the password hint with the field', async () => {
    await openSignUp();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 10 characters');
  });

  it('shows the same messages as the server for a name, email and password that will not do', async () => {
    const { user, fetchMock } = await openSignUp();

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const name = screen.getByLabelText('Name');
    await waitFor(() => expect(name).toBeInvalid());
    expect(name).toHaveAccessibleDescription('Enter your name');
    expect(name).toHaveFocus();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter an email address like name@example.org',
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      expect.stringContaining('Use at least 10 characters'),
    );
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('shows on the email field that an account already uses that email', async () => {
    const { user } = await openSignUp({
      'POST /api/auth/sign-up/email': {
        status: 422,
        body: problem(422, {
          code: 'user_already_exists_use_another_email',
          detail: 'User already exists. Use another email.',
        }),
      },
    });

    await user.type(screen.getByLabelText('Name'), 'Amy Aitkens');
    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toBeInvalid());
    expect(email).toHaveAccessibleDescription(
      'An account already uses this email. Sign in instead, or use a different email.',
    );
    expect(email).toHaveFocus();
  });

  it('creates the account, then shows the home page with the person’s name', async () => {
    let signedIn = false;
    const { user } = await openSignUp({
      'GET /api/me': () => (signedIn ? { body: person({ name: 'Amy Aitkens' }) } : signedOut),
      'POST /api/auth/sign-up/email': () => {
        signedIn = true;
        return { body: { token: null } };
      },
    });

    await user.type(screen.getByLabelText('Name'), 'Amy Aitkens');
    await user.type(screen.getByLabelText('Email'), 'amy@example.org');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your cohorts' })).toBeVisible();
    expect(screen.getByText('Welcome, Amy Aitkens.')).toBeInTheDocument();
  });
});
