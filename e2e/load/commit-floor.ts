/**
 * The commit floor: how long one small insert takes to commit on the Postgres Colab's fan-out
 * runs against, measured from the load generator while the servers are idle. Colab relays an
 * edit only once it is stored, so no server doing the same can deliver faster than this plus
 * what a relay takes; the fan-out table prints it beside the other references.
 */
import { freshDatabase } from './postgres-database.ts';
import { sleep } from './servers.ts';
import { percentile, round } from './statistics.ts';

export interface CommitFloor {
  p50: number;
  p99: number;
  samples: number;
}

/** `count` inserts of an edit-sized row (150 bytes), `perSecond` of them a second. */
export async function measureCommitFloor(count = 400, perSecond = 200): Promise<CommitFloor> {
  const database = await freshDatabase();
  try {
    const { sql } = database;
    // The shape of collab_updates: what one of Colab's group commits writes.
    await sql`CREATE TABLE updates (id bigserial PRIMARY KEY, doc_name text NOT NULL, data bytea NOT NULL)`;
    const row = Buffer.alloc(150, 7);
    const times: number[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      pending.push(
        sql`INSERT INTO updates (doc_name, data) VALUES ('board', ${row})`.then(() => {
          times.push(performance.now() - started);
        }),
      );
      await sleep(1000 / perSecond);
    }
    await Promise.all(pending);
    return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), samples: count };
  } finally {
    await database.drop();
  }
}
