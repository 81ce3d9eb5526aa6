import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  COHORT_ID,
  cohort,
  FACILITATOR_ACTIONS,
  person,
  problem,
  stubFetch,
} from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const ME = person();
const base = `/api/cohorts/${COHORT_ID}`;
const BOARD_ID = '01890000-0000-7000-8000-0000000000b1';
const PARTICIPANT = ['cohort.view', 'members.view', 'boards.view', 'boards.contribute'];
const SPONSOR = ['cohort.view', 'members.view', 'boards.view'];

const board = (overrides: Record<string, unknown> = {}) => ({
  id: BOARD_ID,
  docName: `board:${BOARD_ID}`,
  cohortId: COHORT_ID,
  setId: null,
  title: 'What helps us listen?',
  prompt: 'One thing to start, stop or continue.',
  template: 'start_stop_continue',
  settings: { anonymousCards: true, voteBudget: 5, locked: false, hiddenUntilRevealed: false },
  createdAt: '2027-03-09T14:00:00.000Z',
  ...overrides,
});

function stub(actions: string[], extra: Record<string, unknown> = {}) {
  return stubFetch({
    'GET /api/me': { body: ME },
    [`GET ${base}`]: { body: cohort({ allowedActions: actions }) },
    [`GET ${base}/members`]: { body: { members: [] } },
    ...extra,
  } as Parameters<typeof stubFetch>[0]);
}

describe('the boards of a cohort', () => {
  it('lists them for a participant, with no way to open a new one', async () => {
    stub(PARTICIPANT, {
      [`GET ${base}/boards`]: {
        body: {
          boards: [
            board(),
            board({
              id: 'set-board',
              title: 'Our set',
              setId: '01890000-0000-7000-8000-0000000000s1',
            }),
          ],
        },
      },
    });
    renderApp(`/cohorts/${COHORT_ID}/boards`);
    expect(await screen.findByText(/your set’s board/)).toBeVisible();

    const link = await screen.findByRole('link', { name: 'What helps us listen?' });
    expect(link).toHaveAttribute('href', `/cohorts/${COHORT_ID}/boards/${BOARD_ID}`);
    expect(screen.getAllByText(/Start, stop, continue/)).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'New board' })).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Cohort' })).getByRole('link', {
        name: 'Boards',
      }),
    ).toBeVisible();
  });

  it('says what happens next when there are none', async () => {
    stub(PARTICIPANT, { [`GET ${base}/boards`]: { body: { boards: [] } } });
    renderApp(`/cohorts/${COHORT_ID}/boards`);
    expect(await screen.findByText(/When a facilitator opens a board/)).toBeVisible();
  });

  it('lets a facilitator open a new board, checking the title before sending it', async () => {
    const calls = stub(
      [...FACILITATOR_ACTIONS, 'boards.view', 'boards.create', 'boards.contribute'],
      {
        [`GET ${base}/boards`]: { body: { boards: [] } },
        'POST /api/boards': { status: 201, body: board({ title: 'Rose, thorn, bud' }) },
        [`GET /api/boards/${BOARD_ID}`]: {
          status: 404,
          body: problem(404, { detail: 'No such board.' }),
        },
      },
    );
    const { user, router } = renderApp(`/cohorts/${COHORT_ID}/boards`);

    await user.click(await screen.findByRole('button', { name: 'New board' }));
    const dialog = await screen.findByRole('dialog', { name: 'New board' });
    await user.click(within(dialog).getByRole('button', { name: 'Create board' }));
    expect(within(dialog).getByLabelText('Title')).toHaveAccessibleDescription(
      expect.stringContaining('Give the board a title'),
    );
    const posts = () => calls.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts()).toEqual([]);

    await user.type(within(dialog).getByLabelText('Title'), 'Rose, thorn, bud');
    await user.click(within(dialog).getByRole('button', { name: 'Create board' }));
    await screen.findByRole('heading', { name: 'Board not found' });
    expect(posts()).toHaveLength(1);
    expect(JSON.parse(String(posts()[0]?.[1]?.body))).toMatchObject({
      scope: { cohortId: COHORT_ID },
      title: 'Rose, thorn, bud',
      template: 'start_stop_continue',
      settings: { anonymousCards: true, hiddenUntilRevealed: false, voteBudget: 5 },
    });
    expect(router.state.location.pathname).toBe(`/cohorts/${COHORT_ID}/boards/${BOARD_ID}`);
  });
});

describe('one board', () => {
  it('shows a sponsor a read-only snapshot with authors, dots and comment counts', async () => {
    stub(SPONSOR, {
      [`GET /api/boards/${BOARD_ID}`]: { body: board() },
      [`GET /api/boards/${BOARD_ID}/snapshot`]: {
        body: {
          board: board(),
          columns: [
            {
              id: 'c1',
              title: 'Start',
              themes: [],
              cards: [
                {
                  id: 'k1',
                  columnId: 'c1',
                  themeId: null,
                  text: 'Listen before proposing',
                  colour: 'yellow',
                  authorId: null,
                  authorName: null,
                  createdAt: '2027-03-09T14:05:00.000Z',
                  order: 1,
                  votes: 3,
                  comments: 2,
                },
              ],
            },
          ],
          meta: { timer: null, heldCards: 0 },
          takenAt: '2027-03-09T15:00:00.000Z',
        },
      },
    });
    renderApp(`/cohorts/${COHORT_ID}/boards/${BOARD_ID}`);

    const column = await screen.findByRole('region', { name: 'Start' });
    const card = within(column).getByRole('listitem');
    expect(card).toHaveTextContent('Listen before proposing');
    expect(card).toHaveTextContent('Anonymous');
    expect(card).toHaveTextContent('● 3 · 2 comments');
    expect(screen.getByText(/A read-only snapshot/)).toBeVisible();
    expect(screen.queryByLabelText(/New card in/)).not.toBeInTheDocument();
  });

  it('says so when the board does not exist', async () => {
    stub(PARTICIPANT, {
      [`GET /api/boards/${BOARD_ID}`]: {
        status: 404,
        body: problem(404, { detail: 'No such board.' }),
      },
    });
    renderApp(`/cohorts/${COHORT_ID}/boards/${BOARD_ID}`);
    expect(await screen.findByRole('heading', { name: 'Board not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'See the cohort’s boards' })).toBeVisible();
  });
});
