import { testDatabaseKinds } from '@colab/db/testing';
import { sql } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { createStoredBoard, openDocument, waitFor, writeCard } from '../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { MESSAGE_SYNC } from './messages.ts';
import { loadStoredUpdates } from './persistence.ts';

/**
 * A board whose last client has left is still in memory until what it holds is stored and
 * folded; the health figure counts it until then (a benchmark waiting for a cold board, or
 * an operator watching for leaks, reads it there).
 */
describe.each(testDatabaseKinds())('a document leaving memory on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { COLLAB_IDLE_UNLOAD_MS: '100' } });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('is counted as held until its compaction has finished', async () => {
    const docName = await createStoredBoard(server, fx, 'Folded as it leaves');
    const documents = async () =>
      ((await server.client().get('/healthz')).body as { documents: number }).documents;
    await expect.poll(documents).toBe(0);

    const authorId = fx.userIds.participant;
    const reader = openDocument(server, fx.clients.facilitator, docName);
    await reader.synced();
    for (const id of ['first', 'second'])
      await writeCard(server, fx.clients.participant, docName, { id, authorId, text: id });

    // Compactions of a document take turns on this lock: holding it keeps the fold waiting.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = server.db.db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`collab-compaction:${docName}`}, 0))`,
      );
      locked();
      await released;
    });
    await lockTaken;
    reader.close();
    await waitFor(() => !server.collab.openDocuments().has(docName), 'the board to start leaving');
    expect(server.collab.heldDocuments()).toBe(1);
    expect(await documents()).toBe(1);

    release();
    await holding;
    await expect.poll(documents).toBe(0);
    expect(server.collab.heldDocuments()).toBe(0);
  });

  it('stores an edit its client sent just before closing, though the board was still loading', async () => {
    const docName = await createStoredBoard(server, fx, 'Written as the tab closed');
    const doc = new Y.Doc();
    const card = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({
      id: 'last-words',
      authorId: fx.userIds.participant,
      text: 'Written as the tab closed',
    }))
      card.set(key, value);
    doc.getMap('cards').set('last-words', card);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, 2); // an update
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
    // Sent and closed at once, as a page does when its tab closes: the edit and the closing
    // frame both arrive while the server is still reading the board from the database.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
      headers: { cookie: fx.clients.participant.cookieHeader, origin: server.url },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        ws.send(encoding.toUint8Array(encoder));
        ws.close();
        resolve();
      });
      ws.once('error', reject);
    });
    await new Promise((resolve) => ws.once('close', resolve));
    await expect.poll(() => server.collab.heldDocuments(), { timeout: 10_000 }).toBe(0);
    const stored = new Y.Doc();
    for (const update of await loadStoredUpdates(server.db.db, docName))
      Y.applyUpdate(stored, update);
    expect(
      (stored.getMap('cards').get('last-words') as Y.Map<unknown> | undefined)?.get('text'),
    ).toBe('Written as the tab closed');
  });
});
