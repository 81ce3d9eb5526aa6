import { testDatabaseKinds } from '@colab/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { createStoredBoard, openDocument, waitFor, writeCard } from '../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

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
});
