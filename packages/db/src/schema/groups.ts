import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';

/**
 * A project group: a few participants from different organisations on one hard problem, with
 * sponsors who follow it. Its shared page is the Yjs document `group-page:<id>`.
 */
export const projectGroups = pgTable(
  'project_groups',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    challenge: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.cohortId)],
);

export const groupRole = pgEnum('group_role', ['member', 'sponsor']);

/** Members edit the group's work; sponsors read it (one of them may be the chief sponsor). */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid()
      .notNull()
      .references(() => projectGroups.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: groupRole().notNull(),
    chief: boolean().notNull().default(false),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index().on(t.userId)],
);
