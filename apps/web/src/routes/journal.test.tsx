import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COHORT_ID, cohort, person, problem, stubFetch } from '../testing/fetch-stub.ts';
import { renderApp } from '../testing/render.tsx';

const ME = person();
const ENTRY_ID = '01890000-0000-7000-8000-0000000000e1';
const PROMPT_ID = '01890000-0000-7000-8000-0000000000p1';
const base = `/api/cohorts/${COHORT_ID}`;

const entry = (overrides: Record<string, unknown> = {}) => ({
  id: ENTRY_ID,
  docName: `journal:${ENTRY_ID}`,
  cohortId: null,
  promptId: null,
  title: 'After the first session',
  createdAt: '2027-03-09T18:00:00.000Z',
  updatedAt: '2027-03-09T18:00:00.000Z',
  ...overrides,
});

describe('the journal', () => {
  it('lists one’s entries and says they are private', async () => {
    stubFetch({
      'GET /api/me': { body: ME },
      'GET /api/journal': { body: { entries: [entry(), entry({ id: 'e2', title: '' })] } },
    });
    renderApp('/journal');
    const list = await screen.findByRole('list', { name: 'Entries' });
    expect(
      within(list)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['After the first session', 'Untitled entry']);
    expect(screen.getByText(/Only you can read them/)).toBeVisible();
  });

  it('says what to do when it is empty, and opens a new entry', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: ME },
      'GET /api/journal': { body: { entries: [] } },
      'POST /api/journal': { status: 201, body: entry({ title: '' }) },
      [`GET /api/journal/${ENTRY_ID}`]: { status: 404, body: problem(404) },
    });
    const { user, router } = renderApp('/journal');
    expect(await screen.findByText(/Nothing here yet/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'New entry' }));
    expect(await screen.findByRole('heading', { name: 'Entry not found' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/journal/${ENTRY_ID}`);
    expect(calls.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(1);
  });

  it('tells anyone but the author that the entry is not theirs', async () => {
    stubFetch({
      'GET /api/me': { body: ME },
      [`GET /api/journal/${ENTRY_ID}`]: { status: 404, body: problem(404) },
    });
    renderApp(`/journal/${ENTRY_ID}`);
    expect(await screen.findByText(/does not exist or is not yours/)).toBeVisible();
  });
});

describe('reflection prompts on the cohort home', () => {
  const prompt = {
    id: PROMPT_ID,
    cohortId: COHORT_ID,
    text: 'Which words describe how we work together?',
    opensAt: '2027-03-09T09:00:00.000Z',
    open: true,
  };

  it('lets a participant answer an open prompt in their journal', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: ME },
      [`GET ${base}`]: {
        body: cohort({ allowedActions: ['cohort.view', 'members.view', 'reflections.view'] }),
      },
      [`GET ${base}/prompts`]: { body: { prompts: [prompt] } },
      'POST /api/journal': { status: 201, body: entry({ promptId: PROMPT_ID }) },
      [`GET /api/journal/${ENTRY_ID}`]: { status: 404, body: problem(404) },
    });
    const { user } = renderApp(`/cohorts/${COHORT_ID}`);
    expect(await screen.findByText(prompt.text)).toBeVisible();
    expect(screen.queryByRole('form', { name: 'Publish a prompt' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Answer in your journal' }));
    await screen.findByRole('heading', { name: 'Entry not found' });
    const post = calls.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ promptId: PROMPT_ID });
  });

  it('lets a facilitator publish one, refusing an empty prompt', async () => {
    let published: unknown;
    stubFetch({
      'GET /api/me': { body: ME },
      [`GET ${base}`]: {
        body: cohort({
          allowedActions: ['cohort.view', 'members.view', 'reflections.view', 'prompts.publish'],
        }),
      },
      [`GET ${base}/prompts`]: { body: { prompts: [] } },
      [`POST ${base}/prompts`]: (init) => {
        published = JSON.parse(String(init?.body));
        return { status: 201, body: prompt };
      },
    });
    const { user } = renderApp(`/cohorts/${COHORT_ID}`);
    const form = await screen.findByRole('form', { name: 'Publish a prompt' });
    expect(await screen.findByText(/Publish one below/)).toBeVisible();
    await user.click(within(form).getByRole('button', { name: 'Publish prompt' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Write the prompt');
    await user.type(within(form).getByLabelText('New prompt'), 'What surprised you?');
    await user.click(within(form).getByRole('button', { name: 'Publish prompt' }));
    await waitFor(() => expect(published).toEqual({ text: 'What surprised you?' }));
  });
});

describe('shared reflections', () => {
  it('shows the copies members shared, with who shared them', async () => {
    stubFetch({
      'GET /api/me': { body: ME },
      [`GET ${base}`]: {
        body: cohort({ allowedActions: ['cohort.view', 'members.view', 'reflections.view'] }),
      },
      [`GET ${base}/shared-reflections`]: {
        body: {
          reflections: [
            {
              entryId: ENTRY_ID,
              title: 'Trust',
              body: 'Trust, and hope.\nAnd curiosity.',
              author: { id: 'x', displayName: 'Bo Second' },
              sharedAt: '2027-03-10T10:00:00.000Z',
            },
          ],
        },
      },
    });
    renderApp(`/cohorts/${COHORT_ID}/reflections`);
    const article = await screen.findByRole('article', { name: 'Trust' });
    expect(article).toHaveTextContent('Bo Second');
    expect(within(article).getByText('And curiosity.')).toBeVisible();
  });
});
