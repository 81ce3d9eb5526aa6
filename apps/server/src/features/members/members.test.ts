import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCohortFixture,
  type CohortFixture,
  openSocket,
} from '../../testing/cohort-fixture.ts';
import { REVOCATION_DEADLINE_MS, within } from '../../testing/deadline.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('cohort members on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    for (const role of ['participant', 'sponsor', 'facilitator', 'lead'] as const) {
      await fx.clients[role].request('PATCH', '/api/me', {
        json: { organisation: `${role} Trust`, jobTitle: `Head of ${role}`, pronouns: 'she/her' },
      });
    }
  });
  afterAll(() => server?.stop());

  const members = (role: keyof CohortFixture['clients']) =>
    fx.clients[role].get(`/api/cohorts/${fx.cohortId}/members`);

  it('leaves titles at the door: nobody sees another member’s organisation or job title, only their own', async () => {
    for (const viewer of ['participant', 'sponsor', 'facilitator', 'lead', 'admin'] as const) {
      const { body } = await members(viewer);
      for (const member of body.members) {
        const self = member.userId === fx.userIds[viewer];
        expect(
          member.organisation !== undefined,
          `${viewer} sees org of ${member.displayName}`,
        ).toBe(self);
        expect(member.jobTitle !== undefined).toBe(self);
        if (!self) expect(JSON.stringify(member)).not.toMatch(/Trust|Head of/);
      }
    }
    const own = (await members('participant')).body.members.find(
      (m: any) => m.userId === fx.userIds.participant,
    );
    expect(own).toMatchObject({
      organisation: 'participant Trust',
      jobTitle: 'Head of participant',
      pronouns: 'she/her',
    });
  });

  it('shows titles in the programme lead’s export, and to everyone once the setting is off', async () => {
    const exported = await fx.clients.lead.get(
      `/api/cohorts/${fx.cohortId}/members/export?format=json`,
    );
    const sponsor = exported.body.members.find((m: any) => m.userId === fx.userIds.sponsor);
    expect(sponsor).toMatchObject({ organisation: 'sponsor Trust', jobTitle: 'Head of sponsor' });
    const csv = await fx.clients.lead.get(`/api/cohorts/${fx.cohortId}/members/export`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toContain('"sponsor Trust"');

    await fx.clients.facilitator.request('PATCH', `/api/cohorts/${fx.cohortId}`, {
      json: { titlesAtTheDoor: false },
    });
    const after = await members('participant');
    expect(after.body.members.find((m: any) => m.userId === fx.userIds.lead)).toMatchObject({
      organisation: 'lead Trust',
    });
    await fx.clients.facilitator.request('PATCH', `/api/cohorts/${fx.cohortId}`, {
      json: { titlesAtTheDoor: true },
    });
    const again = await members('participant');
    expect(
      again.body.members.find((m: any) => m.userId === fx.userIds.lead).organisation,
    ).toBeUndefined();
  });

  it('shows emails to those who run the cohort, not to participants or sponsors', async () => {
    const asParticipant = (await members('participant')).body.members.filter(
      (m: any) => m.userId !== fx.userIds.participant,
    );
    expect(asParticipant.every((m: any) => m.email === undefined)).toBe(true);
    const asFacilitator = (await members('facilitator')).body.members;
    expect(asFacilitator.every((m: any) => typeof m.email === 'string')).toBe(true);
  });

  it('keeps at least one programme lead', async () => {
    const leave = await fx.clients.lead.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.lead}`,
    );
    expect(leave.status).toBe(409);
    expect(leave.body.code).toBe('last_programme_lead');
    const demote = await fx.clients.lead.request(
      'PATCH',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.lead}`,
      { json: { role: 'participant' } },
    );
    expect(demote.status).toBe(409);
  });

  it('lets a facilitator change roles but not make programme leads', async () => {
    const path = `/api/cohorts/${fx.cohortId}/members/${fx.userIds.sponsor}`;
    expect(
      (await fx.clients.facilitator.request('PATCH', path, { json: { role: 'programme_lead' } }))
        .status,
    ).toBe(403);
    expect(
      (await fx.clients.facilitator.request('PATCH', path, { json: { role: 'participant' } })).body,
    ).toEqual({ userId: fx.userIds.sponsor, role: 'participant' });
    const bad = await fx.clients.facilitator.request('PATCH', path, { json: { role: 'king' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('role');
    await fx.clients.facilitator.request('PATCH', path, { json: { role: 'sponsor' } });
  });

  it('records who changed whose role, from what to what, and nothing for a change to the same role', async () => {
    const path = `/api/cohorts/${fx.cohortId}/members/${fx.userIds.participant}`;
    const roleChanges = async () =>
      (await fx.clients.lead.get(`/api/cohorts/${fx.cohortId}/audit?limit=100`)).body.events.filter(
        (e: { action: string; subjectUserId: string }) =>
          e.action === 'member.role_changed' && e.subjectUserId === fx.userIds.participant,
      );
    const before = await roleChanges();

    expect(
      (await fx.clients.facilitator.request('PATCH', path, { json: { role: 'sponsor' } })).status,
    ).toBe(200);
    const after = await roleChanges();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({
      action: 'member.role_changed',
      cohortId: fx.cohortId,
      actorId: fx.userIds.facilitator,
      actorName: 'Facilitator Person',
      subjectUserId: fx.userIds.participant,
      subjectName: 'Participant Person',
      details: { from: 'participant', to: 'sponsor' },
    });

    // Nothing changed, so there is nothing to record.
    await fx.clients.facilitator.request('PATCH', path, { json: { role: 'sponsor' } });
    expect(await roleChanges()).toHaveLength(before.length + 1);

    // A refused change (only leads make leads) is not recorded either.
    await fx.clients.facilitator.request('PATCH', path, { json: { role: 'programme_lead' } });
    expect(await roleChanges()).toHaveLength(before.length + 1);

    await fx.clients.lead.request('PATCH', path, { json: { role: 'participant' } });
    const restored = await roleChanges();
    expect(restored).toHaveLength(before.length + 2);
    expect(restored).toContainEqual(
      expect.objectContaining({
        actorId: fx.userIds.lead,
        details: { from: 'sponsor', to: 'participant' },
      }),
    );
  });

  it('tells a removed member’s open socket and closes it at once, and records it', async () => {
    const { socket } = await openSocket(server, fx.clients.sponsor);
    const removed = new Promise((resolve) => socket.once('cohort:removed', resolve));
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    const watcher = await openSocket(server, fx.clients.participant);
    const left = new Promise((resolve) => watcher.socket.once('cohort:member-left', resolve));

    // Measured from the request: the socket must have been told within a second of it.
    const removal = fx.clients.facilitator.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.sponsor}`,
    );
    expect(await within(REVOCATION_DEADLINE_MS, 'telling the socket', removed)).toEqual({
      cohortId: fx.cohortId,
    });
    expect(await within(REVOCATION_DEADLINE_MS, 'closing the socket', closed)).toBe(
      'io server disconnect',
    );
    const response = await removal;
    expect(response.status).toBe(204);
    expect(await left).toEqual({ cohortId: fx.cohortId, userId: fx.userIds.sponsor });
    expect(await server.io.in(`user:${fx.userIds.sponsor}`).fetchSockets()).toEqual([]);
    expect((await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}`)).status).toBe(404);
    socket.disconnect();
    watcher.socket.disconnect();

    const audit = await fx.clients.facilitator.get(`/api/cohorts/${fx.cohortId}/audit`);
    expect(audit.body.events[0]).toMatchObject({
      action: 'member.removed',
      actorId: fx.userIds.facilitator,
      actorName: 'Facilitator Person',
      subjectUserId: fx.userIds.sponsor,
      subjectName: 'Sponsor Person',
    });
  });

  it('lets anyone leave a cohort themself', async () => {
    const leave = await fx.clients.participant.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.participant}`,
    );
    expect(leave.status).toBe(204);
    const mine = await fx.clients.participant.get('/api/cohorts');
    expect(mine.body.cohorts.map((c: any) => c.id)).not.toContain(fx.cohortId);
  });

  it('makes an archived cohort read-only for everyone until a lead unarchives it', async () => {
    const path = `/api/cohorts/${fx.cohortId}`;
    expect(
      (await fx.clients.lead.request('PATCH', path, { json: { archived: true } })).body.archived,
    ).toBe(true);
    const edit = await fx.clients.facilitator.request('PATCH', path, { json: { name: 'Renamed' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('cohort_archived');
    expect(
      (await fx.clients.admin.request('PATCH', path, { json: { name: 'Renamed' } })).status,
    ).toBe(409);
    const invite = await fx.clients.lead.post(`${path}/invitations`, {
      invites: [{ email: 'late@example.org', role: 'participant' }],
    });
    expect(invite.status).toBe(409);
    expect((await fx.clients.facilitator.get(`${path}/members`)).status).toBe(200);
    expect(
      (await fx.clients.lead.request('PATCH', path, { json: { archived: false } })).body.archived,
    ).toBe(false);
  });

  it('validates cohort input and names the failing fields', async () => {
    const bad = await fx.clients.lead.post('/api/cohorts', {
      name: '',
      startsOn: '2027-05-01',
      endsOn: '2027-04-01',
      timezone: 'Mars/Olympus',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(['endsOn', 'name', 'timezone']);
    const order = await fx.clients.lead.post('/api/cohorts', {
      name: 'Backwards',
      startsOn: '2027-05-01',
      endsOn: '2027-04-01',
    });
    expect(order.body.fields).toEqual([{ path: 'endsOn', message: expect.any(String) }]);
    const created = await fx.clients.lead.post('/api/cohorts', {
      name: 'Defaults',
      startsOn: '2027-05-01',
      endsOn: '2027-06-01',
    });
    expect(created.body).toMatchObject({
      timezone: 'Europe/London',
      titlesAtTheDoor: true,
      myRole: 'programme_lead',
    });
  });
});
