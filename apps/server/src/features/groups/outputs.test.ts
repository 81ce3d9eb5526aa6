import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecretToken } from '../../secret-token.ts';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { addParticipant, openGroup } from '../../testing/group-fixture.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('showcase outputs on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let other: TestClient;
  let groupId: string;
  let output: any;

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    other = await addParticipant(server, fx);
    groupId = await openGroup(fx);
  });
  afterAll(() => server?.stop());

  it('lets the group draft an output that nobody else in the cohort sees yet', async () => {
    const created = await fx.clients.participant.post(`/api/groups/${groupId}/outputs`, {
      title: 'Growing our own GPs',
      summary: 'What we learned about recruiting GPs in the east of the county.',
      theme: 'Workforce',
      keyFindings: ['Partnership is a barrier', 'Housing matters as much as pay'],
      filmUrl: 'https://video.example.org/visionaries',
    });
    expect(created.status).toBe(201);
    output = created.body;
    expect(output).toMatchObject({
      status: 'draft',
      groupName: 'The Visionaries',
      publicLink: false,
    });
    const bad = await fx.clients.participant.post(`/api/groups/${groupId}/outputs`, {
      title: '',
      filmUrl: 'javascript:alert(1)',
      keyFindings: [''],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual([
      'filmUrl',
      'keyFindings.0',
      'title',
    ]);
    expect(
      (await fx.clients.sponsor.post(`/api/groups/${groupId}/outputs`, { title: 'x' })).status,
    ).toBe(403);
    expect((await other.get(`/api/outputs/${output.id}`)).status).toBe(404);
    expect((await fx.clients.sponsor.get(`/api/outputs/${output.id}`)).status).toBe(200);
    const showcase = await other.get(`/api/cohorts/${fx.cohortId}/showcase`);
    expect(showcase.body.outputs).toEqual([]);
  });

  it('moves draft → submitted → sent back → submitted → published, telling the right people', async () => {
    const url = `/api/outputs/${output.id}`;
    expect((await fx.clients.participant.post(`${url}/publish`)).status).toBe(403);
    expect((await fx.clients.facilitator.post(`${url}/publish`)).status).toBe(409);
    const submitted = await fx.clients.participant.post(`${url}/submit`);
    expect(submitted.body.status).toBe('submitted');
    const facilitatorNotes = (await fx.clients.facilitator.get('/api/notifications')).body
      .notifications;
    expect(facilitatorNotes[0]).toMatchObject({ kind: 'output.submitted' });
    expect(
      (await fx.clients.participant.request('PATCH', url, { json: { summary: 'late change' } }))
        .status,
    ).toBe(409);
    expect((await fx.clients.facilitator.post(`${url}/return`, { comment: ' ' })).status).toBe(400);
    const returned = await fx.clients.facilitator.post(`${url}/return`, {
      comment: 'Say where the housing finding comes from.',
    });
    expect(returned.body).toMatchObject({
      status: 'draft',
      returnComment: 'Say where the housing finding comes from.',
    });
    const groupNotes = (await fx.clients.participant.get('/api/notifications')).body.notifications;
    expect(groupNotes[0]).toMatchObject({ kind: 'output.returned' });
    await fx.clients.participant.request('PATCH', url, {
      json: {
        keyFindings: ['Partnership is a barrier', 'Housing matters as much as pay (12 interviews)'],
      },
    });
    await fx.clients.participant.post(`${url}/submit`);
    const published = await fx.clients.lead.post(`${url}/publish`);
    expect(published.body).toMatchObject({ status: 'published', returnComment: null, position: 1 });
    expect((await fx.clients.lead.post(`${url}/publish`)).status).toBe(409);
    expect(
      (await fx.clients.participant.get('/api/notifications')).body.notifications[0],
    ).toMatchObject({
      kind: 'output.published',
    });
  });

  it('shows published outputs to the cohort and its sponsors, who leave feedback the group answers', async () => {
    for (const client of [other, fx.clients.sponsor, fx.clients.facilitator]) {
      const gallery = await client.get(`/api/cohorts/${fx.cohortId}/showcase`);
      expect(gallery.status).toBe(200);
      expect(gallery.body.outputs.map((o: any) => o.title)).toEqual(['Growing our own GPs']);
      expect(gallery.body.themes).toEqual(['Workforce']);
    }
    const filtered = await other.get(`/api/cohorts/${fx.cohortId}/showcase?theme=Housing`);
    expect(filtered.body.outputs).toEqual([]);
    expect((await fx.clients.nonMember.get(`/api/cohorts/${fx.cohortId}/showcase`)).status).toBe(
      404,
    );

    const url = `/api/outputs/${output.id}`;
    const left = await fx.clients.sponsor.post(`${url}/feedback`, {
      body: 'Could this work for district nurses too?',
    });
    expect(left.status).toBe(201);
    expect(
      (await fx.clients.participant.get('/api/notifications')).body.notifications[0],
    ).toMatchObject({
      kind: 'output.feedback',
    });
    expect(
      (await fx.clients.participant.post(`${url}/feedback`, { body: 'Self-praise' })).status,
    ).toBe(403);
    expect((await fx.clients.sponsor.post(`${url}/feedback`, { body: '' })).status).toBe(400);
    expect((await other.post(`/api/feedback/${left.body.id}/answer`, { body: 'x' })).status).toBe(
      403,
    );
    const answered = await fx.clients.participant.post(`/api/feedback/${left.body.id}/answer`, {
      body: 'We think so: two of our interviews were with community nurses.',
    });
    expect(answered.body.feedback[0]).toMatchObject({
      body: 'Could this work for district nurses too?',
      answer: expect.stringContaining('community nurses'),
      author: { userId: fx.userIds.sponsor },
    });
  });

  it('opens a public link that shows the output to anyone, and closes it for good when revoked', async () => {
    const url = `/api/outputs/${output.id}/public-link`;
    expect((await other.request('PUT', url)).status).toBe(403);
    const on = await fx.clients.participant.request('PUT', url);
    expect(on.status).toBe(200);
    const token = new URL(on.body.url).pathname.split('/').pop()!;
    // Only the token's hash is kept: a copy of the database opens no public page.
    const [stored] = await server.db.db
      .select()
      .from(schema.groupOutputs)
      .where(eq(schema.groupOutputs.id, output.id));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored?.publicTokenHash).toBe(hashSecretToken(token));
    const anonymous = server.client();
    const seen = await anonymous.get(`/api/public/outputs/${token}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      title: 'Growing our own GPs',
      groupName: 'The Visionaries',
      summary: expect.any(String),
      theme: 'Workforce',
      keyFindings: expect.any(Array),
      filmUrl: 'https://video.example.org/visionaries',
      media: { cover: null, film: null, report: null },
      publishedAt: expect.any(String),
    });
    expect(JSON.stringify(seen.body)).not.toContain('district nurses');
    const again = await fx.clients.participant.request('PUT', url);
    expect((await anonymous.get(`/api/public/outputs/${token}`)).status).toBe(404);
    expect((await fx.clients.facilitator.request('DELETE', url)).status).toBe(204);
    const secondToken = new URL(again.body.url).pathname.split('/').pop();
    expect((await anonymous.get(`/api/public/outputs/${secondToken}`)).status).toBe(404);
    expect((await anonymous.get('/api/public/outputs/not-a-token')).status).toBe(404);
  });
});
