import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture, ROLES } from '../../testing/cohort-fixture.ts';
import { collabUpgradeStatus, openDocument, waitFor } from '../../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('the private journal on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('lets only its author open an entry: not facilitators, not leads, not the admin', async () => {
    const created = await fx.clients.participant.post('/api/journal', {
      title: 'After session 3',
      cohortId: fx.cohortId,
    });
    expect(created.status).toBe(201);
    const { id, docName } = created.body;
    for (const role of ROLES) {
      const rest = await fx.clients[role].get(`/api/journal/${id}`);
      const collab = await collabUpgradeStatus(server, fx.clients[role], docName);
      const expected =
        role === 'participant' ? [200, 101] : role === 'anonymous' ? [401, 401] : [404, 403];
      expect([rest.status, collab], role).toEqual(expected);
    }
    const others = await fx.clients.facilitator.get('/api/journal');
    expect(others.body.entries.map((e: any) => e.id)).not.toContain(id);
  });

  it('keeps what the author wrote, and deletes it with the entry', async () => {
    const { body } = await fx.clients.participant.post('/api/journal', {
      title: 'Private thoughts',
    });
    const writer = openDocument(server, fx.clients.participant, body.docName);
    await writer.synced();
    writer.doc
      .getXmlFragment('prosemirror')
      .insert(0, [new (await import('yjs')).XmlText('I noticed I hold back in the set.')]);
    const shared = () => server.collab.openDocuments().get(body.docName);
    await waitFor(
      () => shared()?.doc.getXmlFragment('prosemirror').length === 1,
      'the server to have the text',
    );
    writer.close();

    const again = openDocument(server, fx.clients.participant, body.docName);
    await again.synced();
    expect(again.doc.getXmlFragment('prosemirror').toString()).toContain('I noticed I hold back');
    again.close();

    expect((await fx.clients.lead.request('DELETE', `/api/journal/${body.id}`)).status).toBe(404);
    expect((await fx.clients.participant.request('DELETE', `/api/journal/${body.id}`)).status).toBe(
      204,
    );
    expect((await fx.clients.participant.get(`/api/journal/${body.id}`)).status).toBe(404);
  });

  it('lets only its author rename an entry, and says when a title is too long', async () => {
    const { body } = await fx.clients.participant.post('/api/journal', { title: 'Draft' });
    for (const role of ['facilitator', 'lead', 'admin', 'nonMember'] as const) {
      const refused = await fx.clients[role].request('PATCH', `/api/journal/${body.id}`, {
        json: { title: 'Not yours' },
      });
      expect(refused.status, role).toBe(404);
    }
    const renamed = await fx.clients.participant.request('PATCH', `/api/journal/${body.id}`, {
      json: { title: '  What I took from the masterclass  ' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('What I took from the masterclass');
    const tooLong = await fx.clients.participant.request('PATCH', `/api/journal/${body.id}`, {
      json: { title: 'x'.repeat(201) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields[0]).toMatchObject({ path: 'title' });
    const read = await fx.clients.participant.get(`/api/journal/${body.id}`);
    expect(read.body.title).toBe('What I took from the masterclass');
  });

  it('shows the author the prompt an entry answers and the cohorts it is shared with', async () => {
    const prompt = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/prompts`, {
      text: 'What surprised you this week?',
    });
    const { body } = await fx.clients.participant.post('/api/journal', {
      promptId: prompt.body.id,
    });
    expect(body.prompt).toEqual({ id: prompt.body.id, text: 'What surprised you this week?' });
    expect(body.shares).toEqual([]);

    const shared = await fx.clients.participant.post(`/api/journal/${body.id}/shares`, {
      cohortId: fx.cohortId,
    });
    expect(shared.status).toBe(201);
    const one = await fx.clients.participant.get(`/api/journal/${body.id}`);
    expect(one.body.shares).toEqual([
      { cohortId: fx.cohortId, cohortName: expect.any(String), sharedAt: shared.body.sharedAt },
    ]);
    const list = await fx.clients.participant.get('/api/journal');
    const listed = list.body.entries.find((e: any) => e.id === body.id);
    expect(listed.prompt.text).toBe('What surprised you this week?');
    expect(listed.shares.map((s: any) => s.cohortId)).toEqual([fx.cohortId]);

    await fx.clients.participant.request('DELETE', `/api/journal/${body.id}/shares/${fx.cohortId}`);
    expect((await fx.clients.participant.get(`/api/journal/${body.id}`)).body.shares).toEqual([]);
  });

  it('refuses an entry in a cohort the author is not in', async () => {
    const response = await fx.clients.nonMember.post('/api/journal', {
      title: 'x',
      cohortId: fx.cohortId,
    });
    expect(response.status).toBe(404);
  });
});
