import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.ts';
import { collabUpdates, users } from './schema/index.ts';
import { createTestDatabase, testDatabaseKinds } from './testing.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(testDatabaseKinds())('the database on %s', (kind) => {
  it('applies the migrations and stores a person with a UUIDv7 id and UTC timestamps', async () => {
    const handle = await createTestDatabase(kind);
    try {
      const [row] = await handle.db
        .insert(users)
        .values({ name: 'Amy Aitkens', email: 'amy@example.org' })
        .returning();
      expect(row!.id).toMatch(UUID_V7);
      expect(row!.createdAt).toBeInstanceOf(Date);
      expect(row!.isInstanceAdmin).toBe(false);
      const found = await handle.db.select().from(users).where(eq(users.email, 'amy@example.org'));
      expect(found).toHaveLength(1);
      await expect(
        handle.db.insert(users).values({ name: 'Amy again', email: 'amy@example.org' }),
      ).rejects.toThrow();
      await expect(handle.ping()).resolves.toBeUndefined();
    } finally {
      await handle.dispose();
    }
  });
});

describe.each(testDatabaseKinds())('bytes on %s', (kind) => {
  it('stores and reads back bytea exactly: empty, a view into a larger buffer, a megabyte', async () => {
    const handle = await createTestDatabase(kind);
    try {
      const large = randomBytes(1024 * 1024);
      const backing = Uint8Array.from([9, 9, 1, 2, 3, 255, 0, 9]);
      const values = [new Uint8Array(0), backing.subarray(2, 7), new Uint8Array(large)];
      for (const [i, data] of values.entries())
        await handle.db.insert(collabUpdates).values({ docName: `bytes-${i}`, data });
      for (const [i, data] of values.entries()) {
        const [row] = await handle.db
          .select({ data: collabUpdates.data })
          .from(collabUpdates)
          .where(eq(collabUpdates.docName, `bytes-${i}`));
        expect(row!.data).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(row!.data).equals(Buffer.from(data))).toBe(true);
      }
      // PGlite's codec takes bytes only (postgres.js sends a string as text, which Postgres
      // reads as bytea's escape format).
      if (kind === 'pglite')
        await expect(
          handle.db
            .insert(collabUpdates)
            .values({ docName: 'bytes-text', data: 'not bytes' as unknown as Uint8Array }),
        ).rejects.toHaveProperty('cause.message', 'Invalid input for bytea type');
    } finally {
      await handle.dispose();
    }
  });
});

describe('embedded PGlite in a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'colab-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a missing parent folder and keeps data across close and reopen', async () => {
    const folder = join(dir, 'nested', 'pglite');
    const first = await createDb({ pgliteDir: folder });
    await first.db.insert(users).values({ name: 'Kept', email: 'kept@example.org' });
    await first.close();

    const second = await createDb({ pgliteDir: folder });
    const rows = await second.db.select().from(users);
    expect(rows.map((r) => r.email)).toEqual(['kept@example.org']);
    await second.close();
  });

  it('refuses to open a folder that is already open, and opens it again once closed', async () => {
    const folder = join(dir, 'locked');
    const first = await createDb({ pgliteDir: folder });
    await expect(createDb({ pgliteDir: folder })).rejects.toThrow(/already open/);
    await first.close();
    const again = await createDb({ pgliteDir: folder });
    await again.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const folder = join(dir, 'stale');
    mkdirSync(folder, { recursive: true });
    // A pid far above any live process's.
    writeFileSync(`${folder}.lock`, '4194000');
    const handle = await createDb({ pgliteDir: folder });
    expect(readFileSync(`${folder}.lock`, 'utf8')).toBe(String(process.pid));
    await handle.close();
  });
});

// Runs wherever the Postgres suite runs (TEST_DATABASE_URL set), like every postgres case here.
describe.each(testDatabaseKinds().filter((k) => k === 'postgres'))('%s with several nodes', () => {
  it('lets nodes that start at once migrate one database without clashing', async () => {
    const target = await createTestDatabase('postgres');
    // Start from an unmigrated database, as a fresh deployment would.
    await target.close();
    const admin = await createDb({ databaseUrl: target.url, migrate: false, maxConnections: 1 });
    await admin.db.execute(
      'drop schema public cascade; create schema public; drop schema if exists drizzle cascade',
    );
    await admin.close();
    const nodes = await Promise.all(
      [1, 2, 3].map(() => createDb({ databaseUrl: target.url, maxConnections: 2 })),
    );
    await nodes[0]!.db.insert(users).values({ name: 'One', email: 'one@example.org' });
    expect(await nodes[2]!.db.select().from(users)).toHaveLength(1);
    await Promise.all(nodes.map((n) => n.close()));
    await target.dispose();
  });
});
