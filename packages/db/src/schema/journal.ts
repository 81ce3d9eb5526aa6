import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';

/** A private journal entry; its rich text lives in the Yjs document `journal:<id>`. */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The cohort it was written in, if any (for prompts and sharing). */
    cohortId: uuid().references(() => cohorts.id, { onDelete: 'set null' }),
    title: text().notNull().default(''),
    /** The prompt it answers, if any (no foreign key: prompts live in reflections.ts). */
    promptId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.authorId)],
);
