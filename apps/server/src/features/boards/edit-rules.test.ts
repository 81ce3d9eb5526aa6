import {
  addComment,
  addTheme,
  boardParts,
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
  writeMeta,
} from '@colab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BoardWriter, boardUpdateRefusal } from './edit-rules.ts';

const PAT = 'pat-participant';
const PAUL = 'paul-participant';
const FAY = 'fay-facilitator';
const writers: Record<string, BoardWriter> = {
  pat: { userId: PAT, facilitates: false, dotBudget: 3 },
  paul: { userId: PAUL, facilitates: false, dotBudget: 3 },
  fay: { userId: FAY, facilitates: true, dotBudget: 3 },
};
type Who = keyof typeof writers;

/** A board on the "server", and one client document per person, synced through the rules. */
function board() {
  const server = new Y.Doc();
  const { columns } = boardParts(server);
  for (const [id, title] of [
    ['start', 'Start'],
    ['stop', 'Stop'],
  ]) {
    const column = new Y.Map<unknown>();
    column.set('id', id);
    column.set('title', title);
    columns.push([column]);
  }
  writeMeta(server, { timer: null, heldCards: 0, hiddenUntilRevealed: false });
  const clients = new Map<Who, Y.Doc>();
  const clientOf = (who: Who) => {
    let doc = clients.get(who);
    if (!doc) {
      doc = new Y.Doc();
      clients.set(who, doc);
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
    return doc;
  };
  /**
   * What `who` changes in their own copy, then sends: null when the server applies it. A copy
   * whose change was refused is dropped, as a reload would: everything it sent after would
   * build on the refused change, and be refused too.
   */
  const change = (who: Who, edit: (doc: Y.Doc) => void, writer = writers[who]!) => {
    const doc = clientOf(who);
    const update = captured(doc, edit);
    const refusal = boardUpdateRefusal(server, update, writer);
    if (refusal === null) Y.applyUpdate(server, update);
    else clients.delete(who);
    return refusal;
  };
  return { server, clientOf, change };
}

function captured(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const keep = (update: Uint8Array) => updates.push(update);
  doc.on('update', keep);
  edit(doc);
  doc.off('update', keep);
  return Y.mergeUpdates(updates);
}

const card = (id: string, authorId: string | null, text = `card ${id}`) => ({
  id,
  columnId: 'start',
  text,
  colour: 'yellow',
  authorId,
});

describe('what each person may change on a board (server-side rules)', () => {
  it('lets everyone do everything the board itself offers them', () => {
    const { server, change } = board();
    const o = 'local';
    expect(change('pat', (d) => createCard(d, card('c1', PAT), o))).toBeNull();
    expect(change('paul', (d) => createCard(d, card('c2', PAUL), o))).toBeNull();
    // Anyone moves any card and groups cards into themes.
    expect(
      change('paul', (d) => moveCard(d, 'c1', { columnId: 'stop', themeId: null }, o)),
    ).toBeNull();
    expect(
      change('paul', (d) => addTheme(d, { id: 't1', columnId: 'stop', title: 'Pace' }, o)),
    ).toBeNull();
    expect(
      change('paul', (d) => moveCard(d, 'c1', { columnId: 'stop', themeId: 't1' }, o)),
    ).toBeNull();
    expect(change('pat', (d) => removeTheme(d, 't1', o))).toBeNull();
    // The author changes their own words.
    expect(
      change('pat', (d) => editCard(d, 'c1', { text: 'slow down', colour: 'pink' }, o)),
    ).toBeNull();
    // Dots: the first on a card creates its map; others add theirs; one is taken back.
    expect(change('paul', (d) => castVote(d, 'c1', PAUL, 3, o))).toBeNull();
    expect(change('pat', (d) => castVote(d, 'c1', PAT, 3, o))).toBeNull();
    expect(change('paul', (d) => castVote(d, 'c1', PAUL, 3, o))).toBeNull();
    expect(change('paul', (d) => withdrawVote(d, 'c1', PAUL, o))).toBeNull();
    // Comments: anyone writes one; the card's author resolves it.
    expect(
      change('paul', (d) => addComment(d, 'c1', { id: 'k1', authorId: PAUL, text: 'why?' }, o)),
    ).toBeNull();
    expect(change('pat', (d) => setCommentResolved(d, 'c1', 'k1', true, o))).toBeNull();
    // Those who run the cohort change and remove anyone's card, with its dots and comments.
    expect(change('fay', (d) => editCard(d, 'c2', { text: 'tidied' }, o))).toBeNull();
    expect(change('fay', (d) => deleteCard(d, 'c1', o))).toBeNull();
    // The author removes their own.
    expect(change('paul', (d) => deleteCard(d, 'c2', o))).toBeNull();

    const { cards, votes, comments } = boardParts(server);
    expect(cards.size).toBe(0);
    expect(votes.size).toBe(0);
    expect(comments.size).toBe(0);
  });

  it('keeps the whole of what went on between: edits made offline arrive as one update', () => {
    const { server, clientOf } = board();
    const paul = clientOf('paul');
    const update = captured(paul, (d) => {
      createCard(d, card('draft', PAUL), 'o');
      deleteCard(d, 'draft', 'o');
      createCard(d, card('kept', PAUL), 'o');
      castVote(d, 'kept', PAUL, 3, 'o');
      addComment(d, 'kept', { id: 'k', authorId: PAUL, text: 'note to self' }, 'o');
    });
    expect(boardUpdateRefusal(server, update, writers.paul!)).toBeNull();
    Y.applyUpdate(server, update);
    expect(boardParts(server).cards.get('kept')?.get('authorId')).toBe(PAUL);
    expect(votesUsed(server, PAUL)).toBe(1);
  });

  it('lets two people place the first dot on a card at the same moment', () => {
    const { server, change, clientOf } = board();
    expect(change('pat', (d) => createCard(d, card('c1', PAT), 'o'))).toBeNull();
    const pat = clientOf('pat');
    const paul = clientOf('paul');
    // Both create the card's dot map, neither having seen the other's.
    const fromPat = captured(pat, (d) => castVote(d, 'c1', PAT, 3, 'o'));
    const fromPaul = captured(paul, (d) => castVote(d, 'c1', PAUL, 3, 'o'));
    expect(boardUpdateRefusal(server, fromPat, writers.pat!)).toBeNull();
    Y.applyUpdate(server, fromPat);
    expect(boardUpdateRefusal(server, fromPaul, writers.paul!)).toBeNull();
  });

  it('refuses a card or comment in someone else’s name, or in nobody’s', () => {
    for (const who of ['paul', 'fay'] as const) {
      const { change } = board();
      expect(change(who, (d) => createCard(d, card('c1', PAT), 'o'))).toMatch(/authorId/);
      expect(change(who, (d) => createCard(d, card('c2', null), 'o'))).toMatch(/authorId/);
      expect(
        change(who, (d) => {
          const bare = new Y.Map<unknown>();
          bare.set('id', 'c3');
          bare.set('text', 'who wrote me?');
          boardParts(d).cards.set('c3', bare);
        }),
      ).toMatch(/authorId/);
    }
    const { change, server } = board();
    expect(change('pat', (d) => createCard(d, card('c1', PAT), 'o'))).toBeNull();
    expect(
      change('paul', (d) => addComment(d, 'c1', { id: 'k', authorId: PAT, text: 'I agree' }, 'o')),
    ).toMatch(/authorId/);
    expect(readCards(server)).toEqual([{ id: 'c1', authorId: PAT, text: 'card c1' }]);
    expect(readComments(server, 'c1')).toEqual([]);
  });

  it('keeps a card’s words and the card itself to its author and those who run the cohort', () => {
    const { change, server } = board();
    expect(change('pat', (d) => createCard(d, card('c1', PAT), 'o'))).toBeNull();
    expect(change('paul', (d) => editCard(d, 'c1', { text: 'rewritten' }, 'o'))).toMatch(
      /author or a facilitator/,
    );
    expect(change('paul', (d) => editCard(d, 'c1', { colour: 'blue' }, 'o'))).toMatch(
      /author or a facilitator/,
    );
    expect(change('paul', (d) => deleteCard(d, 'c1', 'o'))).toMatch(/author or a facilitator/);
    expect(
      change('paul', (d) => boardParts(d).cards.set('c1', mapOf(card('c1', PAUL, 'mine now')))),
    ).toMatch(/author or a facilitator/);
    expect(readCards(server)).toEqual([{ id: 'c1', authorId: PAT, text: 'card c1' }]);
    // A card's author and date are fixed, for everyone.
    for (const who of ['pat', 'fay'] as const) {
      expect(change(who, (d) => boardParts(d).cards.get('c1')?.set('authorId', PAUL))).toMatch(
        /fixed/,
      );
      expect(
        change(who, (d) => boardParts(d).cards.get('c1')?.set('createdAt', '2001-01-01')),
      ).toMatch(/fixed/);
    }
    expect(change('fay', (d) => editCard(d, 'c1', { text: 'tidied' }, 'o'))).toBeNull();
    expect(change('fay', (d) => deleteCard(d, 'c1', 'o'))).toBeNull();
  });

  it('keeps each person’s dots their own, within the board’s budget', () => {
    const { change, server } = board();
    expect(change('pat', (d) => createCard(d, card('c1', PAT), 'o'))).toBeNull();
    expect(change('pat', (d) => castVote(d, 'c1', PAT, 3, 'o'))).toBeNull();
    expect(change('paul', (d) => castVote(d, 'c1', PAT, 3, 'o'))).toMatch(/own dots/);
    expect(change('paul', (d) => withdrawVote(d, 'c1', PAT, 'o'))).toMatch(/own dots/);
    expect(change('paul', (d) => boardParts(d).votes.get('c1')?.set(PAUL, -2))).toMatch(
      /whole number/,
    );
    expect(change('paul', (d) => boardParts(d).votes.get('c1')?.set(PAUL, 3))).toBeNull();
    // A fourth dot over a budget of three, whatever the client counted.
    expect(change('paul', (d) => castVote(d, 'c1', PAUL, 99, 'o'))).toMatch(/3 dots/);
    // Wiping the card's dots by replacing its map, seen: only with the card.
    expect(change('paul', (d) => boardParts(d).votes.set('c1', new Y.Map<number>()))).toMatch(
      /go only with the card/,
    );
    expect(votesUsed(server, PAT)).toBe(1);
    expect(votesUsed(server, PAUL)).toBe(3);
    // Taking dots back is always allowed, even over a budget lowered since.
    expect(
      change('paul', (d) => withdrawVote(d, 'c1', PAUL, 'o'), { ...writers.paul!, dotBudget: 1 }),
    ).toBeNull();
  });

  it('lets a comment be resolved by its author, the card’s author or a facilitator, and changed by nobody', () => {
    const { change, server } = board();
    expect(change('pat', (d) => createCard(d, card('c1', PAT), 'o'))).toBeNull();
    expect(
      change('fay', (d) => addComment(d, 'c1', { id: 'k1', authorId: FAY, text: 'say more' }, 'o')),
    ).toBeNull();
    expect(change('paul', (d) => setCommentResolved(d, 'c1', 'k1', true, 'o'))).toMatch(/resolve/);
    const firstComment = (d: Y.Doc) => boardParts(d).comments.get('c1')!.get(0);
    expect(change('paul', (d) => firstComment(d).set('text', 'said less'))).toMatch(
      /cannot be changed/,
    );
    expect(change('fay', (d) => firstComment(d).set('text', 'said less'))).toMatch(
      /cannot be changed/,
    );
    expect(change('paul', (d) => boardParts(d).comments.get('c1')!.delete(0))).toMatch(
      /only with its card/,
    );
    expect(change('paul', (d) => boardParts(d).comments.set('c1', new Y.Array()))).toMatch(
      /go only with the card/,
    );
    expect(readComments(server, 'c1')).toMatchObject([{ text: 'say more', resolved: false }]);
    expect(change('pat', (d) => setCommentResolved(d, 'c1', 'k1', true, 'o'))).toBeNull();
    expect(change('fay', (d) => setCommentResolved(d, 'c1', 'k1', false, 'o'))).toBeNull();
    expect(change('fay', (d) => boardParts(d).comments.get('c1')!.delete(0))).toBeNull();
  });

  it('leaves the timer and the held-card count to the server, for every role', () => {
    for (const who of ['pat', 'fay'] as const) {
      const { change, server } = board();
      const timer = { startedAt: 'now', endsAt: 'later', durationMs: 1 };
      expect(change(who, (d) => writeMeta(d, { timer }))).toMatch(/server’s to change/);
      expect(change(who, (d) => boardParts(d).meta.delete('heldCards'))).toMatch(
        /server’s to change/,
      );
      expect(boardParts(server).meta.get('timer')).toBeNull();
      expect(boardParts(server).meta.get('heldCards')).toBe(0);
    }
  });

  it('refuses an update that builds on changes the server was never sent', () => {
    const { server, clientOf } = board();
    const paul = clientOf('paul');
    captured(paul, (d) => createCard(d, card('c1', PAUL), 'o'));
    const next = captured(paul, (d) => editCard(d, 'c1', { text: 'second thoughts' }, 'o'));
    expect(boardUpdateRefusal(server, next, writers.paul!)).toMatch(/does not have/);
  });

  it('refuses what does not fit the board’s shape, which would break the page for everyone', () => {
    const { change, server } = board();
    expect(change('pat', (d) => createCard(d, card('c1', PAT), 'o'))).toBeNull();
    expect(change('pat', (d) => boardParts(d).cards.set('c2', 'just a string' as never))).toMatch(
      /does not fit/,
    );
    expect(
      change('pat', (d) => {
        const shaped = mapOf(card('c3', PAT));
        shaped.set('text', new Y.Text('a shared text where a string belongs'));
        boardParts(d).cards.set('c3', shaped);
      }),
    ).toMatch(/does not fit/);
    expect(
      change('pat', (d) => {
        const thread = new Y.Array<unknown>();
        thread.push(['not a comment']);
        boardParts(d).comments.set('c1', thread as never);
      }),
    ).toMatch(/does not fit/);
    expect(change('fay', (d) => boardParts(d).columns.push(['Later' as never]))).toMatch(
      /does not fit/,
    );
    expect([...boardParts(server).cards.keys()]).toEqual(['c1']);
  });

  it('puts no rules on what the board does not hold', () => {
    const { change } = board();
    expect(change('paul', (d) => d.getArray('notes').push(['free text']))).toBeNull();
  });
});

function mapOf(entries: Record<string, unknown>) {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) map.set(k, v);
  return map;
}

function readCards(doc: Y.Doc) {
  return [...boardParts(doc).cards.values()].map((c) => ({
    id: c.get('id'),
    authorId: c.get('authorId'),
    text: c.get('text'),
  }));
}
