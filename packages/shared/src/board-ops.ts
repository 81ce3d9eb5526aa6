import * as Y from 'yjs';
import { type BoardCard, boardParts, readBoard } from './board-doc.ts';

/**
 * The changes people make on a board, as plain functions over its Y.Doc. Each runs in one
 * transaction with the caller's `origin`, so an UndoManager tracking that origin undoes
 * exactly one person's own changes.
 */

function toMap(entries: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) map.set(k, v);
  return map;
}

// Two people can put a card in the same place at once: the id breaks the tie, so every copy
// of the board shows the same order.
const byPlace = (a: BoardCard, b: BoardCard) =>
  a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function cardsIn(doc: Y.Doc, columnId: string, themeId: string | null, except?: string) {
  const { cards } = boardParts(doc);
  return [...cards.values()]
    .map((m) => m.toJSON() as BoardCard)
    .filter((c) => c.columnId === columnId && (c.themeId ?? null) === themeId && c.id !== except)
    .sort(byPlace);
}

/** An order number that sorts a card into `list` at `index` without touching the others. */
function orderAt(list: BoardCard[], index: number): number {
  const before = list[index - 1]?.order;
  const after = list[index]?.order;
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

export interface NewCard {
  id: string;
  columnId: string;
  themeId?: string | null;
  text: string;
  colour: string;
  authorId: string | null;
}

export function createCard(doc: Y.Doc, card: NewCard, origin: unknown, now = new Date()) {
  const themeId = card.themeId ?? null;
  const list = cardsIn(doc, card.columnId, themeId);
  const { cards } = boardParts(doc);
  doc.transact(() => {
    cards.set(
      card.id,
      toMap({
        ...card,
        themeId,
        createdAt: now.toISOString(),
        order: orderAt(list, list.length),
      }),
    );
  }, origin);
}

export function editCard(
  doc: Y.Doc,
  id: string,
  patch: { text?: string; colour?: string },
  origin: unknown,
) {
  const card = boardParts(doc).cards.get(id);
  if (!card) return;
  doc.transact(() => {
    if (patch.text !== undefined) card.set('text', patch.text);
    if (patch.colour !== undefined) card.set('colour', patch.colour);
  }, origin);
}

/** Removes a card with its dots and its comments. */
export function deleteCard(doc: Y.Doc, id: string, origin: unknown) {
  const { cards, votes, comments } = boardParts(doc);
  doc.transact(() => {
    cards.delete(id);
    votes.delete(id);
    comments.delete(id);
  }, origin);
}

/**
 * Moves a card into a column (and theme, or none), before `beforeId` or at the end. Only the
 * moved card changes, so two people moving different cards at once never undo each other.
 */
export function moveCard(
  doc: Y.Doc,
  id: string,
  to: { columnId: string; themeId: string | null; beforeId?: string | null },
  origin: unknown,
) {
  const card = boardParts(doc).cards.get(id);
  if (!card) return;
  const list = cardsIn(doc, to.columnId, to.themeId, id);
  const at = to.beforeId ? list.findIndex((c) => c.id === to.beforeId) : -1;
  const order = orderAt(list, at === -1 ? list.length : at);
  doc.transact(() => {
    card.set('columnId', to.columnId);
    card.set('themeId', to.themeId);
    card.set('order', order);
  }, origin);
}

export function addTheme(
  doc: Y.Doc,
  theme: { id: string; columnId: string; title: string },
  origin: unknown,
) {
  doc.transact(() => boardParts(doc).themes.set(theme.id, toMap(theme)), origin);
}

export function renameTheme(doc: Y.Doc, id: string, title: string, origin: unknown) {
  const theme = boardParts(doc).themes.get(id);
  if (theme) doc.transact(() => theme.set('title', title), origin);
}

/** Removes a theme; its cards stay in the column, ungrouped. */
export function removeTheme(doc: Y.Doc, id: string, origin: unknown) {
  const { themes, cards } = boardParts(doc);
  doc.transact(() => {
    themes.delete(id);
    for (const card of cards.values()) if (card.get('themeId') === id) card.set('themeId', null);
  }, origin);
}

/** Dots a person has placed across the whole board. */
export function votesUsed(doc: Y.Doc, userId: string): number {
  let used = 0;
  for (const perCard of boardParts(doc).votes.values()) used += perCard.get(userId) ?? 0;
  return used;
}

export function myVotesOn(doc: Y.Doc, cardId: string, userId: string): number {
  return boardParts(doc).votes.get(cardId)?.get(userId) ?? 0;
}

/** Places one dot on a card; false when the person has no dots left in their budget. */
export function castVote(
  doc: Y.Doc,
  cardId: string,
  userId: string,
  budget: number,
  origin: unknown,
): boolean {
  const { cards, votes } = boardParts(doc);
  if (!cards.has(cardId) || votesUsed(doc, userId) >= budget) return false;
  doc.transact(() => {
    let perCard = votes.get(cardId);
    if (!perCard) {
      perCard = new Y.Map<number>();
      votes.set(cardId, perCard);
    }
    perCard.set(userId, (perCard.get(userId) ?? 0) + 1);
  }, origin);
  return true;
}

/** Takes back one of the person's dots from a card; false when they had none there. */
export function withdrawVote(doc: Y.Doc, cardId: string, userId: string, origin: unknown) {
  const perCard = boardParts(doc).votes.get(cardId);
  const mine = perCard?.get(userId) ?? 0;
  if (!perCard || mine === 0) return false;
  doc.transact(() => {
    if (mine === 1) perCard.delete(userId);
    else perCard.set(userId, mine - 1);
  }, origin);
  return true;
}

export interface BoardComment {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  resolved: boolean;
}

export function addComment(
  doc: Y.Doc,
  cardId: string,
  comment: { id: string; authorId: string; text: string },
  origin: unknown,
  now = new Date(),
) {
  const { cards, comments } = boardParts(doc);
  if (!cards.has(cardId)) return;
  doc.transact(() => {
    let thread = comments.get(cardId);
    if (!thread) {
      thread = new Y.Array<Y.Map<unknown>>();
      comments.set(cardId, thread);
    }
    thread.push([toMap({ ...comment, createdAt: now.toISOString(), resolved: false })]);
  }, origin);
}

export function setCommentResolved(
  doc: Y.Doc,
  cardId: string,
  commentId: string,
  resolved: boolean,
  origin: unknown,
) {
  const thread = boardParts(doc).comments.get(cardId);
  const comment = thread?.toArray().find((m) => m.get('id') === commentId);
  if (comment) doc.transact(() => comment.set('resolved', resolved), origin);
}

export function readComments(doc: Y.Doc, cardId: string): BoardComment[] {
  const thread = boardParts(doc).comments.get(cardId);
  return thread ? thread.toArray().map((m) => m.toJSON() as BoardComment) : [];
}

/** Where a card sits: its column, theme and neighbours, as `readBoard` orders them. */
export function cardPlace(doc: Y.Doc, cardId: string) {
  for (const column of readBoard(doc)) {
    const lists = [
      { themeId: null as string | null, cards: column.cards },
      ...column.themes.map((t) => ({ themeId: t.id as string | null, cards: t.cards })),
    ];
    for (const list of lists) {
      const index = list.cards.findIndex((c) => c.id === cardId);
      if (index !== -1)
        return { columnId: column.id, themeId: list.themeId, index, list: list.cards };
    }
  }
  return null;
}
