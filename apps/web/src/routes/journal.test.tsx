import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ENTRY_ID, journalEntry, share } from '../features/journal/journal-fixtures.ts';
import { person, stubFetch } from '../testing/fetch-stub.ts';
import { renderApp } from '../testing/render.tsx';

// The editor talks to the collab server and IndexedDB, neither of which a unit test has.
vi.mock('../features/journal/entry-workspace.tsx', () => ({
  EntryWorkspace: () => <p>The editor</p>,
}));

describe('the journal page', () => {
  it('lists entries newest first with their date, prompt and where they are shared', async () => {
    stubFetch({
      'GET /api/me': { body: person({ timezone: 'Asia/Tokyo' }) },
      'GET /api/journal': {
        body: {
          entries: [
            journalEntry({
              id: 'e2',
              title: '',
              prompt: { id: 'p1', text: 'What surprised you this week?' },
              shares: [share()],
            }),
            journalEntry(),
          ],
        },
      },
    });
    renderApp('/journal');

    const list = await screen.findByRole('list', { name: 'Your journal entries' });
    const [first, second] = within(list).getAllByRole('article');
    expect(within(first!).getByRole('link', { name: 'Untitled entry' })).toHaveAttribute(
      'href',
      '/journal/e2',
    );
    expect(first).toHaveTextContent('Answers: What surprised you this week?');
    expect(first).toHaveTextContent('Shared with Cohort 4: Health Inequalities');
    // 23:30 in London on 9 March is already 10 March in Tokyo, the person's own zone.
    expect(second).toHaveTextContent('10 March 2027');
    expect(second).toHaveTextContent('Private');
    expect(within(second!).getByRole('link', { name: 'After session 3' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Journal' })).toHaveAttribute('aria-current', 'page');
  });

  it('says what the journal is for, and that only they can read it, when it is empty', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/journal': { body: { entries: [] } },
    });
    renderApp('/journal');

    expect(await screen.findByRole('heading', { name: 'Your journal is empty' })).toBeVisible();
    expect(screen.getByText(/your own notes between sessions/)).toBeVisible();
    expect(screen.getByText(/Only you can read it\./)).toBeVisible();
  });

  it('starts a new entry and opens it', async () => {
    const fetchMock = stubFetch({
      'GET /api/me': { body: person() },
      'GET /api/journal': { body: { entries: [] } },
      'POST /api/journal': { status: 201, body: journalEntry({ title: '' }) },
      [`GET /api/journal/${ENTRY_ID}`]: { body: journalEntry({ title: '' }) },
    });
    const { user, router } = renderApp('/journal');

    await user.click(await screen.findByRole('button', { name: 'New entry' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Journal entry' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/journal/${ENTRY_ID}`);
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({});
    await waitFor(() => expect(document.title).toBe('Untitled entry – Colab'));
  });
});
