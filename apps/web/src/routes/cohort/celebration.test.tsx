import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COHORT_ID, cohort, person, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

const base = `/api/cohorts/${COHORT_ID}`;
const output = (id: string, title: string, groupName: string) => ({
  id,
  groupId: `g-${id}`,
  groupName,
  title,
  summary: '',
  theme: '',
  keyFindings: [],
  filmUrl: null,
  media: {
    cover: {
      url: `/api/outputs/${id}/media/cover`,
      fileName: 'c.png',
      contentType: 'image/png',
      size: 10,
    },
    film: null,
    report: null,
  },
  status: 'published',
  returnComment: null,
  publicLink: false,
  feedback: [],
});
const showcase = {
  outputs: [
    output('o1', 'Growing our own GPs', 'The Visionaries'),
    output('o2', 'Safe discharge', 'Home First'),
  ],
  themes: [],
};

describe('the celebration event', () => {
  it('steps through the running order, and lets a facilitator move an output later', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: { body: cohort({ allowedActions: ['cohort.view', 'groups.manage'] }) },
      [`GET ${base}/showcase`]: { body: showcase },
      [`PUT ${base}/showcase/order`]: { body: showcase },
    });
    renderApp(`/cohorts/${COHORT_ID}/celebration`);
    expect(await screen.findByText('Now presenting · 1 of 2')).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'Growing our own GPs' })).toBeVisible();
    expect(screen.getByRole('img', { name: 'Cover of “Growing our own GPs”' })).toHaveAttribute(
      'src',
      '/api/outputs/o1/media/cover',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Now presenting · 2 of 2')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByText('Now presenting · 1 of 2')).toBeVisible();

    const order = screen.getByRole('list', { name: 'Running order' });
    expect(within(order).getAllByRole('listitem')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Move “Growing our own GPs” later' }));
    const put = calls.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put![1]!.body))).toEqual({ outputIds: ['o2', 'o1'] });
  });

  it('lets a participant step through but not reorder', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: { body: cohort({ allowedActions: ['cohort.view'] }) },
      [`GET ${base}/showcase`]: { body: showcase },
    });
    renderApp(`/cohorts/${COHORT_ID}/celebration`);
    expect(await screen.findByText('Now presenting · 1 of 2')).toBeVisible();
    expect(screen.queryByRole('button', { name: /Move “/ })).toBeNull();
  });
});
