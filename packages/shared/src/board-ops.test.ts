import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initialiseBoard, readBoard } from './board-doc.ts';
import {
  addComment,
  addTheme,
  castVote,
  createCard,
  deleteCard,
  editCard,
  moveCard,
  readComments,
  removeTheme,
  setCommentResolved,
  votesUsed,
  withdrawVote,
} from './board-ops.ts';

let next = 0;
const newId = () => `id-${++next}`;

function board() {
  const doc = new Y.Doc();
  initialiseBoard(doc, 'start_stop_continue', newId);
  const [start, stop, cont] = readBoard(doc).map((c) => c.id) as [string, string, string];
  return { doc, start, stop, cont };
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const me = Symbol('me');
const card = (id: string, columnId: string, text = id) => ({
  id,
  columnId,
  text,
  colour: 'yellow',
  authorId: 'u1',
});
const texts = (doc: Y.Doc, column: number) =>
  (readBoard(doc)[column]?.cards ?? []).map((c) => c.text);

describe('board operations', () => {
  it('adds cards at the end of their column and moves one before another', () => {
    const { doc, start, stop } = board();
    createCard(doc, card('a', start), me);
    createCard(doc, card('b', start), me);
    createCard(doc, card('c', stop), me);
    expect(texts(doc, 0)).toEqual(['a', 'b']);
    moveCard(doc, 'c', { columnId: start, themeId: null, beforeId: 'a' }, me);
    expect(texts(doc, 0)).toEqual(['c', 'a', 'b']);
    expect(texts(doc, 1)).toEqual([]);
    moveCard(doc, 'c', { columnId: start, themeId: null, beforeId: 'b' }, me);
    expect(texts(doc, 0)).toEqual(['a', 'c', 'b']);
    moveCard(doc, 'a', { columnId: start, themeId: null }, me);
    expect(texts(doc, 0)).toEqual(['c', 'b', 'a']);
  });

  it('groups cards into a theme and leaves them in the column when the theme goes', () => {
    const { doc, start } = board();
    createCard(doc, card('a', start), me);
    createCard(doc, card('b', start), me);
    addTheme(doc, { id: 't', columnId: start, title: 'Listening' }, me);
    moveCard(doc, 'b', { columnId: start, themeId: 't' }, me);
    const column = readBoard(doc)[0]!;
    expect(column.themes[0]?.cards.map((c) => c.text)).toEqual(['b']);
    expect(column.cards.map((c) => c.text)).toEqual(['a']);
    removeTheme(doc, 't', me);
    expect(readBoard(doc)[0]?.themes).toEqual([]);
    expect(texts(doc, 0).sort()).toEqual(['a', 'b']);
  });

  it('keeps each person within their dot budget, across cards', () => {
    const { doc, start } = board();
    createCard(doc, card('a', start), me);
    createCard(doc, card('b', start), me);
    expect(castVote(doc, 'a', 'u1', 3, me)).toBe(true);
    expect(castVote(doc, 'a', 'u1', 3, me)).toBe(true);
    expect(castVote(doc, 'b', 'u1', 3, me)).toBe(true);
    expect(castVote(doc, 'b', 'u1', 3, me)).toBe(false);
    expect(castVote(doc, 'b', 'u2', 3, me)).toBe(true);
    expect(votesUsed(doc, 'u1')).toBe(3);
    expect(readBoard(doc)[0]?.cards.map((c) => c.votes)).toEqual([2, 2]);
    expect(withdrawVote(doc, 'a', 'u1', me)).toBe(true);
    expect(withdrawVote(doc, 'a', 'u2', me)).toBe(false);
    expect(castVote(doc, 'b', 'u1', 3, me)).toBe(true);
    expect(readBoard(doc)[0]?.cards.map((c) => c.votes)).toEqual([1, 3]);
  });

  it('keeps a resolvable comment thread per card, gone with the card', () => {
    const { doc, start } = board();
    createCard(doc, card('a', start), me);
    addComment(doc, 'a', { id: 'c1', authorId: 'u2', text: 'Say more?' }, me);
    addComment(doc, 'a', { id: 'c2', authorId: 'u1', text: 'Yes' }, me);
    setCommentResolved(doc, 'a', 'c1', true, me);
    expect(readComments(doc, 'a').map((c) => [c.text, c.resolved])).toEqual([
      ['Say more?', true],
      ['Yes', false],
    ]);
    castVote(doc, 'a', 'u1', 5, me);
    deleteCard(doc, 'a', me);
    expect(readComments(doc, 'a')).toEqual([]);
    expect(votesUsed(doc, 'u1')).toBe(0);
  });

  it('undoes only the changes made with one person’s origin', () => {
    const { doc, start } = board();
    const other = Symbol('other');
    const undo = new Y.UndoManager(
      [doc.getMap('cards'), doc.getMap('themes'), doc.getMap('votes'), doc.getMap('comments')],
      { trackedOrigins: new Set([me]), captureTimeout: 0 },
    );
    createCard(doc, card('mine', start), me);
    createCard(doc, card('theirs', start), other);
    editCard(doc, 'mine', { text: 'mine, edited' }, me);
    undo.undo();
    expect(texts(doc, 0)).toEqual(['mine', 'theirs']);
    undo.undo();
    expect(texts(doc, 0)).toEqual(['theirs']);
    undo.redo();
    expect(texts(doc, 0)).toEqual(['mine', 'theirs']);
    undo.destroy();
  });

  it('converges when three people make random changes with random syncs (seeded)', () => {
    // A small linear congruential generator: the same run every time.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
    const { doc: first, start, stop, cont } = board();
    const columns = [start, stop, cont];
    const people = [first, new Y.Doc(), new Y.Doc()];
    for (const doc of people.slice(1)) sync(first, doc);
    let cardNo = 0;
    for (let step = 0; step < 600; step++) {
      const who = Math.floor(random() * people.length);
      const doc = people[who]!;
      const ids = [...doc.getMap('cards').keys()];
      const roll = random();
      if (roll < 0.3 || ids.length === 0) {
        createCard(doc, card(`card-${who}-${++cardNo}`, pick(columns)), me);
      } else if (roll < 0.6) {
        moveCard(
          doc,
          pick(ids),
          { columnId: pick(columns), themeId: null, beforeId: pick([...ids, null]) },
          me,
        );
      } else if (roll < 0.7) {
        editCard(doc, pick(ids), { text: `edit ${step}` }, me);
      } else if (roll < 0.8) {
        castVote(doc, pick(ids), `person-${who}`, 10, me);
      } else if (roll < 0.85) {
        deleteCard(doc, pick(ids), me);
      } else if (roll < 0.9) {
        addComment(doc, pick(ids), { id: `c${step}`, authorId: `person-${who}`, text: 'hm' }, me);
      } else {
        const other = people[(who + 1 + Math.floor(random() * 2)) % people.length]!;
        sync(doc, other);
      }
    }
    sync(people[0]!, people[1]!);
    sync(people[1]!, people[2]!);
    sync(people[0]!, people[1]!);
    const views = people.map((doc) => JSON.stringify(readBoard(doc)));
    expect(views[1]).toBe(views[0]);
    expect(views[2]).toBe(views[0]);
    expect(readBoard(first).flatMap((c) => c.cards).length).toBeGreaterThan(10);
  });
});
