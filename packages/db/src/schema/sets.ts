import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';

/** An action learning set: a few participants and their facilitator, within one cohort. */
export const learningSets = pgTable(
  'learning_sets',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.cohortId)],
);

export const setRole = pgEnum('set_role', ['member', 'facilitator']);

/** Who is in a set. A participant is in at most one set of a cohort (moving replaces it). */
export const setMembers = pgTable(
  'set_members',
  {
    setId: uuid()
      .notNull()
      .references(() => learningSets.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: setRole().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.setId, t.userId] }), index().on(t.userId)],
);
