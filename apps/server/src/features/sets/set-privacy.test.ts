import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { collabUpgradeStatus, openDocument } from '../../testing/collab-client.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('what is said in a set stays in the set, on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let outsider: TestClient;
  let setId: string;
  let boardId: string;

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    // A participant of the same cohort who is not in the set.
    const person = newPerson('Outside Participant');
    const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
      invites: [{ email: person.email, role: 'participant' }],
    });
    outsider = server.client();
    await outsider.signUp(person);
    await outsider.post(
      `/api/invitations/${invited.body.results[0].invitation.link.split('/invitations/')[1]}/accept`,
    );
    const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set 1',
      memberIds: [fx.userIds.participant],
    });
    setId = set.body.id;
  });
  afterAll(() => server?.stop());

  it('lets only the set’s facilitator open a board for it, which only the set can see', async () => {
    const body = { scope: { setId }, title: 'Our challenges', template: 'free_columns' };
    expect((await fx.clients.participant.post('/api/boards', body)).status).toBe(403);
    expect((await fx.clients.lead.post('/api/boards', body)).status).toBe(403);
    expect((await fx.clients.sponsor.post('/api/boards', body)).status).toBe(404);
    expect((await outsider.post('/api/boards', body)).status).toBe(404);
    const created = await fx.clients.facilitator.post('/api/boards', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ cohortId: fx.cohortId, setId });
    boardId = created.body.id;

    const url = `/api/boards/${boardId}`;
    expect((await fx.clients.participant.get(url)).status).toBe(200);
    for (const client of [fx.clients.lead, fx.clients.admin, fx.clients.sponsor, outsider]) {
      expect((await client.get(url)).status).toBe(404);
      expect((await client.get(`${url}/export?format=md`)).status).toBe(404);
      expect(await collabUpgradeStatus(server, client, created.body.docName)).toBe(403);
    }
    const listed = async (client: TestClient) =>
      (await client.get(`/api/cohorts/${fx.cohortId}/boards`)).body.boards.map((b: any) => b.id);
    expect(await listed(fx.clients.participant)).toContain(boardId);
    expect(await listed(fx.clients.lead)).not.toContain(boardId);
    expect(await listed(outsider)).not.toContain(boardId);

    // Its members write to it; its facilitator runs it.
    const writer = openDocument(server, fx.clients.participant, created.body.docName);
    await writer.synced();
    writer.doc.getMap('cards').set('c1', new Y.Map([['authorId', fx.userIds.participant]]));
    await expect
      .poll(() => server.collab.read(created.body.docName, (doc) => doc.getMap('cards').has('c1')))
      .toBe(true);
    writer.close();
    const patched = await fx.clients.facilitator.request('PATCH', url, {
      json: { title: 'Our challenges this month' },
    });
    expect(patched.status).toBe(200);
    expect(
      (await fx.clients.participant.request('PATCH', url, { json: { title: 'x' } })).status,
    ).toBe(403);
  });

  it('shares a journal entry with the set alone', async () => {
    const entry = await fx.clients.participant.post('/api/journal', { title: 'For my set' });
    const shared = await fx.clients.participant.post(`/api/journal/${entry.body.id}/set-shares`, {
      setId,
    });
    expect(shared.status).toBe(201);
    const url = `/api/sets/${setId}/shared-reflections`;
    const seen = await fx.clients.facilitator.get(url);
    expect(seen.body.reflections.map((r: any) => r.title)).toEqual(['For my set']);
    for (const client of [fx.clients.lead, fx.clients.admin, fx.clients.sponsor, outsider]) {
      expect((await client.get(url)).status).toBe(404);
    }
    // Not into a set one is not in, and only one's own entries.
    const theirs = await outsider.post('/api/journal', { title: 'Mine' });
    expect(
      (await outsider.post(`/api/journal/${theirs.body.id}/set-shares`, { setId })).status,
    ).toBe(404);
    expect(
      (await fx.clients.facilitator.post(`/api/journal/${entry.body.id}/set-shares`, { setId }))
        .status,
    ).toBe(404);

    expect(
      (
        await fx.clients.participant.request(
          'DELETE',
          `/api/journal/${entry.body.id}/set-shares/${setId}`,
        )
      ).status,
    ).toBe(204);
    expect((await fx.clients.facilitator.get(url)).body.reflections).toEqual([]);
  });

  it('takes the set’s boards and their stored documents with it when it is deleted', async () => {
    const board = (await fx.clients.facilitator.get(`/api/boards/${boardId}`)).body;
    expect((await fx.clients.lead.request('DELETE', `/api/sets/${setId}`)).status).toBe(204);
    expect((await fx.clients.facilitator.get(`/api/boards/${boardId}`)).status).toBe(404);
    const stored = await server.db.db
      .select()
      .from(schema.collabUpdates)
      .where(eq(schema.collabUpdates.docName, board.docName));
    expect(stored).toEqual([]);
  });
});
