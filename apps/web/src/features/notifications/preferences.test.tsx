import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { person, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const preferences = {
  preferences: [
    { category: 'mention', label: 'Someone mentions me', inApp: true, email: 'immediate' },
    { category: 'prompt', label: 'A reflection prompt is published', inApp: true, email: 'digest' },
  ],
  digestHour: 7,
  emailAvailable: true,
};

describe('notification settings on the profile page', () => {
  it('saves what each kind of news does, and when the digest comes', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/me/notification-preferences': { body: preferences },
      'PUT /api/me/notification-preferences': { body: preferences },
    });
    renderApp('/profile');
    const prompt = await screen.findByRole('checkbox', {
      name: 'A reflection prompt is published: show in Colab',
    });
    await userEvent.click(prompt);
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Someone mentions me: email' }),
      'off',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Send the daily digest at (your time)' }),
      '18',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    expect(await screen.findByText('Notification settings saved.')).toBeVisible();
    const put = calls.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put![1]!.body))).toEqual({
      preferences: [
        { category: 'mention', inApp: true, email: 'off' },
        { category: 'prompt', inApp: false, email: 'digest' },
      ],
      digestHour: 18,
    });
  });
});
