import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { COHORT_ID, cohort, member, person, problem, stubFetch } from '../../testing/fetch-stub.ts';
import { renderApp } from '../../testing/render.tsx';

// The live page editor needs a browser's IndexedDB; these tests are about what is around it.
vi.mock('../../features/groups/group-page-editor.tsx', () => ({
  GroupPageEditor: () => <p>The group’s page</p>,
}));

const base = `/api/cohorts/${COHORT_ID}`;
const group = {
  id: 'g1',
  cohortId: COHORT_ID,
  name: 'The Visionaries',
  challenge: 'Why do practices in the east struggle to recruit GPs?',
  docName: 'group-page:g1',
  members: [{ userId: 'u2', displayName: 'Bo Second' }],
  sponsors: [{ userId: 'u3', displayName: 'Sue Sponsor', chief: true }],
  myRole: null,
};
const output = {
  id: 'o1',
  groupId: 'g1',
  groupName: 'The Visionaries',
  title: 'Growing our own GPs',
  summary: 'What we learned.',
  theme: 'Workforce',
  keyFindings: ['Partnership is a barrier'],
  filmUrl: null,
  media: { cover: null, film: null, report: null },
  status: 'published',
  returnComment: null,
  publicLink: false,
  feedback: [],
};

describe('project groups', () => {
  const noGroups = (allowedActions: string[]) =>
    stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: { body: cohort({ allowedActions }) },
      [`GET ${base}/groups`]: { body: { groups: [] } },
      [`GET ${base}/members`]: { body: { members: [] } },
    });

  it('tells a participant, when there are no groups, that their facilitators will set them up', async () => {
    noGroups(['cohort.view', 'members.view']);
    renderApp(`/cohorts/${COHORT_ID}/groups`);
    expect(
      await screen.findByText('No project groups yet. Your facilitators will set them up.'),
    ).toBeVisible();
    expect(screen.queryByRole('form', { name: 'Open a group' })).not.toBeInTheDocument();
  });

  it('tells a facilitator, when there are no groups, to open one with the form below', async () => {
    noGroups(['cohort.view', 'members.view', 'groups.manage']);
    renderApp(`/cohorts/${COHORT_ID}/groups`);
    expect(
      await screen.findByText(
        'No groups yet. Open one below, with its challenge, members and sponsors.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('form', { name: 'Open a group' })).toBeVisible();
  });

  it('lists groups with their challenge and people, and lets a facilitator open one', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: {
        body: cohort({ allowedActions: ['cohort.view', 'members.view', 'groups.manage'] }),
      },
      [`GET ${base}/groups`]: { body: { groups: [group] } },
      [`GET ${base}/members`]: {
        body: {
          members: [
            member({ userId: 'u2', displayName: 'Bo Second', role: 'participant' }),
            member({ userId: 'u3', displayName: 'Sue Sponsor', role: 'sponsor' }),
          ],
        },
      },
      [`POST ${base}/groups`]: {
        status: 400,
        body: problem(400, {
          code: 'validation_failed',
          fields: [{ path: 'name', message: 'Give the group a name' }],
        }),
      },
    });
    renderApp(`/cohorts/${COHORT_ID}/groups`);
    const list = await screen.findByRole('list', { name: 'Groups' });
    expect(within(list).getByRole('link', { name: 'The Visionaries' })).toHaveAttribute(
      'href',
      `/cohorts/${COHORT_ID}/groups/g1`,
    );
    expect(list).toHaveTextContent('sponsored by Sue Sponsor (chief)');
    const form = screen.getByRole('form', { name: 'Open a group' });
    await userEvent.click(await within(form).findByLabelText(/Bo Second/));
    await userEvent.click(within(form).getByLabelText(/Sue Sponsor/));
    await userEvent.selectOptions(within(form).getByLabelText('Chief sponsor'), 'u3');
    await userEvent.click(within(form).getByRole('button', { name: 'Open group' }));
    expect(await within(form).findByRole('alert')).toBeVisible();
    const post = calls.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({
      name: '',
      challenge: '',
      memberIds: ['u2'],
      sponsorIds: ['u3'],
      chiefSponsorId: 'u3',
    });
  });

  it('tells someone outside a group that its work is for the group, its sponsors and those who run the cohort', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: { body: cohort() },
      'GET /api/groups/g1': { body: group },
    });
    renderApp(`/cohorts/${COHORT_ID}/groups/g1`);
    expect(await screen.findByText(/page, evidence and drafts are for its members/)).toBeVisible();
    expect(screen.queryByRole('textbox', { name: /page/ })).toBeNull();
  });

  it('shows its sponsor the evidence and milestones, dated in plain words', async () => {
    stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: { body: cohort({ myRole: 'sponsor' }) },
      'GET /api/groups/g1': { body: { ...group, myRole: 'sponsor' } },
      'GET /api/groups/g1/outputs': { body: { outputs: [] } },
      'GET /api/groups/g1/resources': { body: { resources: [] } },
      'GET /api/groups/g1/milestones': {
        body: { milestones: [{ id: 'm1', title: 'Film cut', dueOn: '2027-05-14' }] },
      },
      'GET /api/groups/g1/evidence': {
        body: {
          tags: ['locums'],
          evidence: [
            {
              id: 'e1',
              kind: 'interview',
              title: 'Practice manager, Eastfield',
              body: 'Locums cost us more.',
              occurredOn: '2027-04-02',
              source: 'Interview, 40 minutes',
              gatheredBy: { userId: 'u2', displayName: 'Bo Second' },
              tags: ['locums'],
              evidenceIds: [],
            },
          ],
        },
      },
    });
    renderApp(`/cohorts/${COHORT_ID}/groups/g1`);
    expect(
      await screen.findByRole('article', { name: 'Interview: Practice manager, Eastfield' }),
    ).toHaveTextContent('2 April 2027 · Interview, 40 minutes · gathered by Bo Second');
    expect(await screen.findByText(/Film cut/)).toHaveTextContent('Film cut by 14 May 2027');
  });

  it('shows the showcase with its themes and takes feedback from outside the group', async () => {
    const calls = stubFetch({
      'GET /api/me': { body: person() },
      [`GET ${base}`]: { body: cohort() },
      [`GET ${base}/groups`]: { body: { groups: [group] } },
      [`GET ${base}/showcase`]: { body: { outputs: [output], themes: ['Workforce'] } },
      'POST /api/outputs/o1/feedback': { status: 201, body: { id: 'f1' } },
    });
    renderApp(`/cohorts/${COHORT_ID}/showcase`);
    const card = await screen.findByRole('article', { name: 'Output: Growing our own GPs' });
    expect(card).toHaveTextContent('Partnership is a barrier');
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveTextContent('Workforce');
    await userEvent.type(
      within(card).getByLabelText('Your feedback to the group'),
      'Inspiring work',
    );
    await userEvent.click(within(card).getByRole('button', { name: 'Send feedback' }));
    await screen.findByRole('article', { name: 'Output: Growing our own GPs' });
    const post = calls.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({ body: 'Inspiring work' });
  });
});
