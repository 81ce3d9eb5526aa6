import { type Database, schema } from '@colab/db';
import {
  addCard,
  boardDocName,
  boardParts,
  readBoard,
  type TCreateHeldCardRequest,
  writeMeta,
} from '@colab/shared';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { Conflict, NotFound } from '../../errors.ts';
import { isUuid } from '../cohorts/access.ts';
import { cohortAccessChanged } from '../cohorts/access-cache.ts';
import type { DocumentStore } from '../context.ts';
import { assertNotLockedFor, authorizeBoard, settingsOf } from './service.ts';

/**
 * Cards held until revealed. While a board hides cards, what people write stays in
 * `board_held_cards`, answered only to its writer; the shared document holds nothing of it but
 * a count. A facilitator's reveal moves every held card into the document in one change.
 */

type HeldRow = typeof schema.boardHeldCards.$inferSelect;

export function presentHeldCard(row: HeldRow) {
  return {
    id: row.id,
    columnId: row.columnId,
    text: row.text,
    colour: row.colour,
    anonymous: row.anonymous,
    createdAt: row.createdAt.toISOString(),
  };
}

async function heldTotal(db: Database, boardId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(schema.boardHeldCards)
    .where(eq(schema.boardHeldCards.boardId, boardId));
  return Number(row?.n ?? 0);
}

/** Writes how many cards wait into the document, so every screen shows the same count. */
async function publishHeldCount(db: Database, documents: DocumentStore, boardId: string) {
  const heldCards = await heldTotal(db, boardId);
  await documents.change(boardDocName(boardId), (doc) => writeMeta(doc, { heldCards }));
}

export async function holdCard(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
  input: Required<TCreateHeldCardRequest>,
) {
  const { board, access } = await authorizeBoard(db, actor, boardId, 'boards.contribute');
  const settings = settingsOf(board);
  if (!settings.hiddenUntilRevealed) {
    throw new Conflict('This board shows cards as they are written.', 'not_hidden');
  }
  assertNotLockedFor(board, access);
  if (input.anonymous && !settings.anonymousCards) {
    throw new Conflict('Anonymous cards are turned off on this board.', 'anonymous_cards_off');
  }
  const columns = await documents.read(boardDocName(boardId), readBoard);
  if (!columns.some((c) => c.id === input.columnId)) {
    throw new NotFound('No such column on this board.');
  }
  const [row] = await db
    .insert(schema.boardHeldCards)
    .values({ boardId, authorId: actor.userId, ...input })
    .returning();
  await publishHeldCount(db, documents, boardId);
  return row!;
}

export async function listHeldCards(db: Database, actor: Actor, boardId: string) {
  await authorizeBoard(db, actor, boardId, 'boards.view');
  const cards = await db
    .select()
    .from(schema.boardHeldCards)
    .where(
      and(
        eq(schema.boardHeldCards.boardId, boardId),
        eq(schema.boardHeldCards.authorId, actor.userId),
      ),
    )
    .orderBy(asc(schema.boardHeldCards.createdAt), asc(schema.boardHeldCards.id));
  return { cards, total: await heldTotal(db, boardId) };
}

/** The writer's own held card; anyone else is told it does not exist. */
async function ownHeldCard(db: Database, actor: Actor, boardId: string, cardId: string) {
  await authorizeBoard(db, actor, boardId, 'boards.contribute');
  if (!isUuid(cardId)) throw new NotFound('No such card.');
  const [row] = await db
    .select()
    .from(schema.boardHeldCards)
    .where(
      and(
        eq(schema.boardHeldCards.id, cardId),
        eq(schema.boardHeldCards.boardId, boardId),
        eq(schema.boardHeldCards.authorId, actor.userId),
      ),
    );
  if (!row) throw new NotFound('No such card.');
  return row;
}

export async function updateHeldCard(
  db: Database,
  actor: Actor,
  boardId: string,
  cardId: string,
  input: { text?: string | undefined; colour?: string | undefined },
) {
  await ownHeldCard(db, actor, boardId, cardId);
  const [row] = await db
    .update(schema.boardHeldCards)
    .set({
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.colour !== undefined ? { colour: input.colour } : {}),
    })
    .where(eq(schema.boardHeldCards.id, cardId))
    .returning();
  return row!;
}

export async function deleteHeldCard(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
  cardId: string,
) {
  await ownHeldCard(db, actor, boardId, cardId);
  await db.delete(schema.boardHeldCards).where(eq(schema.boardHeldCards.id, cardId));
  await publishHeldCount(db, documents, boardId);
}

export async function revealHeldCards(
  db: Database,
  documents: DocumentStore,
  actor: Actor,
  boardId: string,
) {
  const { board } = await authorizeBoard(db, actor, boardId, 'boards.create');
  // Hiding goes off first, so a card written from now on goes on the board, not into a pile
  // that this reveal has already read.
  await db
    .update(schema.boards)
    .set({ settings: await settingsWithHiddenOff(db, boardId), updatedAt: new Date() })
    .where(eq(schema.boards.id, boardId));
  cohortAccessChanged(db, board.cohortId);
  return revealAll(db, documents, boardId);
}

async function settingsWithHiddenOff(db: Database, boardId: string) {
  const [board] = await db.select().from(schema.boards).where(eq(schema.boards.id, boardId));
  return { ...settingsOf(board!), hiddenUntilRevealed: false };
}

/**
 * Moves every held card into the document in one change, then deletes the rows. Cards keep
 * their ids, so a reveal cut short between the two steps adds nothing twice when repeated.
 * Anonymous ones are written by the server with no author, like any anonymous card.
 */
async function revealAll(db: Database, documents: DocumentStore, boardId: string) {
  const held = await db
    .select()
    .from(schema.boardHeldCards)
    .where(eq(schema.boardHeldCards.boardId, boardId))
    .orderBy(asc(schema.boardHeldCards.createdAt), asc(schema.boardHeldCards.id));
  await documents.change(boardDocName(boardId), (doc) => {
    const { cards } = boardParts(doc);
    const columns = readBoard(doc);
    const lastOrder = new Map(
      columns.map((c) => [
        c.id,
        Math.max(0, ...[...c.cards, ...c.themes.flatMap((t) => t.cards)].map((card) => card.order)),
      ]),
    );
    for (const card of held) {
      if (cards.has(card.id)) continue;
      const column = columns.find((c) => c.id === card.columnId) ?? columns[0];
      if (!column) continue;
      const order = (lastOrder.get(column.id) ?? 0) + 1;
      lastOrder.set(column.id, order);
      addCard(doc, {
        id: card.id,
        columnId: column.id,
        themeId: null,
        text: card.text,
        colour: card.colour,
        authorId: card.anonymous ? null : card.authorId,
        createdAt: card.createdAt.toISOString(),
        order,
      });
    }
    writeMeta(doc, { hiddenUntilRevealed: false, heldCards: 0 });
  });
  if (held.length) {
    await db.delete(schema.boardHeldCards).where(
      inArray(
        schema.boardHeldCards.id,
        held.map((h) => h.id),
      ),
    );
  }
  return held.length;
}

/**
 * After a board's settings change: the document learns whether cards are hidden, and turning
 * hiding off reveals what was waiting (nobody's words silently vanish).
 */
export async function applyHiddenSetting(
  db: Database,
  documents: DocumentStore,
  board: typeof schema.boards.$inferSelect,
) {
  const hidden = settingsOf(board).hiddenUntilRevealed;
  if (hidden) {
    await documents.change(boardDocName(board.id), (doc) =>
      writeMeta(doc, { hiddenUntilRevealed: true }),
    );
  } else {
    await revealAll(db, documents, board.id);
  }
}
