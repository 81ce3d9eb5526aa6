import { testDatabaseKinds } from '@colab/db/testing';
import { boardParts, castVote, createCard, editCard, readBoard } from '@colab/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { openDocument, refusalsHeardBy, waitFor } from '../../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

type Role = 'lead' | 'facilitator' | 'participant' | 'sponsor';

/**
 * The rules inside a board (edit-rules.ts), through the collab endpoint: what breaks them is
 * neither stored nor relayed, its sender stays connected, and the rest of the room is unharmed.
 */
describe.each(testDatabaseKinds())('rules inside a board on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  async function newBoard(voteBudget = 5) {
    const response = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Start, stop, continue',
      template: 'start_stop_continue',
      settings: { voteBudget },
    });
    expect(response.status).toBe(201);
    const board = response.body as { id: string; docName: string };
    const shared = async () => {
      await waitFor(() => server.collab.openDocuments().has(board.docName), 'the board to open');
      return server.collab.openDocuments().get(board.docName)!;
    };
    return { ...board, shared };
  }

  function join(role: Role, docName: string) {
    return openDocument(server, fx.clients[role], docName);
  }

  async function cardBy(role: Role, docName: string, id: string) {
    const writer = join(role, docName);
    await writer.synced();
    const columnId = readBoard(writer.doc)[0]!.id;
    createCard(
      writer.doc,
      { id, columnId, text: `${role}'s card`, colour: 'yellow', authorId: fx.userIds[role] },
      'local',
    );
    await waitFor(() => writer.provider.synced && !writer.provider.ws?.bufferedAmount, 'sent');
    return writer;
  }

  it('stores a card in its writer’s name and refuses one in someone else’s, for every role', async () => {
    const board = await newBoard();
    const watcher = join('facilitator', board.docName);
    await watcher.synced();
    const shared = await board.shared();
    for (const role of ['lead', 'facilitator', 'participant'] as const) {
      const own = await cardBy(role, board.docName, `own-${role}`);
      await waitFor(() => boardParts(watcher.doc).cards.has(`own-${role}`), `${role}'s card`);
      own.close();

      const refusedBefore = shared.refusedUpdates;
      const forger = join(role, board.docName);
      await forger.synced();
      const columnId = readBoard(forger.doc)[0]!.id;
      const victim = role === 'participant' ? 'facilitator' : 'participant';
      createCard(
        forger.doc,
        {
          id: `forged-${role}`,
          columnId,
          text: 'not mine',
          colour: 'pink',
          authorId: fx.userIds[victim],
        },
        'local',
      );
      await waitFor(() => shared.refusedUpdates > refusedBefore, `${role}'s forged card refused`);
      expect(shared.doc.getMap('cards').has(`forged-${role}`)).toBe(false);
      expect(boardParts(watcher.doc).cards.has(`forged-${role}`)).toBe(false);
      // Told why, not cut off.
      expect(forger.provider.wsconnected).toBe(true);
      forger.close();
    }
    watcher.close();
  });

  it('lets those who run the cohort change anyone’s card, and a participant only their own', async () => {
    const board = await newBoard();
    const byParticipant = await cardBy('participant', board.docName, 'p-card');
    const byFacilitator = await cardBy('facilitator', board.docName, 'f-card');
    const opened = await board.shared();
    await waitFor(
      () => opened.doc.getMap('cards').has('p-card') && opened.doc.getMap('cards').has('f-card'),
      'both cards stored',
    );
    const textOf = (id: string) => boardParts(opened.doc).cards.get(id)?.get('text');

    for (const role of ['lead', 'facilitator'] as const) {
      const editor = join(role, board.docName);
      await editor.synced();
      editCard(editor.doc, 'p-card', { text: `tidied by ${role}` }, 'local');
      await waitFor(() => textOf('p-card') === `tidied by ${role}`, `${role}'s edit stored`);
      editor.close();
    }

    const refusedBefore = opened.refusedUpdates;
    editCard(byParticipant.doc, 'f-card', { text: 'rewritten by a participant' }, 'local');
    await waitFor(() => opened.refusedUpdates > refusedBefore, 'the participant’s edit refused');
    expect(textOf('f-card')).toBe("facilitator's card");
    byParticipant.close();
    byFacilitator.close();
  });

  it('holds each person to the board’s dot budget, whatever their page counted', async () => {
    const board = await newBoard(1);
    const writer = await cardBy('participant', board.docName, 'c1');
    const opened = await board.shared();
    await waitFor(() => opened.doc.getMap('cards').has('c1'), 'the card stored');
    castVote(writer.doc, 'c1', fx.userIds.participant, 99, 'local');
    const votesOf = () => boardParts(opened.doc).votes.get('c1')?.get(fx.userIds.participant) ?? 0;
    await waitFor(() => votesOf() === 1, 'the first dot stored');
    const refusedBefore = opened.refusedUpdates;
    castVote(writer.doc, 'c1', fx.userIds.participant, 99, 'local');
    await waitFor(() => opened.refusedUpdates > refusedBefore, 'the second dot refused');
    expect(votesOf()).toBe(1);
    writer.close();
  });

  it('tells a reader whose page wrote while it could not (a board locked meanwhile, or a sponsor) that it was not kept, and says nothing to one that did not write', async () => {
    const board = await newBoard();
    const watcher = join('facilitator', board.docName);
    await watcher.synced();
    const opened = await board.shared();
    const columnId = readBoard(watcher.doc)[0]!.id;

    // Pat writes a card, is offline when the board is locked, and writes another meanwhile
    // (after the first, so what Pat's page sends back does not start at its first change).
    const pat = await cardBy('participant', board.docName, 'before');
    const patHeard = refusalsHeardBy(pat);
    await waitFor(() => boardParts(watcher.doc).cards.has('before'), 'Pat’s first card');
    pat.provider.disconnect();
    const locked = await fx.clients.facilitator.request('PATCH', `/api/boards/${board.id}`, {
      json: { settings: { locked: true } },
    });
    expect(locked.status).toBe(200);
    createCard(
      pat.doc,
      {
        id: 'offline',
        columnId,
        text: 'on the train',
        colour: 'blue',
        authorId: fx.userIds.participant,
      },
      'local',
    );
    pat.provider.connect();
    await waitFor(() => patHeard.length > 0, 'Pat to be told');
    expect(patHeard).toEqual(['The board is locked: only those who run the cohort change it now.']);
    expect(opened.doc.getMap('cards').has('offline')).toBe(false);
    expect(boardParts(watcher.doc).cards.has('offline')).toBe(false);

    // A sponsor's page never writes; a hand-made one is told why too.
    const sue = join('sponsor', board.docName);
    const sueHeard = refusalsHeardBy(sue);
    await sue.synced();
    createCard(
      sue.doc,
      {
        id: 'sponsor',
        columnId,
        text: 'a sponsor writes',
        colour: 'blue',
        authorId: fx.userIds.sponsor,
      },
      'local',
    );
    await waitFor(() => sueHeard.length > 0, 'the sponsor to be told');
    expect(opened.doc.getMap('cards').has('sponsor')).toBe(false);

    // A reader holding a copy of the board (as a browser keeps one) answers the server's sync
    // with nothing new: it is told nothing, and stays in step.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(watcher.doc));
    const reader = openDocument(server, fx.clients.sponsor, board.docName, copy);
    const readerHeard = refusalsHeardBy(reader);
    await reader.synced();
    createCard(
      watcher.doc,
      {
        id: 'after',
        columnId,
        text: 'after the lock',
        colour: 'green',
        authorId: fx.userIds.facilitator,
      },
      'local',
    );
    await waitFor(() => boardParts(reader.doc).cards.has('after'), 'the reader to get the card');
    expect(readerHeard).toEqual([]);
    for (const client of [watcher, pat, sue, reader]) client.close();
  });
});
