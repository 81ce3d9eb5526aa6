import * as Y from 'yjs';
import type { BoardTemplate } from './boards.ts';

/**
 * The shape of a board's Yjs document, shared by the server (templates, anonymous cards,
 * export) and the client (the board itself).
 *
 * - `columns`: Y.Array of Y.Map { id, title }
 * - `cards`: Y.Map cardId → Y.Map { id, columnId, themeId, text, colour, authorId, createdAt, order }
 *   (`authorId` is null on anonymous cards, which only the server inserts)
 * - `themes`: Y.Map themeId → Y.Map { id, columnId, title }
 * - `votes`: Y.Map cardId → Y.Map userId → number of dots
 * - `comments`: Y.Map cardId → Y.Array of Y.Map { id, authorId, text, createdAt, resolved }
 * - `meta`: Y.Map written only by the server: the facilitation timer and the count of cards
 *   held until they are revealed (see `BoardMeta`)
 */
export interface BoardColumn {
  id: string;
  title: string;
}
export interface BoardCard {
  id: string;
  columnId: string;
  themeId: string | null;
  text: string;
  colour: string;
  authorId: string | null;
  createdAt: string;
  order: number;
}
export interface BoardTheme {
  id: string;
  columnId: string;
  title: string;
}

export const TEMPLATE_COLUMNS: Record<BoardTemplate, string[]> = {
  word_wall: ['Words'],
  start_stop_continue: ['Start', 'Stop', 'Continue'],
  rose_thorn_bud: ['Rose', 'Thorn', 'Bud'],
  free_columns: ['Column 1', 'Column 2'],
};

export function boardParts(doc: Y.Doc) {
  return {
    columns: doc.getArray<Y.Map<unknown>>('columns'),
    cards: doc.getMap<Y.Map<unknown>>('cards'),
    themes: doc.getMap<Y.Map<unknown>>('themes'),
    votes: doc.getMap<Y.Map<number>>('votes'),
    comments: doc.getMap<Y.Array<Y.Map<unknown>>>('comments'),
    meta: doc.getMap<unknown>('meta'),
  };
}

export interface BoardTimer {
  startedAt: string;
  endsAt: string;
  durationMs: number;
}
/** The part of a board the server alone writes, so everyone sees the same timer and count. */
export interface BoardMeta {
  timer: BoardTimer | null;
  /** Cards written while the board hides cards, waiting for the facilitator to reveal them. */
  heldCards: number;
  hiddenUntilRevealed: boolean;
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const { meta } = boardParts(doc);
  const timer = meta.get('timer');
  const heldCards = meta.get('heldCards');
  return {
    timer: timer && typeof timer === 'object' ? (timer as BoardTimer) : null,
    heldCards: typeof heldCards === 'number' ? heldCards : 0,
    hiddenUntilRevealed: meta.get('hiddenUntilRevealed') === true,
  };
}

export function writeMeta(doc: Y.Doc, patch: Partial<BoardMeta>) {
  const { meta } = boardParts(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) meta.set(key, value);
  });
}

function toMap(entries: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) map.set(k, v);
  return map;
}

/** The first content of a new board: its template's columns. */
export function initialiseBoard(doc: Y.Doc, template: BoardTemplate, newId: () => string) {
  const { columns } = boardParts(doc);
  doc.transact(() => {
    columns.push(TEMPLATE_COLUMNS[template].map((title) => toMap({ id: newId(), title })));
  });
}

export function addCard(doc: Y.Doc, card: BoardCard) {
  const { cards } = boardParts(doc);
  doc.transact(() => cards.set(card.id, toMap({ ...card })));
}

/** A plain, structured view of a board: columns, their themes, their cards, votes and comments. */
export function readBoard(doc: Y.Doc) {
  const { columns, cards, themes, votes, comments } = boardParts(doc);
  const allCards = [...cards.values()].map((m) => m.toJSON() as BoardCard);
  const allThemes = [...themes.values()]
    .map((m) => m.toJSON() as BoardTheme)
    // Map order differs between copies; ids (UUIDv7) sort by creation everywhere.
    .sort((a, b) => a.id.localeCompare(b.id));
  const voteCount = (cardId: string) =>
    [...(votes.get(cardId)?.values() ?? [])].reduce(
      (sum, n) => sum + (typeof n === 'number' ? n : 0),
      0,
    );
  const cardView = (c: BoardCard) => ({
    ...c,
    votes: voteCount(c.id),
    comments: comments.get(c.id)?.length ?? 0,
  });
  const byOrder = (a: BoardCard, b: BoardCard) =>
    a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  return columns.toArray().map((m) => {
    const column = m.toJSON() as BoardColumn;
    const inColumn = allCards.filter((c) => c.columnId === column.id).sort(byOrder);
    return {
      ...column,
      themes: allThemes
        .filter((t) => t.columnId === column.id)
        .map((t) => ({ ...t, cards: inColumn.filter((c) => c.themeId === t.id).map(cardView) })),
      cards: inColumn
        .filter((c) => !c.themeId || !allThemes.some((t) => t.id === c.themeId))
        .map(cardView),
    };
  });
}
export type BoardView = ReturnType<typeof readBoard>;
