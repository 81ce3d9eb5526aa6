import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * The local Postgres the benchmarks create their databases in. Only 127.0.0.1: a benchmark
 * must never write to a database somewhere else.
 */
const SERVER = 'postgres://postgres@127.0.0.1:5432';

export interface BenchDatabase {
  url: string;
  /** A connection to it, for the scenario's own measurements. */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

/** A fresh, empty database `colab_bench_<random>`, dropped by `drop()`. */
export async function freshDatabase(): Promise<BenchDatabase> {
  const name = `colab_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(`${SERVER}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `Could not create a database on ${SERVER} (${(error as Error).message}). Start Postgres: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  const url = `${SERVER}/${name}`;
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    sql,
    drop: async () => {
      await sql.end();
      // WITH (FORCE) ends connections a stopped server may have left behind.
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
