import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';
import { journalEntries } from './journal.ts';
import { learningSets } from './sets.ts';

const id = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** A facilitator's question for reflection, open from `opensAt`. */
export const reflectionPrompts = pgTable(
  'reflection_prompts',
  {
    id: id(),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    opensAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.cohortId, t.opensAt)],
);

/** A read-only copy of one journal entry its author chose to share with a cohort. */
export const journalShares = pgTable(
  'journal_shares',
  {
    entryId: uuid()
      .notNull()
      .references(() => journalEntries.id, { onDelete: 'cascade' }),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    body: text().notNull(),
    sharedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.cohortId] }), index().on(t.cohortId)],
);

/** A read-only copy of one journal entry its author chose to share with their set. */
export const journalSetShares = pgTable(
  'journal_set_shares',
  {
    entryId: uuid()
      .notNull()
      .references(() => journalEntries.id, { onDelete: 'cascade' }),
    setId: uuid()
      .notNull()
      .references(() => learningSets.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    body: text().notNull(),
    sharedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.setId] }), index().on(t.setId)],
);

/** What someone should know about, stored so it waits for them; delivered live when online. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    link: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    /**
     * False when the person turned this category off in the app but still wants it by email:
     * the row waits only to be emailed, and is never listed, counted or pushed live.
     */
    inApp: boolean().notNull().default(true),
    /** When it was emailed (on its own or in a digest); claimed before sending. */
    emailedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId, t.createdAt), index().on(t.createdAt)],
);
