import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database } from './create-db.ts';

/**
 * Large bytea values (a board's snapshot: 20 MB at 100,000 cards) in and out through a binary
 * COPY. A query sends bytea as hex text: the server writes twice the value's size and this
 * process turns it back into bytes on its event loop. Read on 7 December, 20 MB: a select took
 * 1.1–1.4 s through postgres.js and 0.5–1.1 s in PGlite, a binary COPY 0.25–0.3 s and
 * 0.15–0.2 s; a write as a parameter held postgres.js's event loop for 0.6–0.8 s.
 */

/** COPY's binary signature, then flags and the length of a header extension (both 0). */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_BYTES = SIGNATURE.length + 8;
/** A staged value is handed to the socket in slices, so no one write holds the thread long. */
const SLICE_BYTES = 256 * 1024;
const STAGE_TABLE = 'colab_staged_bytea';

type Driver =
  | { kind: 'postgres'; client: postgres.Sql | postgres.TransactionSql }
  | { kind: 'pglite'; client: PGliteInterface | Transaction };

/**
 * The driver's own client behind a drizzle database or transaction (drizzle's session holds it
 * for both drivers; a transaction's is the connection it runs on).
 */
function driverOf(db: Database): Driver {
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  if (typeof client === 'function' && 'unsafe' in client)
    return { kind: 'postgres', client: client as postgres.Sql };
  if (client && typeof (client as PGliteInterface).query === 'function')
    return { kind: 'pglite', client: client as PGliteInterface };
  throw new Error('bytea-copy: neither a postgres.js nor a PGlite database');
}

/** A string literal whatever `standard_conforming_strings` says (COPY takes no parameters). */
function literal(value: string): string {
  if (value.includes('\0')) throw new Error('bytea-copy: a key cannot hold a NUL character');
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * The bytea value of `column` in the row whose `where` column equals `equals`, or undefined
 * when there is none. Inside a transaction, pass the transaction: it reads on its connection.
 */
export async function readBytea(
  db: Database,
  cell: { column: PgColumn; where: PgColumn; equals: string },
): Promise<Uint8Array | undefined> {
  const query = db
    .select({ value: cell.column })
    .from(cell.column.table as PgTable)
    .where(eq(cell.where, sql.raw(literal(cell.equals))))
    .toSQL();
  if (query.params.length > 0) throw new Error('bytea-copy: the read kept a parameter');
  const driver = driverOf(db);
  let out: Buffer;
  if (driver.kind === 'postgres') {
    const stream = await driver.client
      .unsafe(`copy (${query.sql}) to stdout (format binary)`)
      .readable();
    // Flowing mode: postgres.js's COPY stream, read through an async iterator, left the
    // connection waiting after its end in a trial here (porsager/postgres#917 reports the same).
    out = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => resolve(Buffer.concat(chunks)));
      stream.once('error', reject);
    });
  } else {
    const result = await driver.client.query(`copy (${query.sql}) to '/dev/blob' (format binary)`);
    if (!result.blob) throw new Error('bytea-copy: PGlite returned no blob for the COPY');
    out = Buffer.from(await result.blob.arrayBuffer());
  }
  return firstValue(out);
}

/** The first field of the first row of COPY's binary output. */
function firstValue(out: Buffer): Uint8Array | undefined {
  if (out.length < HEADER_BYTES + 2 || !out.subarray(0, SIGNATURE.length).equals(SIGNATURE))
    throw new Error('bytea-copy: not COPY binary output');
  let at = HEADER_BYTES + out.readUInt32BE(SIGNATURE.length + 4);
  const fields = out.readInt16BE(at);
  if (fields === -1) return undefined;
  at += 2;
  const length = out.readInt32BE(at);
  if (length === -1) return undefined;
  at += 4;
  if (at + length > out.length) throw new Error('bytea-copy: COPY output ended early');
  return new Uint8Array(out.buffer, out.byteOffset + at, length);
}

/**
 * Puts `bytes` where the rest of this transaction can read them, and returns the expression
 * that reads them (for an insert's or update's value). Call it with a transaction: the staging
 * table is emptied at commit, and each call replaces what the last one staged.
 */
export async function stageBytea(tx: Database, bytes: Uint8Array): Promise<SQL> {
  const driver = driverOf(tx);
  const prepare = `create temp table if not exists ${STAGE_TABLE} (value bytea not null) on commit delete rows; truncate pg_temp.${STAGE_TABLE}`;
  const copy = `copy pg_temp.${STAGE_TABLE} (value) from`;
  const head = Buffer.alloc(HEADER_BYTES + 6);
  SIGNATURE.copy(head);
  head.writeInt16BE(1, HEADER_BYTES);
  head.writeInt32BE(bytes.byteLength, HEADER_BYTES + 2);
  const tail = Buffer.from([0xff, 0xff]);
  if (driver.kind === 'postgres') {
    await driver.client.unsafe(prepare).simple();
    const writable = await driver.client.unsafe(`${copy} stdin (format binary)`).writable();
    await pipeline(Readable.from(slices(head, bytes, tail)), writable);
  } else {
    await driver.client.exec(prepare);
    await driver.client.query(`${copy} '/dev/blob' (format binary)`, [], {
      blob: new Blob([head, bytes, tail]),
    });
  }
  return sql.raw(`(select value from pg_temp.${STAGE_TABLE})`);
}

function* slices(head: Buffer, bytes: Uint8Array, tail: Buffer) {
  yield head;
  for (let at = 0; at < bytes.byteLength; at += SLICE_BYTES)
    yield Buffer.from(
      bytes.buffer,
      bytes.byteOffset + at,
      Math.min(SLICE_BYTES, bytes.byteLength - at),
    );
  yield tail;
}
