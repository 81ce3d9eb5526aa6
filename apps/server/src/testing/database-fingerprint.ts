import { sql } from 'drizzle-orm';
import type { TestServer } from './test-server.ts';

/** A hash of every row of every table, by table. */
export async function databaseFingerprint(server: TestServer): Promise<Record<string, string>> {
  // PGlite answers { rows }, postgres.js the rows themselves.
  const rowsOf = (result: unknown) =>
    (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
      string,
      string
    >[];
  const tables = rowsOf(
    await server.db.db.execute(
      sql`select table_name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    ),
  ).map((r) => r.table_name!);
  const fingerprint: Record<string, string> = {};
  for (const table of tables) {
    const [row] = rowsOf(
      await server.db.db.execute(
        sql`select count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h
            from ${sql.identifier(table)} t`,
      ),
    );
    fingerprint[table] = row!.h!;
  }
  return fingerprint;
}
