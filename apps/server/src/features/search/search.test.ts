import { testDatabaseKinds } from '@colab/db/testing';
import { addCard, readBoard } from '@colab/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { addParticipant } from '../../testing/group-fixture.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('search on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let other: TestClient;
  const find = async (client: TestClient, q: string) => {
    const response = await client.get(
      `/api/search?cohortId=${fx.cohortId}&q=${encodeURIComponent(q)}`,
    );
    return response.status === 200
      ? response.body.results.map((r: any) => `${r.kind}:${r.title}`)
      : response.status;
  };
  const card = (docName: string, text: string) =>
    server.collab.change(docName, (doc) => {
      const column = readBoard(doc)[0]!;
      addCard(doc, {
        id: `card-${text.length}-${Math.random().toString(36).slice(2)}`,
        columnId: column.id,
        text,
        colour: 'yellow',
        authorId: fx.userIds.participant,
        order: 1,
        createdAt: new Date().toISOString(),
      } as never);
    });
  const page = (docName: string, text: string) =>
    server.collab.change(docName, (doc) => {
      doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlElement('paragraph')]);
      (doc.getXmlFragment('prosemirror').get(0) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
    });

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    other = await addParticipant(server, fx);

    const board = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'What helps us',
      template: 'word_wall',
    });
    await card(board.body.docName, 'Listening before proposing');
    const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set 1',
      memberIds: [fx.userIds.participant],
    });
    const setBoard = await fx.clients.facilitator.post('/api/boards', {
      scope: { setId: set.body.id },
      title: 'Our challenges',
      template: 'word_wall',
    });
    await card(setBoard.body.docName, 'My manager is listening to rumours');
    const entry = await fx.clients.participant.post('/api/journal', {
      title: 'Listening to myself',
    });
    await page(`journal:${entry.body.id}`, 'I worry I stopped listening');
    const group = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'The Visionaries',
      memberIds: [fx.userIds.participant],
      sponsorIds: [fx.userIds.sponsor],
    });
    await page(group.body.docName, 'Recruitment needs listening to newly qualified GPs');
    await fx.clients.participant.post(`/api/groups/${group.body.id}/evidence`, {
      kind: 'interview',
      title: 'Practice manager',
      body: 'Nobody was listening to the locums',
    });
    const output = await fx.clients.participant.post(`/api/groups/${group.body.id}/outputs`, {
      title: 'Growing our own GPs',
      summary: 'Start by listening to those who left',
    });
    await fx.clients.participant.post(`/api/outputs/${output.body.id}/submit`);
    await fx.clients.facilitator.post(`/api/outputs/${output.body.id}/publish`);
  });
  afterAll(() => server?.stop());

  it('finds words (stemmed) in all a participant may see', async () => {
    await expect
      .poll(() => find(fx.clients.participant, 'listen'), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          'board:What helps us',
          'board:Our challenges',
          'journal:Listening to myself',
          'group-page:The Visionaries',
          'evidence:Practice manager',
          'output:Growing our own GPs',
        ]),
      );
  });

  it('never names what the searcher may not see', async () => {
    await expect
      .poll(() => find(fx.clients.participant, 'rumours'), { timeout: 15_000 })
      .toEqual(['board:Our challenges']);
    expect(await find(fx.clients.lead, 'rumours')).toEqual([]);
    expect(await find(other, 'rumours')).toEqual([]);
    expect((await find(other, 'listening')).sort()).toEqual([
      'board:What helps us',
      'output:Growing our own GPs',
    ]);
    expect((await find(fx.clients.sponsor, 'listening')).sort()).toEqual([
      'board:What helps us',
      'evidence:Practice manager',
      'group-page:The Visionaries',
      'output:Growing our own GPs',
    ]);
    expect(await find(fx.clients.facilitator, 'myself')).toEqual([]);
    expect(await find(fx.clients.nonMember, 'listening')).toBe(404);
    const bad = await fx.clients.participant.get(`/api/search?cohortId=nope&q=x`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(['cohortId', 'q']);
  });
});
