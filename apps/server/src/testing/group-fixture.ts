import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CohortFixture } from './cohort-fixture.ts';
import { newPerson, type TestClient, type TestServer } from './test-server.ts';

/** Another participant of the fixture's cohort, in no group: the one who must not see in. */
export async function addParticipant(
  server: TestServer,
  fx: CohortFixture,
  name = 'Olly Other',
): Promise<TestClient> {
  const person = newPerson(name);
  const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
    invites: [{ email: person.email, role: 'participant' }],
  });
  const client = server.client();
  await client.signUp(person);
  await client.post(
    `/api/invitations/${invited.body.results[0].invitation.link.split('/invitations/')[1]}/accept`,
  );
  return client;
}

/** "The Visionaries": the fixture's participant as member, its sponsor as sponsor. */
export async function openGroup(fx: CohortFixture): Promise<string> {
  const group = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
    name: 'The Visionaries',
    memberIds: [fx.userIds.participant],
    sponsorIds: [fx.userIds.sponsor],
  });
  return group.body.id;
}

/** Every file under a folder, however deep (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
    );
  } catch {
    return [];
  }
}
