import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COHORT_ID, cohort, person, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const base = `/api/cohorts/${COHORT_ID}`;

function open(reflections: unknown[]) {
  stubFetch({
    'GET /api/me': { body: person() },
    [`GET ${base}`]: {
      body: cohort({ allowedActions: ['cohort.view', 'members.view', 'reflections.view'] }),
    },
    [`GET ${base}/shared-reflections`]: { body: { reflections } },
    [`GET ${base}/prompts`]: { body: { prompts: [] } },
  });
  return renderApp(`/cohorts/${COHORT_ID}/reflections`);
}

describe('shared reflections', () => {
  it('shows each shared copy read-only, with its author, date and paragraphs', async () => {
    open([
      {
        entryId: 'e1',
        title: 'Holding back',
        body: 'I noticed I hold back in the set.\n\nNext time I will ask first.\nAnd listen.',
        author: { id: 'u2', displayName: 'Bo Second' },
        sharedAt: '2027-03-10T09:00:00.000Z',
      },
      {
        entryId: 'e2',
        title: '',
        body: '',
        author: { id: 'u3', displayName: 'Cat Lead' },
        sharedAt: '2027-03-09T09:00:00.000Z',
      },
    ]);
    const list = await screen.findByRole('list', { name: 'Shared reflections' });
    const [first, second] = within(list).getAllByRole('article');
    expect(within(first!).getByRole('heading', { name: 'Holding back' })).toBeVisible();
    expect(first).toHaveTextContent('Bo Second, shared 10 March 2027');
    const paragraphs = first!.querySelectorAll('.reflection__body p');
    expect([...paragraphs].map((p) => p.textContent)).toEqual([
      'I noticed I hold back in the set.',
      'Next time I will ask first.And listen.',
    ]);
    expect(within(second!).getByRole('heading', { name: 'Untitled entry' })).toBeVisible();
    expect(second).toHaveTextContent('This entry was empty when shared.');
    expect(within(list).queryByRole('button')).not.toBeInTheDocument();
    expect(within(list).queryByRole('textbox')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Cohort' });
    expect(within(nav).getByRole('link', { name: 'Reflections' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('says that journals are private and what appears here, when nothing is shared', async () => {
    open([]);
    expect(
      await screen.findByText(/Nothing has been shared yet\. Journals are private/),
    ).toBeVisible();
  });
});
