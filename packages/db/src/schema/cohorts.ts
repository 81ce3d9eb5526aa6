import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { users } from './accounts.ts';

const id = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => uuidv7());
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const cohortRole = pgEnum('cohort_role', [
  'programme_lead',
  'facilitator',
  'participant',
  'sponsor',
]);

/** What a person tells others about themself; one row per account, made on first edit. */
export const profiles = pgTable('profiles', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  pronouns: text().notNull().default(''),
  bio: text().notNull().default(''),
  organisation: text().notNull().default(''),
  jobTitle: text().notNull().default(''),
  /** Chosen by the person; when null, their browser's zone is used. */
  timezone: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const cohorts = pgTable('cohorts', {
  id: id(),
  name: text().notNull(),
  programme: text().notNull().default(''),
  theme: text().notNull().default(''),
  description: text().notNull().default(''),
  startsOn: date({ mode: 'string' }).notNull(),
  endsOn: date({ mode: 'string' }).notNull(),
  timezone: text().notNull().default('Europe/London'),
  titlesAtTheDoor: boolean().notNull().default(true),
  archivedAt: timestamp({ withTimezone: true }),
  /** Retention: archived this many months after `endsOn`, deleted that many after; null keeps it. */
  archiveAfterMonths: integer(),
  deleteAfterMonths: integer(),
  /** Claimed by the retention sweep that deletes it, so several nodes never both do. */
  deletionStartedAt: timestamp({ withTimezone: true }),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: cohortRole().notNull(),
    joinedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index().on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    cohortId: uuid()
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    name: text(),
    role: cohortRole().notNull(),
    /** sha256 of the token; the token itself is only ever in the link. */
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.cohortId),
    // One open invitation per person per cohort: inviting again re-sends it.
    uniqueIndex('invitations_open_per_email')
      .on(t.cohortId, t.email)
      .where(sql`accepted_at is null and revoked_at is null`),
  ],
);

/** Who changed what, when: membership, roles, settings, and security-relevant actions. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    cohortId: uuid().references(() => cohorts.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    subjectUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  // The second serves the instance admin's log of every cohort, newest first.
  (t) => [index().on(t.cohortId, t.createdAt), index().on(t.createdAt)],
);
