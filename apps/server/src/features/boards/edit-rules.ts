import { type BoardActor, mayChangeCard, mayResolveComment } from '@colab/shared';
import * as Y from 'yjs';

/**
 * What a person may change on a board, checked on the server against each Yjs update before
 * it is applied, stored or relayed. The board's own code (board-ops.ts) only ever writes what
 * these rules allow; an update that breaks one was crafted by hand, and is refused whole.
 *
 * - Nobody writes `meta` (the timer, the count of held cards): the server alone does.
 * - A new card or comment carries its writer's own id as `authorId`: nobody posts in another's
 *   name, nor as "Anonymous" (anonymous cards are inserted by the server).
 * - Anyone who may write the board moves cards (`columnId`, `themeId`, `order`), themes and
 *   columns; a card's `text` and `colour`, and the card itself, are changed or removed only by
 *   its author or by those who run the cohort. Its `id`, `authorId` and `createdAt` are fixed.
 * - Dots: a person places and takes back only their own, within the board's budget. A card's
 *   dots and comment thread go only with the card (whoever may remove the card).
 * - A comment's `resolved` flag is set by its author, the card's author or those who run the
 *   cohort; nothing else in a comment changes, and a comment is removed only with its card.
 *
 * Other shared roots carry no rules (the board never writes them, and they reach nobody's view).
 */
export interface BoardWriter extends BoardActor {
  dotBudget: number;
}

const MOVABLE = new Set(['columnId', 'themeId', 'order']);
/**
 * What each level of a board's roots holds (board-doc.ts). The page reads them as such, so a
 * string where a card's map should be, or a shared type where a card's text should be, would
 * break the board for everyone who opens it.
 */
const SHAPES: Record<string, ('map' | 'array' | 'value')[]> = {
  columns: ['map', 'value'],
  cards: ['map', 'value'],
  themes: ['map', 'value'],
  votes: ['map', 'value'],
  comments: ['array', 'map', 'value'],
};
const AUTHORS_OWN = new Set(['text', 'colour']);

type Struct = Y.Item | Y.GC | Y.Skip;
type Container = { root: string } | { item: Y.Item };
interface Place {
  container: Container;
  key: string | null;
}
/** Where an item goes: the root it is under, then the key at each level (null in an array). */
interface Location {
  root: string;
  keys: (string | null)[];
  /** The type-holding items from the root down, one fewer than `keys`. */
  items: Y.Item[];
}
const INERT = 'inert';
const MISSING = 'missing';
type Resolved = Place | typeof INERT | typeof MISSING;

class Refusal extends Error {}

/** Why `update` may not be applied to `doc` by `writer`, or null when it may. */
export function boardUpdateRefusal(
  doc: Y.Doc,
  update: Uint8Array,
  writer: BoardWriter,
): string | null {
  try {
    new BoardUpdateCheck(doc, update, writer).run();
    return null;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    throw error;
  }
}

class BoardUpdateCheck {
  private readonly structs: Struct[];
  /** This update's deletions per client, sorted and merged, so a lookup is a binary search. */
  private readonly deletes = new Map<number, { clock: number; len: number }[]>();
  private readonly byClient = new Map<number, Struct[]>();
  private readonly places = new Map<Y.Item, Resolved>();
  /** New card and comment maps, and whether this update gave each its writer as author. */
  private readonly newAuthored = new Map<Y.Item, boolean>();
  /** The writer's dots per card as this update leaves them. */
  private readonly myDots = new Map<string, number>();

  constructor(
    private readonly doc: Y.Doc,
    update: Uint8Array,
    private readonly writer: BoardWriter,
  ) {
    const { structs, ds } = Y.decodeUpdate(update);
    this.structs = structs;
    for (const [client, ranges] of ds.clients) this.deletes.set(client, merged(ranges));
    for (const s of structs) {
      const list = this.byClient.get(s.id.client) ?? [];
      list.push(s);
      this.byClient.set(s.id.client, list);
    }
  }

  run() {
    for (const s of this.structs) if (s instanceof Y.Item && this.isNew(s)) this.checkInsert(s);
    for (const [item, authored] of this.newAuthored)
      if (!authored && !this.deletedHere(item.id)) throw notAuthor();
    this.checkDeletes();
    this.checkDotBudget();
  }

  private isNew(s: Struct): boolean {
    return s.id.clock + s.length > Y.getState(this.doc.store, s.id.client);
  }

  /** The struct holding `id`: the server's if it has it, else this update's, else none. */
  private lookUp(id: Y.ID): { struct: Y.Item | Y.GC; fresh: boolean } | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client))
      return { struct: Y.getItem(this.doc.store, id), fresh: false };
    const found = covering(this.byClient.get(id.client) ?? [], id.clock, (s) => s.id.clock);
    if (!found || found instanceof Y.Skip) return undefined;
    return { struct: found, fresh: true };
  }

  private placeOf(item: Y.Item, fresh: boolean): Resolved {
    if (!fresh) {
      const type = item.parent as Y.AbstractType<unknown>;
      const container: Container = type._item
        ? { item: type._item }
        : { root: Y.findRootTypeKey(type) };
      return { container, key: item.parentSub };
    }
    const known = this.places.get(item);
    if (known) return known;
    // Marked first, so an update whose items point at each other in a ring ends here.
    this.places.set(item, MISSING);
    const resolved = this.resolveNew(item);
    this.places.set(item, resolved);
    return resolved;
  }

  /** Where Yjs will put a new item (as Item.getMissing decides it), without applying it. */
  private resolveNew(item: Y.Item): Resolved {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { container: { root: parent }, key: item.parentSub };
    if (parent instanceof Y.ID) {
      const found = this.lookUp(parent);
      if (!found) return MISSING;
      const { struct } = found;
      if (struct instanceof Y.GC || !(struct.content instanceof Y.ContentType)) return INERT;
      return { container: { item: struct }, key: item.parentSub };
    }
    const left = item.origin ? this.lookUp(item.origin) : null;
    const right = item.rightOrigin ? this.lookUp(item.rightOrigin) : null;
    if (left === undefined || right === undefined) return MISSING;
    if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) return INERT;
    const neighbour = (left ?? right) as { struct: Y.Item; fresh: boolean } | null;
    if (!neighbour) return MISSING;
    return this.placeOf(neighbour.struct, neighbour.fresh);
  }

  private locate(place: Place): Location | typeof INERT | typeof MISSING {
    const keys: (string | null)[] = [place.key];
    const items: Y.Item[] = [];
    let container = place.container;
    while ('item' in container) {
      const holder = container.item;
      items.unshift(holder);
      const fresh = this.isNew(holder);
      const up = this.placeOf(holder, fresh);
      if (up === INERT || up === MISSING) return up;
      keys.unshift(up.key);
      container = up.container;
      if (keys.length > 8) throw new Refusal('A board is not nested this deep.');
    }
    return { root: container.root, keys, items };
  }

  private checkInsert(item: Y.Item) {
    const place = this.placeOf(item, true);
    if (place === INERT) return;
    if (place === MISSING)
      throw new Refusal('The update builds on changes the server does not have.');
    const at = this.locate(place);
    if (at === INERT) return;
    if (at === MISSING) throw new Refusal('The update builds on changes the server does not have.');
    this.checkShape(item, at);
    const value = item.content instanceof Y.ContentAny ? item.content.getContent()[0] : undefined;
    const holdsType = item.content instanceof Y.ContentType;
    switch (at.root) {
      case 'meta':
        throw new Refusal('The board’s timer and held cards are the server’s to change.');
      case 'cards':
        return this.insertInCards(item, at, value, holdsType);
      case 'votes':
        return this.insertInVotes(item, at, value);
      case 'comments':
        return this.insertInComments(item, at, value, holdsType);
    }
  }

  private checkShape(item: Y.Item, at: Location) {
    const shapes = SHAPES[at.root];
    if (!shapes || item.content instanceof Y.ContentDeleted || this.deletedHere(item.id)) return;
    const shape = shapes[at.keys.length - 1];
    const content = item.content;
    const fits =
      shape === 'value'
        ? content instanceof Y.ContentAny
        : content instanceof Y.ContentType &&
          (shape === 'map' ? content.type instanceof Y.Map : content.type instanceof Y.Array);
    if (!fits) throw new Refusal(`That does not fit a board’s ${at.root}.`);
  }

  private insertInCards(item: Y.Item, at: Location, value: unknown, holdsType: boolean) {
    const cardId = at.keys[0] as string;
    if (at.keys.length === 1) {
      const live = this.liveEntry('cards', cardId);
      if (live && !this.mayChangeCard(live))
        throw new Refusal('Only its author or a facilitator may replace a card.');
      if (holdsType && !this.newAuthored.has(item)) this.newAuthored.set(item, false);
      return;
    }
    const card = at.items[0]!;
    const field = at.keys[1] as string;
    if (this.isNew(card)) {
      if (field === 'authorId') this.authoredBy(card, item, value);
      return;
    }
    this.checkCardField(card, field);
  }

  private checkCardField(card: Y.Item, field: string) {
    if (MOVABLE.has(field)) return;
    if (AUTHORS_OWN.has(field)) {
      if (!this.mayChangeCard(card))
        throw new Refusal('Only its author or a facilitator may change a card’s words.');
      return;
    }
    throw new Refusal(`A card’s ${field} is fixed once it is written.`);
  }

  private insertInVotes(item: Y.Item, at: Location, value: unknown) {
    const cardId = at.keys[0] as string;
    if (at.keys.length === 1) {
      this.checkCardContainerReplaced(item, 'votes', cardId);
      return;
    }
    if (at.keys.length > 2 || at.keys[1] !== this.writer.userId)
      throw new Refusal('A person places and takes back only their own dots.');
    const dots = this.deletedHere(item.id) ? 0 : value;
    if (typeof dots !== 'number' || !Number.isInteger(dots) || dots < 0)
      throw new Refusal('Dots on a card are a whole number.');
    // Several values for one card in one update: count the largest, whichever Yjs keeps.
    this.myDots.set(cardId, Math.max(this.myDots.get(cardId) ?? 0, dots));
  }

  private insertInComments(item: Y.Item, at: Location, value: unknown, holdsType: boolean) {
    const cardId = at.keys[0] as string;
    if (at.keys.length === 1) {
      this.checkCardContainerReplaced(item, 'comments', cardId);
      return;
    }
    if (at.keys.length === 2) {
      if (holdsType && !this.newAuthored.has(item)) this.newAuthored.set(item, false);
      return;
    }
    const comment = at.items[1]!;
    const field = at.keys[2] as string;
    if (this.isNew(comment)) {
      if (field === 'authorId') this.authoredBy(comment, item, value);
      return;
    }
    this.checkCommentField(comment, cardId, field);
  }

  private checkCommentField(comment: Y.Item, cardId: string, field: string) {
    if (field !== 'resolved') throw new Refusal('A comment cannot be changed once written.');
    const author = mapOf(comment)?.get('authorId');
    const card = this.liveEntry('cards', cardId);
    const cardAuthor = card ? mapOf(card)?.get('authorId') : undefined;
    if (!mayResolveComment(this.writer, author, cardAuthor))
      throw new Refusal(
        'Only the comment’s author, the card’s author or a facilitator may resolve it.',
      );
  }

  /**
   * A card's dots or thread live in a map created by whoever places the first dot or comment;
   * two people doing that at once each create one, and Yjs keeps one of them. Replacing the
   * one the writer has seen (its `origin`) would wipe everyone else's, so that is only for
   * those who may remove the card.
   */
  private checkCardContainerReplaced(item: Y.Item, root: 'votes' | 'comments', cardId: string) {
    const live = this.liveEntry(root, cardId);
    if (!live || !item.origin) return;
    const replacesLive = Y.compareIDs(item.origin, live.lastId);
    if (replacesLive && !this.mayRemoveWithCard(cardId))
      throw new Refusal('A card’s dots and comments go only with the card.');
  }

  private checkDeletes() {
    for (const [client, ranges] of this.deletes) {
      const structs = this.doc.store.clients.get(client);
      if (!structs) continue;
      const known = Y.getState(this.doc.store, client);
      for (const { clock, len } of ranges) {
        if (clock >= known) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const struct = structs[i]!;
          if (struct.id.clock >= clock + len) break;
          if (struct instanceof Y.Item && !struct.deleted) this.checkDelete(struct);
        }
      }
    }
  }

  private checkDelete(item: Y.Item) {
    const place = this.placeOf(item, false);
    if (place === INERT || place === MISSING) return;
    const at = this.locate(place);
    if (at === INERT || at === MISSING) return;
    // Whatever goes with its container (a card's fields, dots, comments) is the container's
    // removal, decided there.
    if (at.items.some((holder) => holder.deleted || this.deletedHere(holder.id))) return;
    const cardId = at.keys[0] as string;
    switch (at.root) {
      case 'meta':
        throw new Refusal('The board’s timer and held cards are the server’s to change.');
      case 'cards':
        if (at.keys.length === 1) {
          if (!this.mayChangeCard(item))
            throw new Refusal('Only its author or a facilitator may remove a card.');
        } else this.checkCardField(at.items[0]!, at.keys[1] as string);
        return;
      case 'votes':
        if (at.keys.length === 1) {
          if (!this.mayRemoveWithCard(cardId))
            throw new Refusal('A card’s dots go only with the card.');
          this.myDots.set(cardId, 0);
        } else if (at.keys[1] !== this.writer.userId) {
          throw new Refusal('A person places and takes back only their own dots.');
        } else if (!this.myDots.has(cardId)) this.myDots.set(cardId, 0);
        return;
      case 'comments':
        if (at.keys.length === 1) {
          if (!this.mayRemoveWithCard(cardId))
            throw new Refusal('A card’s comments go only with the card.');
        } else if (at.keys.length === 2) {
          if (!this.writer.facilitates)
            throw new Refusal('A comment is removed only with its card.');
        } else this.checkCommentField(at.items[1]!, cardId, at.keys[2] as string);
        return;
    }
  }

  private checkDotBudget() {
    if (this.myDots.size === 0) return;
    let before = 0;
    let after = 0;
    for (const [cardId, entry] of this.doc.share.get('votes')?._map ?? []) {
      const perCard = entry.deleted ? undefined : mapOf(entry);
      const mine = Number(perCard?.get(this.writer.userId) ?? 0) || 0;
      before += mine;
      if (!this.myDots.has(cardId)) after += mine;
    }
    for (const dots of this.myDots.values()) after += dots;
    if (after > before && after > this.writer.dotBudget)
      throw new Refusal(
        `Each person has ${this.writer.dotBudget} dot${this.writer.dotBudget === 1 ? '' : 's'} on this board.`,
      );
  }

  /**
   * The current value at `key` of a root map. Read from the document's share rather than
   * through getMap, which would throw if a client had used the name for another type.
   */
  private liveEntry(root: string, key: string): Y.Item | undefined {
    const item = this.doc.share.get(root)?._map.get(key);
    return item && !item.deleted ? item : undefined;
  }

  private authoredBy(holder: Y.Item, authorItem: Y.Item, value: unknown) {
    if (this.deletedHere(holder.id)) return;
    if (value !== this.writer.userId || this.deletedHere(authorItem.id)) throw notAuthor();
    this.newAuthored.set(holder, true);
  }

  private mayChangeCard(card: Y.Item): boolean {
    return mayChangeCard(this.writer, mapOf(card)?.get('authorId'));
  }

  /** A card's dots and comments go with it: whoever may remove the card, or anyone once it is gone. */
  private mayRemoveWithCard(cardId: string): boolean {
    const card = this.liveEntry('cards', cardId);
    return !card || this.deletedHere(card.id) || this.mayChangeCard(card);
  }

  private deletedHere(id: Y.ID): boolean {
    return covering(this.deletes.get(id.client) ?? [], id.clock, (r) => r.clock) !== undefined;
  }
}

/** The entry of `sorted` (by start, not overlapping) whose span holds `clock`. */
function covering<T extends { length?: number; len?: number }>(
  sorted: T[],
  clock: number,
  startOf: (entry: T) => number,
): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = sorted[mid]!;
    const start = startOf(entry);
    if (clock < start) high = mid - 1;
    else if (clock >= start + (entry.length ?? entry.len ?? 0)) low = mid + 1;
    else return entry;
  }
  return undefined;
}

/** Deletion ranges sorted and merged (a hand-made update may repeat or overlap them). */
function merged(ranges: { clock: number; len: number }[]) {
  const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
  const out: { clock: number; len: number }[] = [];
  for (const { clock, len } of sorted) {
    const last = out[out.length - 1];
    if (last && clock <= last.clock + last.len)
      last.len = Math.max(last.len, clock + len - last.clock);
    else out.push({ clock, len });
  }
  return out;
}

function notAuthor() {
  return new Refusal('A new card or comment must carry its writer’s own id as authorId.');
}

function mapOf(item: Y.Item): Y.Map<unknown> | undefined {
  const content = item.content;
  return content instanceof Y.ContentType && content.type instanceof Y.Map
    ? (content.type as Y.Map<unknown>)
    : undefined;
}
