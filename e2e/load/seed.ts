import { Session } from './colab-process.ts';

const PASSWORD = 'a long enough secret';

export interface SeededCohort {
  admin: Session;
  cohortId: string;
  boards: { id: string; docName: string }[];
}

/**
 * An admin, one cohort with `members` participants who accepted their invitations (so member
 * lists and presenters have people in them), and `boards` boards, through the public API.
 */
export async function seedCohort(
  url: string,
  { members = 0, boards = 1 }: { members?: number; boards?: number } = {},
): Promise<SeededCohort> {
  const admin = new Session(url);
  await admin.signUp('Bench Admin', 'admin@bench.test', PASSWORD);
  const cohort = await admin.call<{ id: string }>('POST', '/api/cohorts', {
    name: 'Bench cohort',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    timezone: 'Europe/London',
  });
  if (members > 0) {
    const people = Array.from({ length: members }, (_, i) => ({
      email: `person${i}@bench.test`,
      name: `Person ${i}`,
      role: 'participant',
    }));
    const invited = await admin.call<{ results: { invitation: { link: string } }[] }>(
      'POST',
      `/api/cohorts/${cohort.id}/invitations`,
      { invites: people },
    );
    for (const [i, result] of invited.results.entries()) {
      const person = new Session(url);
      await person.signUp(people[i]!.name, people[i]!.email, PASSWORD);
      const token = result.invitation.link.split('/').pop();
      await person.call('POST', `/api/invitations/${token}/accept`, {});
    }
  }
  const created: SeededCohort['boards'] = [];
  for (let i = 0; i < boards; i++) {
    const board = await admin.call<{ id: string; docName: string }>('POST', '/api/boards', {
      scope: { cohortId: cohort.id },
      title: `Board ${i + 1}: what has this programme meant to you?`,
      template: 'start_stop_continue',
    });
    created.push({ id: board.id, docName: board.docName });
  }
  return { admin, cohortId: cohort.id, boards: created };
}
