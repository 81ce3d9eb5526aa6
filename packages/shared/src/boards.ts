import { z } from 'zod';

export const BOARD_TEMPLATES = [
  'word_wall',
  'start_stop_continue',
  'rose_thorn_bud',
  'free_columns',
] as const;
export type BoardTemplate = (typeof BOARD_TEMPLATES)[number];

export const ZBoardSettings = z
  .object({
    /** Cards the server inserts with no author. */
    anonymousCards: z.boolean(),
    /** Dots each person may place on the board. */
    voteBudget: z.number().int().min(0, 'Use 0 or more').max(50, 'Use at most 50'),
    /** Read-only for everyone but facilitators and leads. */
    locked: z.boolean(),
    /**
     * New cards are held by the server, seen only by their writer, until a facilitator
     * reveals them all at once.
     */
    hiddenUntilRevealed: z.boolean(),
  })
  .strict();
export type TBoardSettings = z.infer<typeof ZBoardSettings>;
export const DEFAULT_BOARD_SETTINGS: TBoardSettings = {
  anonymousCards: true,
  voteBudget: 5,
  locked: false,
  hiddenUntilRevealed: false,
};

export const ZCreateBoardRequest = z
  .object({
    /**
     * A cohort's board, an action learning set's own (seen by the set alone), or a project
     * group's (written by the group, read by its sponsors).
     */
    scope: z.union(
      [
        z.object({ cohortId: z.uuid({ error: 'Choose a cohort' }) }).strict(),
        z.object({ setId: z.uuid({ error: 'Choose a set' }) }).strict(),
        z.object({ groupId: z.uuid({ error: 'Choose a project group' }) }).strict(),
      ],
      { error: 'Give the board a cohort, a set or a project group' },
    ),
    title: z
      .string()
      .trim()
      .min(1, 'Give the board a title')
      .max(160, 'Use at most 160 characters'),
    prompt: z.string().trim().max(1000, 'Use at most 1000 characters').default(''),
    template: z.enum(BOARD_TEMPLATES, { error: 'Choose a template' }),
    settings: ZBoardSettings.partial().default({}),
  })
  .strict();
export type TCreateBoardRequest = z.input<typeof ZCreateBoardRequest>;

export const ZCreateCardRequest = z
  .object({
    columnId: z.string().min(1, 'Choose a column').max(64),
    text: z
      .string()
      .trim()
      .min(1, 'Write something on the card')
      .max(500, 'Use at most 500 characters'),
    colour: z.enum(['yellow', 'pink', 'blue', 'green', 'purple', 'orange']).default('yellow'),
  })
  .strict();
export type TCreateCardRequest = z.input<typeof ZCreateCardRequest>;

/** A card written while the board hides cards until they are revealed. */
export const ZCreateHeldCardRequest = ZCreateCardRequest.extend({
  /** Revealed without an author, as an anonymous card is. */
  anonymous: z.boolean().default(false),
}).strict();
export type TCreateHeldCardRequest = z.input<typeof ZCreateHeldCardRequest>;

export const ZUpdateHeldCardRequest = ZCreateCardRequest.pick({ text: true, colour: true })
  .partial()
  .strict();

/** The facilitation timer everyone on a board sees count down. */
export const ZStartTimerRequest = z
  .object({
    durationSeconds: z
      .number({ error: 'Give the timer a length in seconds' })
      .int('Use whole seconds')
      .min(10, 'Use at least 10 seconds')
      .max(2 * 60 * 60, 'Use at most two hours'),
  })
  .strict();

export const ZUpdateBoardRequest = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'Give the board a title')
      .max(160, 'Use at most 160 characters'),
    prompt: z.string().trim().max(1000, 'Use at most 1000 characters'),
    settings: ZBoardSettings.partial(),
  })
  .partial()
  .strict();

export const ZMentionRequest = z
  .object({
    cardId: z.string().min(1).max(64),
    userIds: z.array(z.uuid()).min(1, 'Mention at least one person').max(50),
    excerpt: z.string().trim().max(200).default(''),
  })
  .strict();

export const ZCreateJournalEntryRequest = z
  .object({
    title: z.string().trim().max(200, 'Use at most 200 characters').default(''),
    cohortId: z.uuid().optional(),
    /** Answering a prompt: it must be open, in a cohort the author belongs to. */
    promptId: z.uuid().optional(),
  })
  .strict();

/** Renaming an entry: its author only (anyone else gets 404, as for reading it). */
export const ZUpdateJournalEntryRequest = z
  .object({ title: z.string().trim().max(200, 'Use at most 200 characters') })
  .strict();

export const ZCreatePromptRequest = z
  .object({
    text: z.string().trim().min(1, 'Write the prompt').max(1000, 'Use at most 1000 characters'),
    opensAt: z.iso
      .datetime({ offset: true, error: 'Use a date and time like 2027-03-09T14:00:00Z' })
      .optional(),
  })
  .strict();

export const ZShareEntryRequest = z
  .object({ cohortId: z.uuid({ error: 'Choose a cohort' }) })
  .strict();

export const ZShareEntryWithSetRequest = z
  .object({ setId: z.uuid({ error: 'Choose a set' }) })
  .strict();

/** Shared documents are named `<kind>:<id>` and served at `/collab/<name>`. */
export const DOC_KINDS = ['board', 'journal'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const boardDocName = (boardId: string) => `board:${boardId}`;
export const journalDocName = (entryId: string) => `journal:${entryId}`;
