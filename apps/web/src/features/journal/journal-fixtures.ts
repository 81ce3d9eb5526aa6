import { COHORT_ID } from '../../testing/fetch-stub.ts';

export const ENTRY_ID = '01890000-0000-7000-8000-00000000e001';
export const PROMPT_ID = '01890000-0000-7000-8000-00000000a001';

/** A journal entry as `GET /api/journal/:id` answers, private unless overridden. */
export function journalEntry(overrides: Record<string, unknown> = {}) {
  const id = (overrides.id as string | undefined) ?? ENTRY_ID;
  return {
    id,
    docName: `journal:${id}`,
    cohortId: null,
    promptId: null,
    prompt: null,
    title: 'After session 3',
    shares: [],
    createdAt: '2027-03-09T23:30:00.000Z',
    updatedAt: '2027-03-09T23:30:00.000Z',
    ...overrides,
  };
}

export function share(overrides: Record<string, unknown> = {}) {
  return {
    cohortId: COHORT_ID,
    cohortName: 'Cohort 4: Health Inequalities',
    sharedAt: '2027-03-10T09:00:00.000Z',
    ...overrides,
  };
}
