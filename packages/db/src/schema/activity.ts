import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';

/** Who may see an activity: the whole cohort (given a permission), or one set or group. */
export const activityAudience = pgEnum('activity_audience', ['cohort', 'set', 'group']);

/**
 * What happened in a cohort, for its live feed: a board opened, a prompt published, a meeting
 * scheduled, an output published. Each row says who may see it, so the feed is filtered per
 * viewer by the same rules as the things themselves.
 */
export const cohortActivity = pgTable(
  'cohort_activity',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    audience: activityAudience().notNull(),
    /** The set or group, for those audiences. */
    audienceId: uuid(),
    /** For the cohort audience: the permission a viewer needs (e.g. boards.view). */
    permission: text().notNull().default('cohort.view'),
    kind: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The feed reads newest first by id (UUIDv7, so in time order).
  (t) => [index().on(t.cohortId, t.id)],
);
