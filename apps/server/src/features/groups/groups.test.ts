import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import {
  collabUpgradeStatus,
  openDocument,
  refusalsHeardBy,
  waitFor,
} from '../../testing/collab-client.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('project groups on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let other: { client: TestClient; id: string };
  let otherSponsor: { client: TestClient; id: string };
  let group: any;

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    const people = [newPerson('Olly Other'), newPerson('Sara Sponsor')];
    const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
      invites: [
        { email: people[0]!.email, role: 'participant' },
        { email: people[1]!.email, role: 'sponsor' },
      ],
    });
    const joined = [];
    for (const [i, person] of people.entries()) {
      const client = server.client();
      const signedUp = await client.signUp(person);
      const token = invited.body.results[i].invitation.link.split('/invitations/')[1];
      await client.post(`/api/invitations/${token}/accept`);
      joined.push({ client, id: signedUp.body.user.id });
    }
    [other, otherSponsor] = joined as [typeof other, typeof otherSponsor];
  });
  afterAll(() => server?.stop());

  it('lets those who run the cohort open a group with members and a chief sponsor', async () => {
    const body = {
      name: 'The Visionaries',
      challenge: 'Why do GP practices in the east of the county struggle to recruit?',
      memberIds: [fx.userIds.participant],
      sponsorIds: [fx.userIds.sponsor],
      chiefSponsorId: fx.userIds.sponsor,
    };
    expect(
      (await fx.clients.participant.post(`/api/cohorts/${fx.cohortId}/groups`, body)).status,
    ).toBe(403);
    const created = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, body);
    expect(created.status).toBe(201);
    group = created.body;
    expect(group).toMatchObject({
      name: 'The Visionaries',
      docName: `group-page:${group.id}`,
      members: [{ userId: fx.userIds.participant }],
      sponsors: [{ userId: fx.userIds.sponsor, chief: true }],
    });

    const bad = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: ' ',
      sponsorIds: [fx.userIds.sponsor],
      chiefSponsorId: fx.userIds.participant,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(['chiefSponsorId', 'name']);
    const wrongRole = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Sponsors as members',
      memberIds: [fx.userIds.sponsor],
    });
    expect(wrongRole.status).toBe(409);
    expect(wrongRole.body.code).toBe('not_eligible');
  });

  it('shows groups to the cohort, and to sponsors only those they sponsor', async () => {
    const names = async (client: TestClient) =>
      (await client.get(`/api/cohorts/${fx.cohortId}/groups`)).body.groups?.map((g: any) => g.name);
    expect(await names(fx.clients.participant)).toEqual(['The Visionaries']);
    expect(await names(other.client)).toEqual(['The Visionaries']);
    expect(await names(fx.clients.sponsor)).toEqual(['The Visionaries']);
    expect(await names(otherSponsor.client)).toEqual([]);
    expect((await otherSponsor.client.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await fx.clients.nonMember.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await other.client.get(`/api/groups/${group.id}`)).body.myRole).toBeNull();
  });

  it('lets the group write its page live, its sponsors read it, and nobody else open it', async () => {
    const doc = group.docName;
    expect(await collabUpgradeStatus(server, fx.clients.participant, doc)).toBe(101);
    for (const client of [fx.clients.sponsor, fx.clients.facilitator, fx.clients.lead])
      expect(await collabUpgradeStatus(server, client, doc)).toBe(101);
    expect(await collabUpgradeStatus(server, other.client, doc)).toBe(403);
    // The collab endpoint answers 403 to anyone who may not open a document, known or not.
    expect(await collabUpgradeStatus(server, otherSponsor.client, doc)).toBe(403);
    expect(await collabUpgradeStatus(server, fx.clients.nonMember, doc)).toBe(403);

    const writer = openDocument(server, fx.clients.participant, doc);
    const reader = openDocument(server, fx.clients.sponsor, doc);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('Our first finding')]);
    await expect
      .poll(() => reader.doc.getXmlFragment('prosemirror').toString())
      .toContain('Our first finding');
    // A sponsor's edits are not kept, and a page that sent one is told why: they read.
    const sponsorHeard = refusalsHeardBy(reader);
    reader.doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('Sponsor was here')]);
    await waitFor(() => sponsorHeard.length > 0, 'the sponsor to be told');
    expect(sponsorHeard).toEqual(['Only the group’s members can add to its work.']);
    const stored = await server.collab.read(doc, (d) => d.getXmlFragment('prosemirror').toString());
    expect(stored).toContain('Our first finding');
    expect(stored).not.toContain('Sponsor was here');
    writer.close();
    reader.close();
  });

  it('tells a member whose page typed offline while the cohort was archived that it was not kept', async () => {
    const doc = group.docName;
    const cohortPath = `/api/cohorts/${fx.cohortId}`;
    const fragment = (d: Y.Doc) => d.getXmlFragment('prosemirror').toString();
    const member = openDocument(server, fx.clients.participant, doc);
    await member.synced();
    const heard = refusalsHeardBy(member);
    member.provider.disconnect();
    try {
      const archived = await fx.clients.lead.request('PATCH', cohortPath, {
        json: { archived: true },
      });
      expect(archived.status).toBe(200);
      member.doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('Typed on the train')]);
      member.provider.connect();
      await waitFor(() => heard.length > 0, 'the member to be told');
      expect(heard).toEqual(['This cohort is archived, so it is read-only.']);
      expect(await server.collab.read(doc, fragment)).not.toContain('Typed on the train');
    } finally {
      member.close();
      const reopened = await fx.clients.lead.request('PATCH', cohortPath, {
        json: { archived: false },
      });
      expect(reopened.status).toBe(200);
    }
  });

  it('gives a group its own board: the group writes, sponsors read, others never see it', async () => {
    const body = {
      scope: { groupId: group.id },
      title: 'Our evidence wall',
      template: 'free_columns',
    };
    expect((await other.client.post('/api/boards', body)).status).toBe(403);
    expect((await fx.clients.sponsor.post('/api/boards', body)).status).toBe(403);
    const created = await fx.clients.participant.post('/api/boards', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ groupId: group.id, cohortId: fx.cohortId });
    const url = `/api/boards/${created.body.id}`;
    for (const client of [fx.clients.participant, fx.clients.sponsor, fx.clients.facilitator])
      expect((await client.get(url)).status).toBe(200);
    for (const client of [other.client, otherSponsor.client, fx.clients.nonMember])
      expect((await client.get(url)).status).toBe(404);
    expect(await collabUpgradeStatus(server, other.client, created.body.docName)).toBe(403);
    const listed = async (client: TestClient) =>
      (await client.get(`/api/cohorts/${fx.cohortId}/boards`)).body.boards.map((b: any) => b.id);
    expect(await listed(fx.clients.sponsor)).toContain(created.body.id);
    expect(await listed(other.client)).not.toContain(created.body.id);
  });

  it('moves people in and out, and a sponsor made chief replaces the last', async () => {
    const url = `/api/groups/${group.id}/members`;
    expect(
      (await fx.clients.participant.post(url, { userIds: [other.id], role: 'member' })).status,
    ).toBe(403);
    const added = await fx.clients.lead.post(url, { userIds: [other.id], role: 'member' });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: any) => m.userId).sort()).toEqual(
      [fx.userIds.participant, other.id].sort(),
    );
    const chief = await fx.clients.lead.post(url, {
      userIds: [otherSponsor.id],
      role: 'sponsor',
      chief: true,
    });
    expect(chief.body.sponsors.filter((s: any) => s.chief).map((s: any) => s.userId)).toEqual([
      otherSponsor.id,
    ]);
    expect((await otherSponsor.client.get(`/api/groups/${group.id}`)).status).toBe(200);
    expect((await fx.clients.lead.request('DELETE', `${url}/${other.id}`)).status).toBe(204);
    expect(await collabUpgradeStatus(server, other.client, group.docName)).toBe(403);
    const renamed = await fx.clients.participant.request('PATCH', `/api/groups/${group.id}`, {
      json: { challenge: 'Why do practices in the east struggle to recruit and keep GPs?' },
    });
    expect(renamed.status).toBe(200);
    expect(
      (
        await fx.clients.sponsor.request('PATCH', `/api/groups/${group.id}`, {
          json: { name: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('keeps an evidence log the group writes and filters, with findings linked to their evidence', async () => {
    const url = `/api/groups/${group.id}/evidence`;
    const interview = await fx.clients.participant.post(url, {
      kind: 'interview',
      title: 'Practice manager, Eastfield',
      body: 'Locums cost more than salaried GPs; nobody will commit to a partnership.',
      occurredOn: '2027-04-02',
      source: 'Eastfield Surgery',
      tags: ['Recruitment', 'locums', 'recruitment'],
    });
    expect(interview.status).toBe(201);
    expect(interview.body).toMatchObject({
      tags: ['recruitment', 'locums'],
      gatheredBy: { userId: fx.userIds.participant },
    });
    const observation = await fx.clients.participant.post(url, {
      kind: 'observation',
      title: 'Two vacancies advertised for a year',
      tags: ['recruitment'],
    });
    const finding = await fx.clients.participant.post(url, {
      kind: 'finding',
      title: 'Partnership is a barrier for newly qualified GPs',
      evidenceIds: [interview.body.id, observation.body.id],
    });
    expect(finding.status).toBe(201);
    expect(finding.body.evidenceIds.sort()).toEqual(
      [interview.body.id, observation.body.id].sort(),
    );
    const badLink = await fx.clients.participant.post(url, {
      kind: 'finding',
      title: 'Circular',
      evidenceIds: [finding.body.id],
    });
    expect(badLink.status).toBe(400);
    expect(badLink.body.fields.map((f: any) => f.path)).toEqual(['evidenceIds']);
    const bad = await fx.clients.participant.post(url, {
      kind: 'rumour',
      title: '',
      occurredOn: 'soon',
    });
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(['kind', 'occurredOn', 'title']);

    const byKind = await fx.clients.sponsor.get(`${url}?kind=finding`);
    expect(byKind.status).toBe(200);
    expect(byKind.body.evidence.map((e: any) => e.title)).toEqual([
      'Partnership is a barrier for newly qualified GPs',
    ]);
    const byTag = await fx.clients.facilitator.get(`${url}?tag=locums`);
    expect(byTag.body.evidence.map((e: any) => e.id)).toEqual([interview.body.id]);
    expect(byTag.body.tags).toEqual(['locums', 'recruitment']);
    const linked = (await fx.clients.participant.get(url)).body.evidence.find(
      (e: any) => e.id === interview.body.id,
    );
    expect(linked.usedBy).toEqual([finding.body.id]);

    // Sponsors read; members of the cohort outside the group do not even read.
    expect((await fx.clients.sponsor.post(url, { kind: 'observation', title: 'x' })).status).toBe(
      403,
    );
    expect((await other.client.get(url)).status).toBe(403);
    expect((await fx.clients.nonMember.get(url)).status).toBe(404);
    expect(
      (
        await other.client.request('PATCH', `/api/evidence/${interview.body.id}`, {
          json: { title: 'x' },
        })
      ).status,
    ).toBe(403);
    const edited = await fx.clients.participant.request(
      'PATCH',
      `/api/evidence/${observation.body.id}`,
      {
        json: { tags: ['vacancies'] },
      },
    );
    expect(edited.body.tags).toEqual(['vacancies']);
    expect(
      (await fx.clients.participant.request('DELETE', `/api/evidence/${observation.body.id}`))
        .status,
    ).toBe(204);
    expect(
      (await fx.clients.participant.get(url)).body.evidence.find(
        (e: any) => e.id === finding.body.id,
      ).evidenceIds,
    ).toEqual([interview.body.id]);
  });

  it('puts the group’s milestones on the cohort calendar of those who may read its work', async () => {
    const url = `/api/groups/${group.id}/milestones`;
    const created = await fx.clients.participant.post(url, {
      title: 'Interviews done',
      dueOn: '2027-05-14',
    });
    expect(created.status).toBe(201);
    expect(
      (await fx.clients.participant.post(url, { title: '', dueOn: '14/05/2027' })).body.fields
        .length,
    ).toBe(2);
    expect((await fx.clients.sponsor.post(url, { title: 'x', dueOn: '2027-05-14' })).status).toBe(
      403,
    );
    const done = await fx.clients.participant.request(
      'PATCH',
      `/api/milestones/${created.body.id}`,
      {
        json: { done: true },
      },
    );
    expect(done.body).toMatchObject({ done: true, dueOn: '2027-05-14' });
    const calendar = `/api/cohorts/${fx.cohortId}/calendar?from=2027-05-01T00:00:00Z&to=2027-06-01T00:00:00Z`;
    const mine = (await fx.clients.sponsor.get(calendar)).body.items;
    expect(mine).toEqual([
      expect.objectContaining({
        type: 'milestone',
        title: 'Interviews done',
        groupName: 'The Visionaries',
        allDay: true,
      }),
    ]);
    expect((await other.client.get(calendar)).body.items).toEqual([]);
  });
});
