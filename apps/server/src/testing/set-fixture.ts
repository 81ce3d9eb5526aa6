import type { CohortFixture } from './cohort-fixture.ts';
import { newPerson, type TestClient, type TestServer } from './test-server.ts';

export interface SetFixture {
  setId: string;
  /** Participants in the set besides the fixture's participant. */
  members: { client: TestClient; id: string; name: string }[];
  /** A participant of the same cohort in another set. */
  otherSetMember: { client: TestClient; id: string };
  otherSetId: string;
}

/**
 * An action learning set in the fixture's cohort: its facilitator, the fixture's participant
 * and three more participants; and a second set with one participant, who must see nothing
 * of the first.
 */
export async function buildSetFixture(server: TestServer, fx: CohortFixture): Promise<SetFixture> {
  const people = ['Bea Brown', 'Cal Cooper', 'Dev Desai', 'Eve Evans'].map((n) => newPerson(n));
  const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
    invites: people.map((p) => ({ email: p.email, role: 'participant' })),
  });
  if (invited.status !== 201) throw new Error(`fixture: invite failed ${invited.status}`);
  const joined: { client: TestClient; id: string; name: string }[] = [];
  for (const [i, person] of people.entries()) {
    const client = server.client();
    const signedUp = await client.signUp(person);
    const token = invited.body.results[i].invitation.link.split('/invitations/')[1];
    const accepted = await client.post(`/api/invitations/${token}/accept`);
    if (accepted.status !== 200) throw new Error(`fixture: accept failed ${accepted.status}`);
    joined.push({ client, id: signedUp.body.user.id, name: person.name });
  }
  const members = joined.slice(0, 3);
  const other = joined[3]!;
  const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
    name: 'Set 1',
    memberIds: [fx.userIds.participant, ...members.map((m) => m.id)],
  });
  if (set.status !== 201) throw new Error(`fixture: set failed ${set.status}`);
  const otherSet = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/sets`, {
    name: 'Set 2',
    memberIds: [other.id],
  });
  if (otherSet.status !== 201) throw new Error(`fixture: set failed ${otherSet.status}`);
  return {
    setId: set.body.id,
    members,
    otherSetMember: other,
    otherSetId: otherSet.body.id,
  };
}
