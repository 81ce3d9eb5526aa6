import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  COHORT_ID,
  cohort,
  FACILITATOR_ACTIONS,
  member,
  person,
  stubFetch,
} from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const base = `/api/cohorts/${COHORT_ID}`;
const bo = member({ displayName: 'Bo Second' });
const set = {
  id: '01890000-0000-7000-8000-0000000000a1',
  cohortId: COHORT_ID,
  name: 'Set 1',
  createdAt: '2027-03-01T10:00:00.000Z',
  members: [{ userId: bo.userId, displayName: 'Bo Second', role: 'member' }],
  warnings: [{ code: 'set_size', message: 'Sets work best with 4 to 8 members; this one has 1.' }],
};

function stub(actions: string[], extra: Record<string, unknown> = {}) {
  return stubFetch({
    'GET /api/me': { body: person() },
    [`GET ${base}`]: { body: cohort({ allowedActions: actions }) },
    [`GET ${base}/members`]: { body: { members: [bo] } },
    [`GET ${base}/sets`]: { body: { sets: [set] } },
    ...extra,
  } as Parameters<typeof stubFetch>[0]);
}

describe('action learning sets', () => {
  it('tells a participant in no set yet that their facilitator will put them in one', async () => {
    stub(['cohort.view', 'members.view', 'sets.view'], {
      [`GET ${base}/sets`]: { body: { sets: [] } },
    });
    renderApp(`/cohorts/${COHORT_ID}/sets`);
    expect(
      await screen.findByText('You are not in a set yet. Your facilitator will put you in one.'),
    ).toBeVisible();
    expect(screen.queryByRole('form', { name: 'Open a set' })).not.toBeInTheDocument();
  });

  it('tells a facilitator with no sets yet to open one, and how many members work best', async () => {
    stub([...FACILITATOR_ACTIONS, 'sets.view', 'sets.manage'], {
      [`GET ${base}/sets`]: { body: { sets: [] } },
    });
    renderApp(`/cohorts/${COHORT_ID}/sets`);
    expect(await screen.findByText(/^No sets yet\. Open one above/)).toHaveTextContent(
      'four to eight participants work best',
    );
    expect(screen.getByRole('form', { name: 'Open a set' })).toBeVisible();
  });

  it('shows a participant their set and who is in it, with nothing to change', async () => {
    stub(['cohort.view', 'members.view', 'sets.view']);
    renderApp(`/cohorts/${COHORT_ID}/sets`);
    const card = await screen.findByRole('article', { name: 'Set 1' });
    expect(within(card).getByRole('list', { name: 'Members of Set 1' })).toHaveTextContent(
      'Bo Second',
    );
    expect(card).toHaveTextContent('Sets work best with 4 to 8 members');
    expect(screen.queryByRole('form', { name: 'Open a set' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Take .* out/ })).not.toBeInTheDocument();
  });

  it('lets a facilitator open a set with the members they tick', async () => {
    let sent: unknown;
    stub([...FACILITATOR_ACTIONS, 'sets.view', 'sets.manage'], {
      [`POST ${base}/sets`]: (init: RequestInit | undefined) => {
        sent = JSON.parse(String(init?.body));
        return { status: 201, body: set };
      },
    });
    const { user } = renderApp(`/cohorts/${COHORT_ID}/sets`);
    const form = await screen.findByRole('form', { name: 'Open a set' });
    await user.click(within(form).getByRole('button', { name: 'Open set' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Give the set a name');
    await user.type(within(form).getByLabelText('New set’s name'), 'Set 2');
    await user.click(await within(form).findByRole('checkbox', { name: 'Bo Second' }));
    await user.click(within(form).getByRole('button', { name: 'Open set' }));
    await waitFor(() => expect(sent).toEqual({ name: 'Set 2', memberIds: [bo.userId] }));
  });
});
