import { type Database, schema } from '@colab/db';
import { boardDocName, can, type TCreateBoardRequest } from '@colab/shared';
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound } from '../../errors.ts';
import { authorizeCohort, isUuid } from '../cohorts/access.ts';

type BoardRow = typeof schema.boards.$inferSelect;

export function presentBoard(board: BoardRow) {
  return {
    id: board.id,
    docName: boardDocName(board.id),
    cohortId: board.cohortId,
    title: board.title,
    prompt: board.prompt,
    template: board.template,
    createdAt: board.createdAt.toISOString(),
  };
}

export async function createBoard(
  db: Database,
  actor: Actor,
  input: Required<TCreateBoardRequest>,
) {
  await authorizeCohort(db, actor, input.scope.cohortId, 'boards.create');
  const [board] = await db
    .insert(schema.boards)
    .values({
      cohortId: input.scope.cohortId,
      title: input.title,
      prompt: input.prompt,
      template: input.template,
      createdBy: actor.userId,
    })
    .returning();
  return board!;
}

export async function listCohortBoards(db: Database, actor: Actor, cohortId: string) {
  await authorizeCohort(db, actor, cohortId, 'boards.view');
  return db
    .select()
    .from(schema.boards)
    .where(eq(schema.boards.cohortId, cohortId))
    .orderBy(asc(schema.boards.createdAt));
}

/**
 * What a person may do with a board's shared document: write, read, or nothing (NotFound or
 * Forbidden is thrown). Read-only: sponsors, and everyone once the cohort is archived.
 */
export async function boardDocumentAccess(
  db: Database,
  actor: Actor,
  boardId: string,
): Promise<'write' | 'read'> {
  if (!isUuid(boardId)) throw new NotFound('No such board.');
  const [board] = await db
    .select({ cohortId: schema.boards.cohortId })
    .from(schema.boards)
    .where(eq(schema.boards.id, boardId));
  if (!board) throw new NotFound('No such board.');
  const access = await authorizeCohort(db, actor, board.cohortId, 'boards.view');
  return can(access.subject, 'boards.contribute', { archived: access.archived }) ? 'write' : 'read';
}
