import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { person, stubFetch } from '../testing/fetch-stub.ts';
import { renderApp } from '../testing/render.tsx';

describe('the profile page', () => {
  it('saves the profile and shows the new name in the header', async () => {
    let me = person({ organisation: 'Northfield NHS Trust' });
    const fetchMock = stubFetch({
      'GET /api/me': () => ({ body: me }),
      'PATCH /api/me': (init) => {
        const body = JSON.parse(String(init?.body));
        me = { ...me, ...body, name: body.displayName };
        return { body: me };
      },
    });
    const { user } = renderApp('/profile');
    await screen.findByRole('heading', { level: 1, name: 'Your profile' });
    expect(screen.getByLabelText('Organisation (optional)')).toHaveValue('Northfield NHS Trust');
    expect(
      screen.getByText(/hidden from other members in cohorts that leave titles/),
    ).toBeVisible();

    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Amy A.');
    await user.type(screen.getByLabelText('Pronouns (optional)'), 'she/her');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Your profile is saved.')).toBeVisible();
    await waitFor(() =>
      expect(within(screen.getByRole('banner')).getByText('Amy A.')).toBeVisible(),
    );
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({
      displayName: 'Amy A.',
      pronouns: 'she/her',
      bio: '',
      organisation: 'Northfield NHS Trust',
      jobTitle: '',
      timezone: 'Europe/London',
    });
  });

  it('asks for a name rather than saving an empty one', async () => {
    const fetchMock = stubFetch({ 'GET /api/me': { body: person() } });
    const { user } = renderApp('/profile');
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(name).toBeInvalid());
    expect(name).toHaveAccessibleDescription(
      expect.stringContaining('Enter the name people will see'),
    );
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(false);
  });
});
