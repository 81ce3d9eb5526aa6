import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { boardParts, readBoard } from '@colab/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('boards on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  async function newBoard(template = 'start_stop_continue', title = 'Start, stop, continue') {
    const response = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title,
      prompt: 'What should we change?',
      template,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; docName: string };
  }

  it('starts a board with its template’s columns', async () => {
    const board = await newBoard();
    const client = openDocument(server, fx.clients.participant, board.docName);
    await client.synced();
    expect(readBoard(client.doc).map((c) => c.title)).toEqual(['Start', 'Stop', 'Continue']);
    client.close();
    const listed = await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/boards`);
    expect(listed.body.boards.map((b: any) => b.id)).toContain(board.id);
    // Asked again, the list is the same JSON (kept with the cached list), typed as JSON.
    const again = await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/boards`);
    expect(again.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(again.headers.get('etag')).toBe(listed.headers.get('etag'));
    expect(again.body).toEqual(listed.body);
  });

  it('inserts an anonymous card so nothing ties it to its writer', async () => {
    const board = await newBoard('word_wall', 'Values');
    const writer = openDocument(server, fx.clients.participant, board.docName);
    const watcher = openDocument(server, fx.clients.facilitator, board.docName);
    await writer.synced();
    await watcher.synced();
    writer.provider.awareness.setLocalState({ typing: true });
    const columnId = readBoard(writer.doc)[0]!.id;

    const response = await fx.clients.participant.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId,
      text: 'I was afraid to speak at first',
    });
    expect(response.status).toBe(201);
    await waitFor(() => boardParts(watcher.doc).cards.has(response.body.id), 'the card to arrive');

    const card = boardParts(watcher.doc).cards.get(response.body.id)!;
    expect(card.get('authorId')).toBeNull();
    // The Yjs item that holds the card was made by the server's client id, not the writer's.
    const itemClient = (card as unknown as { _item: { id: { client: number } } })._item.id.client;
    expect(itemClient).not.toBe(writer.doc.clientID);
    expect(itemClient).not.toBe(watcher.doc.clientID);
    // Nothing stored mentions the writer.
    const stored = await server.db.db
      .select()
      .from(schema.collabUpdates)
      .where(eq(schema.collabUpdates.docName, board.docName));
    const snapshots = await server.db.db
      .select()
      .from(schema.collabSnapshots)
      .where(eq(schema.collabSnapshots.docName, board.docName));
    const bytes = Buffer.concat([...stored, ...snapshots].map((r) => Buffer.from(r.data))).toString(
      'latin1',
    );
    expect(bytes).toContain('I was afraid to speak at first');
    expect(bytes).not.toContain(fx.userIds.participant);
    writer.close();
    watcher.close();

    const sponsorTry = await fx.clients.sponsor.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId,
      text: 'x',
    });
    expect(sponsorTry.status).toBe(403);
    const badColumn = await fx.clients.participant.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId: 'nope',
      text: 'x',
    });
    expect(badColumn.status).toBe(404);
    const empty = await fx.clients.participant.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId,
      text: '  ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.fields[0].path).toBe('text');
  });

  it('exports a board to Markdown and CSV that keep columns, themes, votes and comment counts', async () => {
    const board = await newBoard('rose_thorn_bud', 'Rose, thorn, bud');
    const client = openDocument(server, fx.clients.participant, board.docName);
    await client.synced();
    const [rose, thorn] = readBoard(client.doc);
    const { cards, themes, votes, comments } = boardParts(client.doc);
    client.doc.transact(() => {
      const theme = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 't1', columnId: rose!.id, title: 'People' }))
        theme.set(k, v);
      themes.set('t1', theme);
      const card = (
        id: string,
        columnId: string,
        themeId: string | null,
        text: string,
        order: number,
      ) => {
        const m = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({
          id,
          columnId,
          themeId,
          text,
          colour: 'yellow',
          authorId: fx.userIds.participant,
          createdAt: '2027-03-01T10:00:00Z',
          order,
        }))
          m.set(k, v);
        cards.set(id, m);
      };
      card('c1', rose!.id, 't1', 'Trust in the group', 1);
      card('c2', rose!.id, null, 'The masterclasses', 2);
      card('c3', thorn!.id, null, 'Finding time, =SUM(A1)', 1);
      const dots = new Y.Map<number>();
      dots.set(fx.userIds.participant, 2);
      votes.set('c1', dots);
      const thread = new Y.Array<Y.Map<unknown>>();
      thread.push([
        new Y.Map<unknown>([
          ['id', 'm1'],
          ['authorId', fx.userIds.participant],
          ['text', 'Agreed'],
        ]),
      ]);
      comments.set('c1', thread);
    });
    // Each person places their own dots.
    const facilitator = openDocument(server, fx.clients.facilitator, board.docName);
    await facilitator.synced();
    await waitFor(() => boardParts(facilitator.doc).votes.has('c1'), 'the dots to arrive');
    boardParts(facilitator.doc).votes.get('c1')!.set(fx.userIds.facilitator, 1);
    const shared = () => server.collab.openDocuments().get(board.docName);
    await waitFor(
      () =>
        shared()
          ? boardParts(shared()!.doc).cards.size === 3 &&
            boardParts(shared()!.doc).votes.get('c1')?.get(fx.userIds.facilitator) === 1
          : false,
      'the server to have the cards and dots',
    );
    client.close();
    facilitator.close();

    const md = await fx.clients.sponsor.get(`/api/boards/${board.id}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(md.body).toBe(
      [
        '# Rose, thorn, bud',
        '',
        '> What should we change?',
        '',
        '## Rose',
        '',
        '### People',
        '',
        '- Trust in the group (3 votes, 1 comment, Participant Person)',
        '',
        '- The masterclasses (Participant Person)',
        '',
        '## Thorn',
        '',
        '- Finding time, =SUM(A1) (Participant Person)',
        '',
        '## Bud',
        '',
        '_No cards._',
        '',
      ].join('\n'),
    );
    const csv = await fx.clients.sponsor.get(`/api/boards/${board.id}/export?format=csv`);
    expect(csv.body.split('\r\n')).toEqual([
      'column,theme,card,votes,comments,author,created_at',
      '"Rose","People","Trust in the group","3","1","Participant Person","2027-03-01T10:00:00Z"',
      '"Rose","","The masterclasses","0","0","Participant Person","2027-03-01T10:00:00Z"',
      '"Thorn","","Finding time, =SUM(A1)","0","0","Participant Person","2027-03-01T10:00:00Z"',
      '',
    ]);
    expect((await fx.clients.sponsor.get(`/api/boards/${board.id}/export?format=pdf`)).status).toBe(
      400,
    );
    expect(
      (await fx.clients.nonMember.get(`/api/boards/${board.id}/export?format=md`)).status,
    ).toBe(404);
  });

  it('deletes a board: its connections close and nothing of it stays stored', async () => {
    const board = await newBoard('free_columns', 'Scratch');
    const client = openDocument(server, fx.clients.participant, board.docName);
    await client.synced();
    const closed = new Promise<number>((resolve) =>
      client.provider.ws?.addEventListener('close', (e: any) => resolve(e.code)),
    );
    expect((await fx.clients.participant.request('DELETE', `/api/boards/${board.id}`)).status).toBe(
      403,
    );
    expect((await fx.clients.facilitator.request('DELETE', `/api/boards/${board.id}`)).status).toBe(
      204,
    );
    expect(await closed).toBe(4404);
    client.close();
    const stored = await server.db.db
      .select()
      .from(schema.collabUpdates)
      .where(eq(schema.collabUpdates.docName, board.docName));
    expect(stored).toEqual([]);
    expect((await fx.clients.facilitator.get(`/api/boards/${board.id}`)).status).toBe(404);
  });
});

describe('mentions on a board', () => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('notifies the members it names, and nobody outside the cohort', async () => {
    const board = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Values',
      template: 'word_wall',
    });
    const response = await fx.clients.participant.post(`/api/boards/${board.body.id}/mentions`, {
      cardId: 'card-1',
      userIds: [fx.userIds.facilitator, fx.userIds.nonMember, fx.userIds.participant],
      excerpt: '@Facilitator what do you think?',
    });
    expect(response.body).toEqual({ notified: 1 });
    const inbox = await fx.clients.facilitator.get('/api/notifications');
    expect(inbox.body.notifications[0]).toMatchObject({
      kind: 'mention',
      title: 'Participant Person mentioned you on "Values": @Facilitator what do you think?',
      link: `/cohorts/${fx.cohortId}/boards/${board.body.id}?card=card-1`,
    });
    expect((await fx.clients.nonMember.get('/api/notifications')).body.unread).toBe(0);
    expect((await fx.clients.participant.get('/api/notifications')).body.unread).toBe(0);
    expect(
      (
        await fx.clients.sponsor.post(`/api/boards/${board.body.id}/mentions`, {
          cardId: 'c',
          userIds: [fx.userIds.lead],
        })
      ).status,
    ).toBe(403);
  });

  it('notifies on a set’s or a group’s board only those who may read that board', async () => {
    const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set A',
      memberIds: [fx.userIds.participant],
    });
    const group = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Unsponsored',
      memberIds: [fx.userIds.participant],
    });
    const boardOf = async (scope: object) =>
      (
        await fx.clients.facilitator.post('/api/boards', {
          scope,
          title: 'Private wall',
          template: 'free_columns',
        })
      ).body.id as string;
    const mention = (boardId: string) =>
      fx.clients.participant.post(`/api/boards/${boardId}/mentions`, {
        cardId: 'card-1',
        userIds: [fx.userIds.facilitator, fx.userIds.sponsor, fx.userIds.lead],
        excerpt: 'What we said in the room',
      });
    const unread = async () =>
      Object.fromEntries(
        await Promise.all(
          (['facilitator', 'sponsor', 'lead'] as const).map(async (role) => [
            role,
            (await fx.clients[role].get('/api/notifications')).body.unread,
          ]),
        ),
      );
    const before = await unread();
    // A set's board is the set's: its facilitator hears, the lead and the sponsor do not.
    expect((await mention(await boardOf({ setId: set.body.id }))).body).toEqual({ notified: 1 });
    // A group's board is read by the group and those who run the cohort, not other sponsors.
    expect((await mention(await boardOf({ groupId: group.body.id }))).body).toEqual({
      notified: 2,
    });
    const after = await unread();
    expect({
      facilitator: after.facilitator - before.facilitator,
      sponsor: after.sponsor - before.sponsor,
      lead: after.lead - before.lead,
    }).toEqual({ facilitator: 2, sponsor: 0, lead: 1 });
  });
});
