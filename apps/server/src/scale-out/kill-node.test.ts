import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@colab/db';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadStoredUpdates } from '../collab/persistence.ts';
import { clusterServices, nodeEnv } from '../testing/cluster.ts';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { type ServerProcess, spawnServer } from '../testing/server-process.ts';
import { newPerson, TestClient } from '../testing/test-server.ts';

describe('a node killed with SIGKILL while its clients edit', () => {
  const spawned: ServerProcess[] = [];
  const dirs: string[] = [];
  let dispose: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const s of spawned) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all(spawned.map((s) => s.exited));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await dispose?.();
  });

  it('loses nothing: its clients move to the other node and everyone converges', async () => {
    const services = await clusterServices();
    dispose = services.dispose;
    const start = async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'colab-node-'));
      dirs.push(dataDir);
      const node = await spawnServer({ ...nodeEnv(services), COLAB_DATA_DIR: dataDir });
      spawned.push(node);
      return node;
    };
    const [a, b] = [await start(), await start()];

    const lead = new TestClient(a.url);
    await lead.signUp(newPerson('Lena Lead'));
    const cohort = await lead.post('/api/cohorts', {
      name: 'Two nodes',
      startsOn: '2027-01-01',
      endsOn: '2027-06-01',
    });
    const board = await lead.post('/api/boards', {
      scope: { cohortId: cohort.body.id },
      title: 'Killed node',
      template: 'free_columns',
    });
    const onB = new TestClient(b.url);
    for (const [k, v] of lead.cookies) onB.cookies.set(k, v);

    const docName = board.body.docName as string;
    const atA = openDocument(a, lead, docName);
    const atB = openDocument(b, onB, docName);
    await Promise.all([atA.synced(), atB.synced()]);
    const fromA = atA.doc.getArray<string>('items');
    const fromB = atB.doc.getArray<string>('items');

    // Both write steadily; node A dies in the middle of it.
    const write = async (list: Y.Array<string>, tag: string, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        list.push([`${tag}-${i}`]);
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    await Promise.all([write(fromA, 'a', 0, 100), write(fromB, 'b', 0, 100)]);
    a.child.kill('SIGKILL');
    await a.exited;
    // Edits made while the node is gone stay in the browser's copy.
    await write(fromA, 'a', 100, 150);
    atA.provider.destroy();
    // Its client reconnects through the load balancer, which now sends it to node B.
    const moved = openDocument(b, onB, docName, atA.doc);
    await moved.synced();
    await write(moved.doc.getArray<string>('items'), 'a', 150, 200);
    await write(fromB, 'b', 100, 120);

    const expected = [
      ...Array.from({ length: 200 }, (_, i) => `a-${i}`),
      ...Array.from({ length: 120 }, (_, i) => `b-${i}`),
    ].sort();
    const sorted = (list: Y.Array<string>) => list.toArray().slice().sort();
    await waitFor(
      () => moved.doc.getArray('items').length === 320 && fromB.length === 320,
      'both clients to hold every edit',
      15_000,
    );
    expect(sorted(moved.doc.getArray<string>('items'))).toEqual(expected);
    expect(sorted(fromB)).toEqual(expected);

    // And the record holds each edit exactly once.
    const db = await createDb({ databaseUrl: services.databaseUrl, maxConnections: 2 });
    try {
      const stored = new Y.Doc();
      for (const update of await loadStoredUpdates(db.db, docName)) Y.applyUpdate(stored, update);
      expect(sorted(stored.getArray<string>('items'))).toEqual(expected);
    } finally {
      await db.close();
      moved.close();
      atB.close();
    }
  }, 120_000);
});
