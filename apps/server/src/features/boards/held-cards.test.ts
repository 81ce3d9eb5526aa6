import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { boardParts, readBoard, readMeta } from '@colab/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('cards hidden until revealed, on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  async function hiddenBoard() {
    const created = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'What are you carrying today?',
      template: 'rose_thorn_bud',
      settings: { hiddenUntilRevealed: true },
    });
    expect(created.status).toBe(201);
    const board = created.body as { id: string; docName: string };
    const columns = await server.collab.read(board.docName, readBoard);
    return { ...board, columnId: columns[0]!.id, lastColumnId: columns[2]!.id };
  }

  /** Everything stored of a document, as one string to search. */
  async function storedBytes(docName: string) {
    const updates = await server.db.db
      .select()
      .from(schema.collabUpdates)
      .where(eq(schema.collabUpdates.docName, docName));
    const snapshots = await server.db.db
      .select()
      .from(schema.collabSnapshots)
      .where(eq(schema.collabSnapshots.docName, docName));
    return Buffer.concat([...updates, ...snapshots].map((r) => Buffer.from(r.data))).toString(
      'latin1',
    );
  }

  it('keeps a held card to its writer: not in the document, not in anyone else’s answer', async () => {
    const board = await hiddenBoard();
    const watcher = openDocument(server, fx.clients.facilitator, board.docName);
    await watcher.synced();
    expect(readMeta(watcher.doc).hiddenUntilRevealed).toBe(true);

    const held = await fx.clients.participant.post(`/api/boards/${board.id}/held-cards`, {
      columnId: board.columnId,
      text: 'I nearly did not come today',
    });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ text: 'I nearly did not come today', anonymous: false });
    await waitFor(() => readMeta(watcher.doc).heldCards === 1, 'the count to reach the board');

    const mine = await fx.clients.participant.get(`/api/boards/${board.id}/held-cards`);
    expect(mine.body.cards.map((c: any) => c.text)).toEqual(['I nearly did not come today']);
    expect(mine.body.total).toBe(1);
    for (const role of ['facilitator', 'lead', 'admin', 'sponsor'] as const) {
      const theirs = await fx.clients[role].get(`/api/boards/${board.id}/held-cards`);
      expect(theirs.status, role).toBe(200);
      expect(theirs.body, role).toEqual({ cards: [], total: 1 });
    }
    const snapshot = await fx.clients.facilitator.get(`/api/boards/${board.id}/snapshot`);
    expect(JSON.stringify(snapshot.body)).not.toContain('I nearly did not come');
    expect(boardParts(watcher.doc).cards.size).toBe(0);
    expect(await storedBytes(board.docName)).not.toContain('I nearly did not come');

    // Only the writer may change or take back their card; others are told it does not exist.
    const path = `/api/boards/${board.id}/held-cards/${held.body.id}`;
    const edited = await fx.clients.participant.request('PATCH', path, {
      json: { text: 'I nearly stayed away today' },
    });
    expect(edited.body.text).toBe('I nearly stayed away today');
    for (const role of ['facilitator', 'lead', 'admin'] as const) {
      expect((await fx.clients[role].request('PATCH', path, { json: { text: 'x' } })).status).toBe(
        404,
      );
      expect((await fx.clients[role].request('DELETE', path)).status).toBe(404);
    }
    watcher.close();
  });

  it('reveals every held card once, anonymous ones with nothing of their writer', async () => {
    const board = await hiddenBoard();
    const named = await fx.clients.participant.post(`/api/boards/${board.id}/held-cards`, {
      columnId: board.columnId,
      text: 'Named rose',
    });
    const anonymous = await fx.clients.participant.post(`/api/boards/${board.id}/held-cards`, {
      columnId: board.lastColumnId,
      text: 'Quiet bud',
      anonymous: true,
    });
    const gone = await fx.clients.facilitator.post(`/api/boards/${board.id}/held-cards`, {
      columnId: board.columnId,
      text: 'Changed my mind',
    });
    expect(
      (
        await fx.clients.facilitator.request(
          'DELETE',
          `/api/boards/${board.id}/held-cards/${gone.body.id}`,
        )
      ).status,
    ).toBe(204);

    expect((await fx.clients.participant.post(`/api/boards/${board.id}/reveal`)).status).toBe(403);
    expect((await fx.clients.sponsor.post(`/api/boards/${board.id}/reveal`)).status).toBe(403);
    const revealed = await fx.clients.facilitator.post(`/api/boards/${board.id}/reveal`);
    expect(revealed.body).toEqual({ revealed: 2 });

    const view = await server.collab.read(board.docName, (doc) => ({
      columns: readBoard(doc),
      meta: readMeta(doc),
      namedAuthor: boardParts(doc).cards.get(named.body.id)?.get('authorId'),
      anonymousAuthor: boardParts(doc).cards.get(anonymous.body.id)?.get('authorId'),
    }));
    expect(view.columns[0]!.cards.map((c) => c.text)).toEqual(['Named rose']);
    expect(view.columns[2]!.cards.map((c) => c.text)).toEqual(['Quiet bud']);
    expect(view.namedAuthor).toBe(fx.userIds.participant);
    expect(view.anonymousAuthor).toBeNull();
    expect(view.meta).toMatchObject({ hiddenUntilRevealed: false, heldCards: 0 });

    // The writer's id is in the document only through the named card: remove it and look.
    await server.collab.change(board.docName, (doc) => boardParts(doc).cards.delete(named.body.id));
    const bytes = await storedBytes(board.docName);
    expect(bytes).toContain('Quiet bud');
    const [heldLeft] = await server.db.db
      .select()
      .from(schema.boardHeldCards)
      .where(eq(schema.boardHeldCards.boardId, board.id));
    expect(heldLeft).toBeUndefined();

    const again = await fx.clients.facilitator.post(`/api/boards/${board.id}/reveal`);
    expect(again.body).toEqual({ revealed: 0 });
    const settings = (await fx.clients.participant.get(`/api/boards/${board.id}`)).body.settings;
    expect(settings.hiddenUntilRevealed).toBe(false);
    const late = await fx.clients.participant.post(`/api/boards/${board.id}/held-cards`, {
      columnId: board.columnId,
      text: 'Too late to hide',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('not_hidden');
  });

  it('reveals what waits when a facilitator turns hiding off', async () => {
    const board = await hiddenBoard();
    await fx.clients.participant.post(`/api/boards/${board.id}/held-cards`, {
      columnId: board.columnId,
      text: 'Still here after the switch',
    });
    const patched = await fx.clients.facilitator.request('PATCH', `/api/boards/${board.id}`, {
      json: { settings: { hiddenUntilRevealed: false } },
    });
    expect(patched.status).toBe(200);
    const texts = await server.collab.read(board.docName, (doc) =>
      readBoard(doc).flatMap((c) => c.cards.map((card) => card.text)),
    );
    expect(texts).toEqual(['Still here after the switch']);
  });

  it('refuses held cards from sponsors, outsiders, and anonymous ones where not allowed', async () => {
    const board = await hiddenBoard();
    const body = { columnId: board.columnId, text: 'Hello' };
    const url = `/api/boards/${board.id}/held-cards`;
    expect((await fx.clients.sponsor.post(url, body)).status).toBe(403);
    expect((await fx.clients.nonMember.post(url, body)).status).toBe(404);
    expect((await fx.clients.anonymous.post(url, body)).status).toBe(401);
    const unknownColumn = await fx.clients.participant.post(url, { ...body, columnId: 'nope' });
    expect(unknownColumn.status).toBe(404);
    const empty = await fx.clients.participant.post(url, { ...body, text: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.fields[0].path).toBe('text');

    await fx.clients.facilitator.request('PATCH', `/api/boards/${board.id}`, {
      json: { settings: { anonymousCards: false } },
    });
    const anonymous = await fx.clients.participant.post(url, { ...body, anonymous: true });
    expect(anonymous.status).toBe(409);
    expect(anonymous.body.code).toBe('anonymous_cards_off');
  });
});

describe.each(testDatabaseKinds())('the facilitation timer and the snapshot, on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('puts the server’s end time on the board for everyone, and clears it', async () => {
    const created = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Timed',
      template: 'word_wall',
    });
    const board = created.body as { id: string; docName: string };
    const viewer = openDocument(server, fx.clients.participant, board.docName);
    await viewer.synced();

    const before = Date.now();
    const started = await fx.clients.facilitator.request('PUT', `/api/boards/${board.id}/timer`, {
      json: { durationSeconds: 300 },
    });
    expect(started.status).toBe(200);
    expect(started.body.durationMs).toBe(300_000);
    expect(Date.parse(started.body.endsAt) - Date.parse(started.body.startedAt)).toBe(300_000);
    expect(Date.parse(started.body.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    await waitFor(() => readMeta(viewer.doc).timer?.endsAt === started.body.endsAt, 'the timer');

    const bad = await fx.clients.facilitator.request('PUT', `/api/boards/${board.id}/timer`, {
      json: { durationSeconds: 3 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('durationSeconds');
    for (const role of ['participant', 'sponsor'] as const) {
      const tried = await fx.clients[role].request('PUT', `/api/boards/${board.id}/timer`, {
        json: { durationSeconds: 60 },
      });
      expect(tried.status, role).toBe(403);
    }

    expect(
      (await fx.clients.facilitator.request('DELETE', `/api/boards/${board.id}/timer`)).status,
    ).toBe(204);
    await waitFor(() => readMeta(viewer.doc).timer === null, 'the timer to clear');
    viewer.close();
  });

  it('shows a sponsor the board with authors’ names, anonymous cards unnamed', async () => {
    const created = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'For sponsors',
      template: 'start_stop_continue',
    });
    const board = created.body as { id: string; docName: string };
    const writer = openDocument(server, fx.clients.participant, board.docName);
    await writer.synced();
    const columnId = readBoard(writer.doc)[0]!.id;
    const { createCard } = await import('@colab/shared');
    createCard(
      writer.doc,
      {
        id: 'named-card',
        columnId,
        text: 'Named',
        colour: 'blue',
        authorId: fx.userIds.participant,
      },
      null,
    );
    await fx.clients.participant.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId,
      text: 'Unnamed',
    });
    await waitFor(() => readBoard(writer.doc)[0]!.cards.length === 2, 'both cards');
    writer.close();

    const snapshot = await fx.clients.sponsor.get(`/api/boards/${board.id}/snapshot`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.board.title).toBe('For sponsors');
    const cards = snapshot.body.columns[0].cards.map((c: any) => [c.text, c.authorName]);
    expect(cards).toEqual([
      ['Named', expect.any(String)],
      ['Unnamed', null],
    ]);
    expect(cards[0][1]).not.toBe('Former member');
    expect((await fx.clients.nonMember.get(`/api/boards/${board.id}/snapshot`)).status).toBe(404);
  });
});
