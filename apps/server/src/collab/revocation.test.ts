import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { REVOCATION_DEADLINE_MS, within } from '../testing/deadline.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

describe.each(testDatabaseKinds())('changes of rights on open connections, on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  async function newBoard(settings = {}) {
    const board = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Board',
      template: 'word_wall',
      settings,
    });
    expect(board.status).toBe(201);
    return board.body as { id: string; docName: string; settings: Record<string, unknown> };
  }

  it('makes a locked board read-only at once for participants, not for facilitators', async () => {
    const board = await newBoard();
    expect(board.settings).toEqual({
      anonymousCards: true,
      voteBudget: 5,
      locked: false,
      hiddenUntilRevealed: false,
    });
    const participant = openDocument(server, fx.clients.participant, board.docName);
    const facilitator = openDocument(server, fx.clients.facilitator, board.docName);
    await participant.synced();
    await facilitator.synced();

    const locked = await fx.clients.facilitator.request('PATCH', `/api/boards/${board.id}`, {
      json: { settings: { locked: true } },
    });
    expect(locked.body.settings).toMatchObject({ locked: true, voteBudget: 5 });
    participant.doc.getArray('notes').push(['after the lock']);
    facilitator.doc.getArray('notes').push(['facilitator note']);
    const shared = server.collab.openDocuments().get(board.docName)!;
    await waitFor(() => shared.doc.getArray('notes').length === 1, 'the facilitator’s edit');
    await new Promise((r) => setTimeout(r, 100));
    expect(shared.doc.getArray('notes').toArray()).toEqual(['facilitator note']);
    const card = await fx.clients.participant.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId: 'x',
      text: 'locked out',
    });
    expect(card.body.code).toBe('board_locked');
    participant.close();
    facilitator.close();
  });

  it('refuses anonymous cards on a board that turned them off', async () => {
    const board = await newBoard({ anonymousCards: false });
    const response = await fx.clients.participant.post(`/api/boards/${board.id}/anonymous-cards`, {
      columnId: 'x',
      text: 'hello',
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('anonymous_cards_off');
  });

  it('disconnects a removed member’s open board at once', async () => {
    const board = await newBoard();
    const sponsor = openDocument(server, fx.clients.sponsor, board.docName);
    await sponsor.synced();
    sponsor.provider.shouldConnect = true;
    const closed = new Promise<number>((resolve) =>
      sponsor.provider.ws?.addEventListener('close', (e: any) => resolve(e.code)),
    );
    // Measured from the request: the close must have arrived within a second of it.
    const removal = fx.clients.lead.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${fx.userIds.sponsor}`,
    );
    expect(await within(REVOCATION_DEADLINE_MS, 'closing the board', closed)).toBe(4403);
    expect((await removal).status).toBe(204);
    sponsor.close();
  });
});
