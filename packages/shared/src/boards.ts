import { z } from 'zod';

export const BOARD_TEMPLATES = ['word_wall', 'start_stop_continue', 'rose_thorn_bud', 'free_columns'] as const;
export type BoardTemplate = (typeof BOARD_TEMPLATES)[number];

export const ZCreateBoardRequest = z
  .object({
    scope: z.object({ cohortId: z.uuid({ error: 'Choose a cohort' }) }).strict(),
    title: z.string().trim().min(1, 'Give the board a title').max(160, 'Use at most 160 characters'),
    prompt: z.string().trim().max(1000, 'Use at most 1000 characters').default(''),
    template: z.enum(BOARD_TEMPLATES, { error: 'Choose a template' }),
  })
  .strict();
export type TCreateBoardRequest = z.input<typeof ZCreateBoardRequest>;

/** Shared documents are named `<kind>:<id>` and served at `/collab/<name>`. */
export const DOC_KINDS = ['board'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const boardDocName = (boardId: string) => `board:${boardId}`;
