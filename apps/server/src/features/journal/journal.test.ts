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

  it('refuses an entry in a cohort the author is not in', async () => {
    const response = await fx.clients.nonMember.post('/api/journal', {
      title: 'x',
      cohortId: fx.cohortId,
    });
    expect(response.status).toBe(404);
  });
});
