import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { person, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

describe('your data on the profile page', () => {
  it('offers the download of one’s data', async () => {
    stubFetch({ 'GET /api/me': { body: person() } });
    renderApp('/profile');
    const link = await screen.findByRole('link', { name: 'Download my data' });
    expect(link).toHaveAttribute('href', '/api/me/export');
  });

  it('deletes the account only once its email is typed, then signs out', async () => {
    let me: ReturnType<typeof person> | null = person();
    const email = me.email;
    const fetchMock = stubFetch({
      'GET /api/me': () =>
        me ? { body: me } : { status: 401, body: { status: 401, code: 'unauthenticated' } },
      'DELETE /api/me': () => {
        me = null;
        return { status: 204 };
      },
    });
    const { user } = renderApp('/profile');
    const erase = await screen.findByRole('button', { name: 'Delete my account' });
    expect(erase).toBeDisabled();
    await user.type(screen.getByLabelText(`Type ${email} to confirm`), 'someone@else.org');
    expect(erase).toBeDisabled();
    await user.clear(screen.getByLabelText(`Type ${email} to confirm`));
    await user.type(screen.getByLabelText(`Type ${email} to confirm`), email);
    await user.click(erase);
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(true),
    );
    const call = fetchMock.mock.calls.find(([, init]) => init?.method === 'DELETE');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ confirm: email });
    expect(await screen.findByRole('heading', { level: 1, name: /sign in/i })).toBeVisible();
  });
});
