import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from './create-db.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

/**
 * The databases an integration suite runs against: PGlite always, and the real Postgres
 * server too when TEST_DATABASE_URL is set (CI sets it).
 */
export function testDatabaseKinds(env: NodeJS.ProcessEnv = process.env): TestDatabaseKind[] {
  return env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends DbHandle {
  /** The URL of the private database, for a server started against it (postgres only). */
  url?: string;
  /** Close and, on Postgres, drop the private database. */
  dispose(): Promise<void>;
}

/**
 * A freshly migrated database of its own, so parallel runs never see each other's rows:
 * in-memory PGlite, or a new database on the TEST_DATABASE_URL server.
 */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await createDb({ pgliteDir: 'memory://' });
    return { ...handle, dispose: () => handle.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: start Postgres (see README, "Testing") and set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
    );
  }
  const name = `colab_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 });
    throw new Error(
      `Could not create a test database on ${redactUrl(url)}: is Postgres running? (${(error as Error).message})`,
    );
  }
  const privateUrl = new URL(url);
  privateUrl.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: privateUrl.toString(), maxConnections: 5 });
  return {
    ...handle,
    url: privateUrl.toString(),
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
