import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readBytea, stageBytea } from './bytea-copy.ts';
import { collabSnapshots } from './schema/index.ts';
import { createTestDatabase, testDatabaseKinds } from './testing.ts';

const cell = (equals: string) => ({
  column: collabSnapshots.data,
  where: collabSnapshots.docName,
  equals,
});

describe.each(testDatabaseKinds())('bytea through a binary COPY on %s', (kind) => {
  it('writes and reads back exactly: empty, a view into a larger buffer, 3 MB; none is undefined', async () => {
    const handle = await createTestDatabase(kind);
    try {
      const backing = Uint8Array.from([9, 9, 1, 2, 3, 255, 0, 9]);
      // Over the 256 KB slices a write is sent in, and not a whole number of them.
      const values = [
        new Uint8Array(0),
        backing.subarray(2, 7),
        new Uint8Array(randomBytes(3_000_001)),
      ];
      for (const [i, data] of values.entries()) {
        await handle.db.transaction(async (tx) => {
          const staged = await stageBytea(tx, data);
          await tx.insert(collabSnapshots).values({ docName: `doc-${i}`, data: staged, uptoId: i });
        });
      }
      for (const [i, data] of values.entries()) {
        const [row] = await handle.db
          .select({ data: collabSnapshots.data })
          .from(collabSnapshots)
          .where(eq(collabSnapshots.docName, `doc-${i}`));
        expect(Buffer.from(row!.data).equals(Buffer.from(data))).toBe(true);
        const read = await readBytea(handle.db, cell(`doc-${i}`));
        expect(read).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(read!).equals(Buffer.from(data))).toBe(true);
      }
      expect(await readBytea(handle.db, cell('no such doc'))).toBeUndefined();
    } finally {
      await handle.dispose();
    }
  });

  it('reads inside a transaction, and each call stages anew, within a transaction and across them', async () => {
    const handle = await createTestDatabase(kind);
    try {
      await handle.db.transaction(async (tx) => {
        await stageBytea(tx, Uint8Array.from([1, 1, 1]));
        const staged = await stageBytea(tx, Uint8Array.from([2, 2]));
        await tx.insert(collabSnapshots).values({ docName: 'a', data: staged, uptoId: 1 });
        // The transaction's own uncommitted row: only its connection sees it.
        expect(Array.from((await readBytea(tx, cell('a')))!)).toEqual([2, 2]);
      });
      // A second transaction on the same connection finds the stage empty.
      await handle.db.transaction(async (tx) => {
        const staged = await stageBytea(tx, Uint8Array.from([3]));
        await tx
          .update(collabSnapshots)
          .set({ data: staged })
          .where(eq(collabSnapshots.docName, 'a'));
      });
      expect(Array.from((await readBytea(handle.db, cell('a')))!)).toEqual([3]);
    } finally {
      await handle.dispose();
    }
  });

  it('quotes the key: a quote or backslash in it matches only that row', async () => {
    const handle = await createTestDatabase(kind);
    try {
      const odd = String.raw`it's \' or 1=1 --`;
      await handle.db.insert(collabSnapshots).values([
        { docName: odd, data: Uint8Array.from([7]), uptoId: 1 },
        { docName: 'other', data: Uint8Array.from([8]), uptoId: 1 },
      ]);
      expect(Array.from((await readBytea(handle.db, cell(odd)))!)).toEqual([7]);
      expect(await readBytea(handle.db, cell("it's"))).toBeUndefined();
      await expect(readBytea(handle.db, cell('a\0b'))).rejects.toThrow('NUL');
    } finally {
      await handle.dispose();
    }
  });
});
