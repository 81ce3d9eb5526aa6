import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const emailDelivery = pgEnum('email_delivery', ['off', 'immediate', 'digest']);

/**
 * A person's choice for one category of notification (categories live in @colab/shared, so
 * adding one needs no migration). No row means the defaults.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: text().notNull(),
    inApp: boolean().notNull(),
    email: emailDelivery().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

/**
 * Kept apart from profiles, which are what a person tells others: nobody else sees these.
 * Made on first change, or by the first digest sent.
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The hour, in the person's own time zone, their daily digest goes out. */
    digestHour: smallint().notNull().default(7),
    /**
     * The person's local date of their last digest. Claiming it is what makes the digest
     * once a day, whichever node's sweep gets there first.
     */
    lastDigestOn: date({ mode: 'string' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('notification_settings_digest_hour', sql`${t.digestHour} between 0 and 23`)],
);
