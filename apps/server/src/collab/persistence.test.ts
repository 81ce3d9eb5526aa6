import { schema } from '@colab/db';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '@colab/db/testing';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendUpdates,
  compactDocument,
  countLoggedUpdates,
  loadStoredUpdates,
} from './persistence.ts';

/** An update that adds one entry to the document's `cards` map, as a client's edit would. */
function edit(key: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => {
    update = u;
  });
  doc.getMap('cards').set(key, `card ${key}`);
  doc.destroy();
  return update!;
}

async function storedKeys(db: TestDatabase, docName: string): Promise<string[]> {
  const doc = new Y.Doc();
  for (const update of await loadStoredUpdates(db.db, docName)) Y.applyUpdate(doc, update);
  const keys = [...doc.getMap('cards').keys()].sort();
  doc.destroy();
  return keys;
}

describe.each(testDatabaseKinds())('the update log and its compaction on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it('folds the log into the snapshot and empties it, keeping every edit', async () => {
    const docName = 'board:fold';
    await appendUpdates(db.db, docName, [edit('a'), edit('b')]);
    await appendUpdates(db.db, docName, [edit('c')]);
    expect(await compactDocument(db.db, docName)).toBe(3);
    expect(await countLoggedUpdates(db.db, docName)).toBe(0);
    expect(await compactDocument(db.db, docName)).toBe(0);
    expect(await storedKeys(db, docName)).toEqual(['a', 'b', 'c']);
    await appendUpdates(db.db, docName, [edit('d')]);
    expect(await storedKeys(db, docName)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('folds a board on the fold thread, keeping every edit', async () => {
    const docName = 'board:large';
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let chunk = 0; chunk < 4; chunk++)
      doc.transact(() => {
        for (let i = chunk * 500; i < (chunk + 1) * 500; i++)
          doc.getMap('cards').set(`card-${i}`, `Card ${i}: what we noticed about trust this week`);
      });
    doc.destroy();
    await appendUpdates(db.db, docName, updates);
    // Large boards fold there; this one is asked to, so the test stays quick.
    expect(await compactDocument(db.db, docName, { inPlaceBelowBytes: 0 })).toBe(4);
    expect(await countLoggedUpdates(db.db, docName)).toBe(0);
    expect(await loadStoredUpdates(db.db, docName)).toHaveLength(1);
    expect(await storedKeys(db, docName)).toHaveLength(2_000);
  });

  it('keeps an update whose id is below the snapshot’s last one, and folds it next time', async () => {
    const docName = 'board:late-id';
    await appendUpdates(db.db, docName, [edit('a'), edit('b')]);
    const [first] = await db.db
      .select({ id: schema.collabUpdates.id })
      .from(schema.collabUpdates)
      .where(eq(schema.collabUpdates.docName, docName));
    await compactDocument(db.db, docName);
    // As another node's insert would be if it took its id first and committed last.
    await db.db.insert(schema.collabUpdates).values({ id: first!.id, docName, data: edit('late') });
    expect(await storedKeys(db, docName)).toEqual(['a', 'b', 'late']);
    await compactDocument(db.db, docName);
    expect(await countLoggedUpdates(db.db, docName)).toBe(0);
    expect(await storedKeys(db, docName)).toEqual(['a', 'b', 'late']);
  });
});

describe.runIf(testDatabaseKinds().includes('postgres'))(
  'several nodes writing one document on Postgres',
  () => {
    let db: TestDatabase;
    let other: postgres.Sql;
    beforeAll(async () => {
      db = await createTestDatabase('postgres');
      // A second connection of its own: another node, whose insert commits when it chooses.
      other = postgres(db.url!, { max: 1, onnotice: () => {} });
    }, 60_000);
    afterAll(async () => {
      await other?.end({ timeout: 1 });
      await db?.dispose();
    });

    it('loses no insert that commits while a compaction runs', async () => {
      const docName = 'board:in-flight';
      await appendUpdates(db.db, docName, [edit('a')]);
      let commit!: () => void;
      const held = new Promise<void>((resolve) => {
        commit = resolve;
      });
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const otherNode = other.begin(async (tx) => {
        await tx`insert into collab_updates (doc_name, data) values (${docName}, ${Buffer.from(edit('slow'))})`;
        inserted();
        await held;
      });
      await insertedYet;
      // This node's edit takes a later id and commits first; then the document is compacted.
      await appendUpdates(db.db, docName, [edit('fast')]);
      await compactDocument(db.db, docName);
      commit();
      await otherNode;
      expect(await storedKeys(db, docName)).toEqual(['a', 'fast', 'slow']);
    });

    it('loads every update when another node compacts between reading the snapshot and the log', async () => {
      const docName = 'board:loading';
      await appendUpdates(db.db, docName, [edit('a')]);
      await compactDocument(db.db, docName);
      await appendUpdates(db.db, docName, [edit('b')]);
      // The other node holds the log table, so the load reads the snapshot and then waits
      // for the log; meanwhile that node folds `b` into the snapshot and commits.
      let loading: Promise<string[]> | undefined;
      await other.begin(async (tx) => {
        await tx`lock table collab_updates in access exclusive mode`;
        loading = storedKeys(db, docName);
        const deadline = Date.now() + 10_000;
        while (
          (
            await tx`select 1 from pg_locks where not granted and relation = 'collab_updates'::regclass`
          ).length === 0
        ) {
          if (Date.now() > deadline) throw new Error('the load never waited for the log');
          await new Promise((r) => setTimeout(r, 20));
        }
        const [row] = await tx`select data from collab_snapshots where doc_name = ${docName}`;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, row!.data as Uint8Array);
        Y.applyUpdate(doc, edit('b'));
        await tx`update collab_snapshots set data = ${Buffer.from(Y.encodeStateAsUpdate(doc))} where doc_name = ${docName}`;
        await tx`delete from collab_updates where doc_name = ${docName}`;
        doc.destroy();
      });
      expect(await loading).toEqual(['a', 'b']);
    });

    it('loses nothing when nodes compact at once while others append', async () => {
      const docName = 'board:racing';
      const written: string[] = [];
      for (let round = 0; round < 15; round++) {
        const keys = [`${round}-x`, `${round}-y`, `${round}-z`];
        written.push(...keys);
        await Promise.all([
          appendUpdates(db.db, docName, [edit(keys[0]!)]),
          compactDocument(db.db, docName),
          appendUpdates(db.db, docName, [edit(keys[1]!)]),
          compactDocument(db.db, docName),
          appendUpdates(db.db, docName, [edit(keys[2]!)]),
        ]);
      }
      expect(await storedKeys(db, docName)).toEqual([...written].sort());
    });
  },
);
