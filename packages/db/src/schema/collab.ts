import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Raw bytes: Yjs updates and snapshots, stored exactly as encoded. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * The update log of every shared document: each incoming update appended as it arrives
 * (group-committed). A global sequence, not a per-document counter, so several nodes can
 * append to one document without coordinating.
 */
export const collabUpdates = pgTable(
  'collab_updates',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    docName: text().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.docName, t.id)],
);

/**
 * The log compacted: the merged state of the updates a compaction read and then deleted from
 * the log. `uptoId` is the largest id folded in; whatever is still in the log is not folded.
 */
export const collabSnapshots = pgTable('collab_snapshots', {
  docName: text().primaryKey(),
  data: bytea().notNull(),
  uptoId: bigint({ mode: 'number' }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The words of each shared document (board cards, journal entries, group pages), kept a few
 * seconds behind its edits, for full-text search. Rebuilt from the document at any time.
 */
export const documentTexts = pgTable(
  'document_texts',
  {
    docName: text().primaryKey(),
    text: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_texts_search').using('gin', sql`to_tsvector('english', ${t.text})`)],
);
