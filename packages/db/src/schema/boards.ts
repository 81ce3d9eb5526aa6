import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';
import { projectGroups } from './groups.ts';
import { learningSets } from './sets.ts';

export const boardTemplate = pgEnum('board_template', [
  'word_wall',
  'start_stop_continue',
  'rose_thorn_bud',
  'free_columns',
]);

/** A reflection board's record; its cards live in the Yjs document `board:<id>`. */
export const boards = pgTable(
  'boards',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    /** A set's own board: only the set's members and facilitator can see it. */
    setId: uuid().references(() => learningSets.id, { onDelete: 'cascade' }),
    /** A project group's board: the group writes on it, its sponsors read it. */
    groupId: uuid().references(() => projectGroups.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    prompt: text().notNull().default(''),
    template: boardTemplate().notNull(),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.cohortId)],
);

/**
 * A card written while its board hides cards until they are revealed: kept here, seen only by
 * its writer, and moved into the board's document (then deleted) when a facilitator reveals.
 */
export const boardHeldCards = pgTable(
  'board_held_cards',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    columnId: text().notNull(),
    text: text().notNull(),
    colour: text().notNull(),
    anonymous: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.boardId, t.authorId)],
);
