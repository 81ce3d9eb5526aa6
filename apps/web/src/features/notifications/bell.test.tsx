import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { presencePageOf } from '../../realtime/presence.ts';
import { person, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const list = (read: boolean) => ({
  notifications: [
    {
      id: 'n1',
      kind: 'mention',
      title: 'Fay mentioned you on “What helps us”',
      link: '/cohorts/c1/boards/b1',
      createdAt: '2027-03-01T10:00:00.000Z',
      read,
    },
  ],
  unread: read ? 0 : 1,
});

describe('the notification bell', () => {
  it('says, when nothing has arrived, what will appear and where to choose it', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/cohorts': { body: { cohorts: [] } },
      'GET /api/notifications': { body: { notifications: [], unread: 0 } },
    });
    renderApp('/');
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(panel).toHaveTextContent(
      'Nothing yet. Mentions, new prompts, meetings and showcase news appear here.',
    );
    expect(within(panel).getByRole('link', { name: 'Notification settings' })).toHaveAttribute(
      'href',
      '/profile#notifications',
    );
  });

  it('shows the unread count, lists what arrived, and marks it all read', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/cohorts': { body: { cohorts: [] } },
      'GET /api/notifications': { body: list(false) },
      'POST /api/notifications/read': { body: list(true) },
    });
    renderApp('/');
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    await userEvent.click(bell);
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(within(panel).getByRole('link', { name: /Fay mentioned you/ })).toHaveAttribute(
      'href',
      '/cohorts/c1/boards/b1',
    );
    await userEvent.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeVisible();
    const post = calls.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({});
  });
});

describe('where presence says someone is', () => {
  it('names the kind of page, never which one', () => {
    const c = 'c1';
    expect(presencePageOf('/cohorts/c1', c)).toBe('home');
    expect(presencePageOf('/cohorts/c1/boards', c)).toBe('boards');
    expect(presencePageOf('/cohorts/c1/boards/b1', c)).toBe('board');
    expect(presencePageOf('/cohorts/c1/sets/s1', c)).toBe('sets');
    expect(presencePageOf('/cohorts/c1/sets/s1/meetings/m1', c)).toBe('meeting');
    expect(presencePageOf('/cohorts/c1/groups/g1', c)).toBe('group');
    expect(presencePageOf('/cohorts/c1/celebration', c)).toBe('showcase');
    expect(presencePageOf('/cohorts/c1/settings', c)).toBe('other');
  });
});
