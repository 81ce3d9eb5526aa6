import { testDatabaseKinds } from '@colab/db/testing';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { createStoredBoard, waitFor } from '../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { MESSAGE_SYNC } from './messages.ts';
import { appendUpdates, loadStoredUpdates } from './persistence.ts';

/**
 * A document loaded from its stored log (another node's edits, or a restart before
 * compaction) goes to a client that has nothing in the order it was stored, so the client
 * applies each part as it comes instead of holding the log until the part it builds on.
 */
describe.each(testDatabaseKinds())('a stored document sent to a fresh client on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { COLLAB_IDLE_UNLOAD_MS: '100' } });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('goes out in the order it was stored, each part applying at once, the last as sync step 2', async () => {
    // Writing the board's columns opened it; it leaves memory once nobody is on it.
    const docName = await createStoredBoard(server, fx, 'Stored in parts');

    // Edits built on the board as stored (its columns, folded into a snapshot as it left
    // memory), as another node would log them.
    const source = new Y.Doc();
    for (const update of await loadStoredUpdates(server.db.db, docName))
      Y.applyUpdate(source, update);
    const columns = source.getArray<Y.Map<unknown>>('columns');
    expect(columns.length).toBeGreaterThan(0);
    const parts: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => parts.push(update));
    const notes = source.getArray<string>('notes');
    for (const [i, column] of columns.toArray().entries()) {
      column.set('title', `Renamed ${i}`);
      notes.push([`note ${i}`]);
    }
    // Large enough to go out as it is held, in two frames.
    notes.push(['trust '.repeat(20_000)]);
    notes.push(['after the large one']);
    for (const part of parts) await appendUpdates(server.db.db, docName, [part]);

    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
      headers: { cookie: fx.clients.participant.cookieHeader, origin: server.url },
    });
    const received = new Y.Doc();
    const types: number[] = [];
    const pendingAfter: boolean[] = [];
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const type = decoding.readVarUint(decoder);
      if (type === syncProtocol.messageYjsSyncStep1) return;
      Y.applyUpdate(received, decoding.readVarUint8Array(decoder));
      types.push(type);
      pendingAfter.push(received.store.pendingStructs !== null);
    });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const hello = encoding.createEncoder();
    encoding.writeVarUint(hello, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(hello, new Y.Doc());
    ws.send(encoding.toUint8Array(hello));
    await waitFor(() => types.includes(syncProtocol.messageYjsSyncStep2), 'sync step 2');
    ws.close();

    // The snapshot, then each part above.
    expect(types).toHaveLength(parts.length + 1);
    expect(types.at(-1)).toBe(syncProtocol.messageYjsSyncStep2);
    expect(types.slice(0, -1).every((t) => t === syncProtocol.messageYjsUpdate)).toBe(true);
    expect(pendingAfter).not.toContain(true);
    expect(received.getArray('notes').toJSON()).toEqual(notes.toJSON());
    expect(received.getArray('columns').toJSON()).toEqual(columns.toJSON());
    // Sent as stored, not decoded on the server.
    expect(server.collab.openDocuments().get(docName)?.decoded).toBe(false);
  });
});
