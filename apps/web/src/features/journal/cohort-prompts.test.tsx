import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  COHORT_ID,
  cohort,
  FACILITATOR_ACTIONS,
  person,
  stubFetch,
} from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';
import { ENTRY_ID, journalEntry, PROMPT_ID } from './journal-fixtures.ts';

vi.mock('./entry-workspace.tsx', () => ({ EntryWorkspace: () => <p>The editor</p> }));

const base = `/api/cohorts/${COHORT_ID}`;
const openPrompt = {
  id: PROMPT_ID,
  cohortId: COHORT_ID,
  text: 'What surprised you this week?',
  opensAt: '2027-03-09T10:00:00.000Z',
  open: true,
};

function open(overrides: Record<string, unknown>, routes: Parameters<typeof stubFetch>[0] = {}) {
  const fetchMock = stubFetch({
    'GET /api/me': { body: person() },
    // Members who may read the cohort's reflections see its prompts.
    [`GET ${base}`]: {
      body: cohort({
        ...overrides,
        allowedActions: [
          ...((overrides.allowedActions as string[] | undefined) ?? cohort().allowedActions),
          'reflections.view',
        ],
      }),
    },
    [`GET ${base}/prompts`]: { body: { prompts: [openPrompt] } },
    ...routes,
  });
  return { ...renderApp(`/cohorts/${COHORT_ID}`), fetchMock };
}

const bodyOf = (fetchMock: ReturnType<typeof stubFetch>, method: string, url: string) => {
  const call = fetchMock.mock.calls.find(([u, init]) => u === url && init?.method === method);
  return call ? JSON.parse(String(call[1]?.body)) : undefined;
};

describe('reflection prompts on the cohort home', () => {
  it('answers an open prompt in a new journal entry', async () => {
    const entry = journalEntry({
      cohortId: COHORT_ID,
      promptId: PROMPT_ID,
      prompt: { id: PROMPT_ID, text: openPrompt.text },
      title: openPrompt.text,
    });
    const { user, router, fetchMock } = open(
      {},
      {
        'POST /api/journal': { status: 201, body: entry },
        [`GET /api/journal/${ENTRY_ID}`]: { body: entry },
      },
    );
    const section = await screen.findByRole('region', { name: 'Reflection prompts' });
    expect(await within(section).findByText('What surprised you this week?')).toBeVisible();
    expect(within(section).queryByLabelText('Prompt')).not.toBeInTheDocument();

    await user.click(
      within(section).getByRole('button', {
        name: 'Answer in your journal: What surprised you this week?',
      }),
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Journal entry' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/journal/${ENTRY_ID}`);
    expect(bodyOf(fetchMock, 'POST', '/api/journal')).toEqual({ promptId: PROMPT_ID });
  });

  it('says what happens next when there are no prompts', async () => {
    open({}, { [`GET ${base}/prompts`]: { body: { prompts: [] } } });
    expect(
      await screen.findByText(/When a facilitator opens one, you can answer it from here/),
    ).toBeVisible();
  });

  it('lets a facilitator publish a prompt that opens later, and shows when it opens', async () => {
    let prompts = [openPrompt];
    const later = {
      ...openPrompt,
      id: '01890000-0000-7000-8000-00000000a002',
      text: 'What will you try before the next set?',
      opensAt: '2027-03-16T09:00:00.000Z',
      open: false,
    };
    const { user, fetchMock } = open(
      { myRole: 'facilitator', allowedActions: [...FACILITATOR_ACTIONS, 'prompts.publish'] },
      {
        [`GET ${base}/prompts`]: () => ({ body: { prompts } }),
        [`POST ${base}/prompts`]: () => {
          prompts = [later, openPrompt];
          return { status: 201, body: later };
        },
      },
    );
    await user.type(await screen.findByLabelText('Prompt'), later.text);
    await user.type(screen.getByLabelText('Opens at (optional)'), '2027-03-16T09:00:00+00:00');
    await user.click(screen.getByRole('button', { name: 'Publish prompt' }));

    expect(
      await screen.findByText('Prompt published. Members will see it when it opens.'),
    ).toBeVisible();
    expect(bodyOf(fetchMock, 'POST', `${base}/prompts`)).toEqual({
      text: later.text,
      opensAt: '2027-03-16T09:00:00+00:00',
    });
    expect(await screen.findByText('Opens 16 Mar 2027, 09:00')).toBeVisible();
  });

  it('says what an open date needs before sending it', async () => {
    const { user, fetchMock } = open({
      myRole: 'facilitator',
      allowedActions: [...FACILITATOR_ACTIONS, 'prompts.publish'],
    });
    await user.type(await screen.findByLabelText('Prompt'), 'A question');
    await user.type(screen.getByLabelText('Opens at (optional)'), 'next Tuesday');
    await user.click(screen.getByRole('button', { name: 'Publish prompt' }));

    const opensAt = screen.getByLabelText('Opens at (optional)');
    await waitFor(() =>
      expect(opensAt).toHaveAccessibleDescription(
        expect.stringContaining('Use a date and time like'),
      ),
    );
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });
});
