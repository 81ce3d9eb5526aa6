import type { Database } from '@colab/db';
import { type BoardTimer, boardDocName, type readBoard, readMeta, writeMeta } from '@colab/shared';
import type { Actor } from '../../auth/session.ts';
import type { DocumentStore } from '../context.ts';
import { authorizeBoard, presentBoard, readBoardForExport } from './service.ts';

/** The facilitation timer: the server's clock decides when it ends, for every screen alike. */
export async function startTimer(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
  durationSeconds: number,
  now = new Date(),
): Promise<BoardTimer> {
  await authorizeBoard(db, actor, boardId, 'boards.create');
  const durationMs = durationSeconds * 1000;
  const timer = {
    startedAt: now.toISOString(),
    endsAt: new Date(now.getTime() + durationMs).toISOString(),
    durationMs,
  };
  await documents.change(boardDocName(boardId), (doc) => writeMeta(doc, { timer }));
  return timer;
}

export async function stopTimer(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
) {
  await authorizeBoard(db, actor, boardId, 'boards.create');
  await documents.change(boardDocName(boardId), (doc) => writeMeta(doc, { timer: null }));
}

/**
 * The board as it stands, for reading without a live connection (sponsors, archived cohorts):
 * names resolved, anonymous cards without one, held cards never included.
 */
export async function snapshotBoard(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
  now = new Date(),
) {
  const { board, columns, authorName } = await readBoardForExport(db, documents, actor, boardId);
  const meta = await documents.read(boardDocName(boardId), readMeta);
  const named = <T extends { authorId: string | null }>(card: T) => ({
    ...card,
    authorName: card.authorId ? authorName(card.authorId) : null,
  });
  return {
    board: presentBoard(board),
    columns: columns.map((column: ReturnType<typeof readBoard>[number]) => ({
      ...column,
      cards: column.cards.map(named),
      themes: column.themes.map((t) => ({ ...t, cards: t.cards.map(named) })),
    })),
    meta: { timer: meta.timer, heldCards: meta.heldCards },
    takenAt: now.toISOString(),
  };
}
