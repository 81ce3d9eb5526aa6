import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { foldParts, foldStoredParts } from './fold.ts';

/** A board's stored parts: a snapshot of `cards` cards, then a log of small edits on it. */
function storedBoard(cards: number, edits: number): Uint8Array[] {
  const doc = new Y.Doc();
  const map = doc.getMap<Y.Map<unknown>>('cards');
  doc.transact(() => {
    for (let i = 0; i < cards; i++) {
      const card = new Y.Map<unknown>();
      card.set('id', `card-${i}`);
      card.set('text', `Card ${i}: what we noticed about trust and time this week`);
      map.set(`card-${i}`, card);
    }
  });
  const parts = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (update: Uint8Array) => parts.push(update));
  for (let i = 0; i < edits; i++) {
    if (i % 3 === 2) map.delete(`card-${i}`);
    else map.get(`card-${i}`)!.set('text', `Edited ${i}`);
  }
  doc.destroy();
  return parts;
}

function contentOf(update: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const json = doc.getMap('cards').toJSON();
  doc.destroy();
  return json;
}

describe('folding a stored document', () => {
  const parts = storedBoard(2_000, 300);
  const expected = contentOf(Y.mergeUpdates(parts));

  it('folds in place what is small, holding every edit and deletion', async () => {
    const folded = await foldStoredParts(parts, { inPlaceBelowBytes: Number.POSITIVE_INFINITY });
    expect(contentOf(folded)).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(1_900);
    // The same bytes as applying each part in a transaction of its own.
    const oneByOne = new Y.Doc();
    for (const part of parts) Y.applyUpdate(oneByOne, part);
    expect(folded).toEqual(Y.encodeStateAsUpdate(oneByOne));
    oneByOne.destroy();
  });

  it('folds on its thread what is large, to the same bytes, with the event loop free meanwhile', async () => {
    let turns = 0;
    let folding = true;
    const spin = () => {
      turns += 1;
      if (folding) setImmediate(spin);
    };
    setImmediate(spin);
    const folded = await foldStoredParts(parts, { inPlaceBelowBytes: 0 });
    folding = false;
    expect(folded).toEqual(foldParts(parts));
    expect(contentOf(folded)).toEqual(expected);
    // Folded in place, the loop would not have turned once until the fold was done.
    expect(turns).toBeGreaterThan(1);
  });

  it('rejects a part Yjs cannot read, and the thread folds the next one', async () => {
    const broken = [parts[0]!, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x01)];
    await expect(foldStoredParts(broken, { inPlaceBelowBytes: 0 })).rejects.toThrow();
    expect(contentOf(await foldStoredParts(parts, { inPlaceBelowBytes: 0 }))).toEqual(expected);
  });
});
