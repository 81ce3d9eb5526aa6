import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('action learning sets on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  /** Participants beyond the fixture's one, to fill sets. */
  const others: { client: TestClient; id: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    const people = Array.from({ length: 5 }, (_, i) => newPerson(`Other Participant ${i}`));
    const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
      invites: people.map((p) => ({ email: p.email, role: 'participant' })),
    });
    for (const [i, person] of people.entries()) {
      const client = server.client();
      const signedUp = await client.signUp(person);
      const token = invited.body.results[i].invitation.link.split('/invitations/')[1];
      expect((await client.post(`/api/invitations/${token}/accept`)).status).toBe(200);
      others.push({ client, id: signedUp.body.user.id });
    }
  });
  afterAll(() => server?.stop());

  it('lets a facilitator open a set they facilitate, warning while it is small', async () => {
    const created = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set A',
      memberIds: [fx.userIds.participant, others[0]!.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.members.map((m: any) => [m.userId, m.role]).sort()).toEqual(
      [
        [fx.userIds.facilitator, 'facilitator'],
        [fx.userIds.participant, 'member'],
        [others[0]!.id, 'member'],
      ].sort(),
    );
    expect(created.body.warnings).toEqual([
      expect.objectContaining({ code: 'set_size', message: expect.stringContaining('has 2') }),
    ]);
    const grown = await fx.clients.facilitator.post(`/api/sets/${created.body.id}/members`, {
      userIds: [others[1]!.id, others[2]!.id],
    });
    expect(grown.status).toBe(200);
    expect(grown.body.warnings).toEqual([]);
  });

  it('shows a set to its members and those who run the cohort, and to nobody else', async () => {
    const set = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set B',
      memberIds: [others[3]!.id],
    });
    const url = `/api/sets/${set.body.id}`;
    expect((await others[3]!.client.get(url)).status).toBe(200);
    for (const role of ['facilitator', 'lead', 'admin'] as const) {
      expect((await fx.clients[role].get(url)).status, role).toBe(200);
    }
    // Another participant, a sponsor and outsiders are not told it exists.
    expect((await others[4]!.client.get(url)).status).toBe(404);
    expect((await fx.clients.sponsor.get(url)).status).toBe(404);
    expect((await fx.clients.nonMember.get(url)).status).toBe(404);

    const listed = async (client: TestClient) =>
      (await client.get(`/api/cohorts/${fx.cohortId}/sets`)).body.sets.map((s: any) => s.name);
    expect(await listed(others[3]!.client)).toEqual(['Set B']);
    expect(await listed(others[4]!.client)).toEqual([]);
    expect((await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/sets`)).status).toBe(403);
    expect(await listed(fx.clients.lead)).toEqual(['Set A', 'Set B']);

    // A member may look, not manage.
    const tried = await others[3]!.client.post(`${url}/members`, { userIds: [others[4]!.id] });
    expect(tried.status).toBe(403);
  });

  it('moves a participant between sets, and takes people out when they leave the cohort', async () => {
    const sets = (await fx.clients.lead.get(`/api/cohorts/${fx.cohortId}/sets`)).body.sets;
    const a = sets.find((s: any) => s.name === 'Set A');
    const b = sets.find((s: any) => s.name === 'Set B');
    const moved = await fx.clients.lead.post(`/api/sets/${b.id}/members`, {
      userIds: [others[0]!.id],
    });
    expect(moved.body.moved).toEqual([{ userId: others[0]!.id, from: a.id }]);
    const afterA = (await fx.clients.lead.get(`/api/sets/${a.id}`)).body;
    expect(afterA.members.map((m: any) => m.userId)).not.toContain(others[0]!.id);

    const sponsorIn = await fx.clients.lead.post(`/api/sets/${b.id}/members`, {
      userIds: [fx.userIds.sponsor],
    });
    expect(sponsorIn.status).toBe(409);
    expect(sponsorIn.body.code).toBe('not_eligible');
    const bad = await fx.clients.lead.post(`/api/sets/${b.id}/members`, { userIds: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('userIds.0');

    expect(
      (
        await others[3]!.client.request(
          'DELETE',
          `/api/cohorts/${fx.cohortId}/members/${others[3]!.id}`,
        )
      ).status,
    ).toBe(204);
    const afterLeaving = (await fx.clients.lead.get(`/api/sets/${b.id}`)).body;
    expect(afterLeaving.members.map((m: any) => m.userId)).not.toContain(others[3]!.id);

    expect(
      (await fx.clients.lead.request('DELETE', `/api/sets/${b.id}/members/${others[0]!.id}`))
        .status,
    ).toBe(204);
    expect(
      (await fx.clients.lead.request('DELETE', `/api/sets/${b.id}/members/${others[0]!.id}`))
        .status,
    ).toBe(404);
  });

  it('renames and deletes a set, for those who run the cohort only', async () => {
    const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set C',
    });
    const url = `/api/sets/${set.body.id}`;
    const empty = await fx.clients.facilitator.request('PATCH', url, { json: { name: ' ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.fields[0].path).toBe('name');
    const renamed = await fx.clients.facilitator.request('PATCH', url, {
      json: { name: 'Set C, renamed' },
    });
    expect(renamed.body.name).toBe('Set C, renamed');
    expect((await fx.clients.participant.request('DELETE', url)).status).toBe(404);
    expect((await fx.clients.facilitator.request('DELETE', url)).status).toBe(204);
    expect((await fx.clients.facilitator.get(url)).status).toBe(404);
  });
});
