import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ENTRY_ID, journalEntry, share } from '../features/journal/journal-fixtures.ts';
import { COHORT_ID, person, problem, stubFetch } from '../testing/fetch-stub.ts';
import { renderApp } from '../testing/render.tsx';
import { sharedDocStub } from '../testing/shared-doc-stub.ts';

// No collab server or IndexedDB in a unit test: the page gets a local document instead.
vi.mock('../collab/use-shared-doc.ts', () => import('../testing/shared-doc-stub.ts'));
const collab = sharedDocStub;

const entryPath = `/api/journal/${ENTRY_ID}`;
const cohortSummary = {
  id: COHORT_ID,
  name: 'Cohort 4: Health Inequalities',
  archived: false,
  myRole: 'participant',
};

function open(routes: Parameters<typeof stubFetch>[0] = {}, entry = journalEntry()) {
  const fetchMock = stubFetch({
    'GET /api/me': { body: person() },
    [`GET ${entryPath}`]: { body: entry },
    ...routes,
  });
  return { ...renderApp(`/journal/${ENTRY_ID}`), fetchMock };
}

const bodyOf = (fetchMock: ReturnType<typeof stubFetch>, method: string, url: string) => {
  const call = fetchMock.mock.calls.find(([u, init]) => u === url && init?.method === method);
  return call ? JSON.parse(String(call[1]?.body)) : undefined;
};

describe('a journal entry', () => {
  it('says an entry that is not theirs does not exist or is not theirs', async () => {
    open({
      [`GET ${entryPath}`]: { status: 404, body: problem(404, { code: 'not_found' }) },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Entry not found' })).toBeVisible();
    expect(screen.getByText('This entry does not exist or is not yours.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to your journal' })).toHaveAttribute(
      'href',
      '/journal',
    );
  });

  it('shows the prompt it answers, a formatting toolbar and that it is saved', async () => {
    open({}, journalEntry({ prompt: { id: 'p1', text: 'What surprised you this week?' } }));
    expect(await screen.findByText('What surprised you this week?')).toBeVisible();
    expect(screen.getByText('Saved')).toBeVisible();
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    for (const name of ['Bold', 'Italic', 'Bullet list', 'Heading']) {
      expect(within(toolbar).getByRole('button', { name })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
    }
    expect(await screen.findByRole('textbox', { name: 'Entry text' })).toBeVisible();
  });

  it('says calmly that offline changes will sync', async () => {
    collab.connection = 'offline';
    try {
      open();
      expect(await screen.findByText('Offline — your changes will sync')).toBeVisible();
    } finally {
      collab.connection = 'live';
    }
  });

  it('stops taking typing once the server has closed the entry, and says why', async () => {
    collab.connection = 'closed';
    collab.closedBecause = 'You no longer have access to this document.';
    try {
      open();
      expect(await screen.findByText(/You no longer have access to this document\./)).toBeVisible();
      const text = await screen.findByRole('textbox', { name: 'Entry text' });
      expect(text).toHaveAttribute('aria-readonly', 'true');
      expect(text).toHaveAttribute('contenteditable', 'false');
      expect(screen.queryByRole('toolbar', { name: 'Formatting' })).toBeNull();
    } finally {
      collab.connection = 'live';
      collab.closedBecause = null;
    }
  });

  it('renames the entry when the person presses Enter in its title', async () => {
    const { user, fetchMock } = open({
      [`PATCH ${entryPath}`]: { body: journalEntry({ title: 'What I noticed' }) },
    });
    const title = await screen.findByLabelText('Title');
    expect(title).toHaveValue('After session 3');
    await user.clear(title);
    await user.type(title, 'What I noticed{Enter}');
    await user.tab();

    await waitFor(() =>
      expect(bodyOf(fetchMock, 'PATCH', entryPath)).toEqual({ title: 'What I noticed' }),
    );
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH')).toHaveLength(1);
    await waitFor(() => expect(document.title).toBe('What I noticed – Colab'));
  });

  it('shares a copy with a chosen cohort, lists shares and stops sharing', async () => {
    let shares: unknown[] = [];
    const { user, fetchMock } = open({
      [`GET ${entryPath}`]: () => ({ body: journalEntry({ shares }) }),
      'GET /api/cohorts': {
        body: {
          cohorts: [cohortSummary, { ...cohortSummary, id: 'sponsored', myRole: 'sponsor' }],
          canCreate: false,
        },
      },
      [`POST ${entryPath}/shares`]: () => {
        shares = [share()];
        return { status: 201, body: { entryId: ENTRY_ID, cohortId: COHORT_ID } };
      },
      [`DELETE ${entryPath}/shares/${COHORT_ID}`]: () => {
        shares = [];
        return { status: 204 };
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this entry' });
    expect(dialog).toHaveTextContent('The copy is a snapshot');
    expect(dialog).toHaveTextContent('share with that cohort again, which refreshes the copy');
    expect(within(dialog).getByText('Nobody yet: this entry is private.')).toBeVisible();

    // Only one cohort may be shared with (the other is one they sponsor), so it is chosen.
    await user.click(within(dialog).getByRole('button', { name: 'Share a copy' }));
    await waitFor(() =>
      expect(bodyOf(fetchMock, 'POST', `${entryPath}/shares`)).toEqual({ cohortId: COHORT_ID }),
    );
    expect(
      await within(dialog).findByText('Shared a copy with Cohort 4: Health Inequalities.'),
    ).toBeVisible();
    const stop = await within(dialog).findByRole('button', {
      name: 'Stop sharing with Cohort 4: Health Inequalities',
    });

    await user.click(stop);
    expect(await within(dialog).findByText('Nobody yet: this entry is private.')).toBeVisible();
    expect(
      fetchMock.mock.calls.some(
        ([url, init]) => url === `${entryPath}/shares/${COHORT_ID}` && init?.method === 'DELETE',
      ),
    ).toBe(true);
  });

  it('deletes the entry only after confirming, then goes back to the journal', async () => {
    const { user, router, fetchMock } = open({
      [`DELETE ${entryPath}`]: { status: 204 },
      'GET /api/journal': { body: { entries: [] } },
    });
    await user.click(await screen.findByRole('button', { name: 'Delete entry' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this entry?' });
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete entry' }));

    expect(await screen.findByRole('heading', { name: 'Your journal is empty' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/journal');
  });
});
