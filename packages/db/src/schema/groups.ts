import {
  boolean,
  date,
  index,
  integer,
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

export const evidenceKind = pgEnum('evidence_kind', ['interview', 'observation', 'finding']);

/** What a group gathered: interviews, observations, and findings drawn from them. */
export const groupEvidence = pgTable(
  'group_evidence',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    groupId: uuid()
      .notNull()
      .references(() => projectGroups.id, { onDelete: 'cascade' }),
    kind: evidenceKind().notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    occurredOn: date({ mode: 'string' }),
    source: text().notNull().default(''),
    tags: text().array().notNull().default([]),
    gatheredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.groupId)],
);

/** A finding and the evidence behind it. */
export const findingEvidence = pgTable(
  'finding_evidence',
  {
    findingId: uuid()
      .notNull()
      .references(() => groupEvidence.id, { onDelete: 'cascade' }),
    evidenceId: uuid()
      .notNull()
      .references(() => groupEvidence.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.evidenceId] })],
);

/** A group's milestones, shown on the cohort calendar. */
export const groupMilestones = pgTable(
  'group_milestones',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    groupId: uuid()
      .notNull()
      .references(() => projectGroups.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    done: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.groupId)],
);

export const outputStatus = pgEnum('output_status', ['draft', 'submitted', 'published']);

/**
 * What a group shows for its work: drafted by the group, submitted, then published by a
 * facilitator (or sent back with a comment). Published outputs are the cohort's showcase.
 */
export const groupOutputs = pgTable(
  'group_outputs',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    groupId: uuid()
      .notNull()
      .references(() => projectGroups.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    summary: text().notNull().default(''),
    theme: text().notNull().default(''),
    keyFindings: text().array().notNull().default([]),
    filmUrl: text(),
    status: outputStatus().notNull().default('draft'),
    /** Why a facilitator sent it back, until it is submitted again. */
    returnComment: text(),
    /** The running order at the celebration event. */
    position: integer(),
    /** sha256 of the public link's token, set while the link is on; a new one replaces (revokes) the old,
     * and the link itself is shown once, when made. */
    publicTokenHash: text().unique(),
    submittedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.groupId)],
);

/** A sponsor's (or anyone's in the cohort) feedback on a published output, and the group's answer. */
export const outputFeedback = pgTable(
  'output_feedback',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    outputId: uuid()
      .notNull()
      .references(() => groupOutputs.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    answer: text(),
    answeredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.outputId)],
);

export const resourceKind = pgEnum('resource_kind', ['file', 'link']);

/** A group's links and uploaded files. Files live in the file store under `storageKey`. */
export const groupResources = pgTable(
  'group_resources',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    groupId: uuid()
      .notNull()
      .references(() => projectGroups.id, { onDelete: 'cascade' }),
    kind: resourceKind().notNull(),
    title: text().notNull(),
    url: text(),
    fileName: text(),
    contentType: text(),
    size: integer(),
    storageKey: text(),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.groupId)],
);

export const outputMediaKind = pgEnum('output_media_kind', ['cover', 'film', 'report']);

/**
 * An output's uploaded cover image, film and report: at most one of each, replaced whole. The
 * bytes live in the file store under `storageKey`.
 */
export const outputMedia = pgTable(
  'output_media',
  {
    outputId: uuid()
      .notNull()
      .references(() => groupOutputs.id, { onDelete: 'cascade' }),
    kind: outputMediaKind().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    storageKey: text().notNull(),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.outputId, t.kind] })],
);
