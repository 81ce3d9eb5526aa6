import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@colab/db';
import {
  boardDocName,
  boardParts,
  FORMER_MEMBER_ID,
  FORMER_MEMBER_NAME,
  groupPageDocName,
} from '@colab/shared';
import { inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';

/**
 * Shared documents whose stored bytes hold this text anywhere: in the current state or in
 * content deleted since, which the update log keeps until it is re-encoded. Yjs writes strings
 * (ids as map values and keys) as plain UTF-8, so a byte search finds every card, comment and
 * vote a person ever left, even on boards they have since left or cards since deleted.
 */
export async function documentsHolding(db: Database, text: string): Promise<string[]> {
  const needle = sql`convert_to(${text}, 'UTF8')`;
  const rows = await db.execute<{ doc_name: string }>(sql`
    select distinct doc_name from ${schema.collabUpdates} where position(${needle} in data) > 0
    union
    select doc_name from ${schema.collabSnapshots} where position(${needle} in data) > 0`);
  return rowsOf<{ doc_name: string }>(rows)
    .map((r) => r.doc_name)
    .sort();
}

/** drizzle's execute answers rows on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** What one person wrote on a board: their cards, comments and dots. */
export function boardContributions(doc: Y.Doc, userId: string) {
  const { cards, comments, votes } = boardParts(doc);
  return {
    cards: [...cards.values()]
      .map((c) => c.toJSON() as Record<string, unknown>)
      .filter((c) => c.authorId === userId),
    comments: [...comments.entries()].flatMap(([cardId, list]) =>
      list
        .toArray()
        .map((c) => ({ cardId, ...(c.toJSON() as { authorId?: unknown }) }))
        .filter((c) => c.authorId === userId),
    ),
    votes: [...votes.entries()]
      .filter(([, byUser]) => byUser.has(userId))
      .map(([cardId, byUser]) => ({ cardId, dots: byUser.get(userId) })),
  };
}

/**
 * Their cards and comments stay, written by a former member; their dots stay counted under a
 * key of their own that names nobody. Returns whether anything changed.
 */
export function forgetBoardAuthor(doc: Y.Doc, userId: string): boolean {
  const { cards, comments, votes } = boardParts(doc);
  let changed = false;
  for (const card of cards.values()) {
    if (card.get('authorId') === userId) {
      card.set('authorId', FORMER_MEMBER_ID);
      changed = true;
    }
  }
  for (const list of comments.values()) {
    for (const comment of list.toArray()) {
      if (comment.get('authorId') === userId) {
        comment.set('authorId', FORMER_MEMBER_ID);
        changed = true;
      }
    }
  }
  for (const byUser of votes.values()) {
    const dots = byUser.get(userId);
    if (dots === undefined) continue;
    byUser.delete(userId);
    // Each erased voter keeps a distinct key so two former members' dots never merge.
    byUser.set(`${FORMER_MEMBER_ID}:${randomUUID()}`, dots);
    changed = true;
  }
  return changed;
}

/**
 * Their @mentions on a page stay, naming a former member: the mention's id and label (their
 * name) are replaced. Returns whether anything changed.
 */
export function forgetPageMentions(doc: Y.Doc, userId: string): boolean {
  let changed = false;
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'mention' && child.getAttribute('id') === userId) {
        child.setAttribute('id', FORMER_MEMBER_ID);
        child.setAttribute('label', FORMER_MEMBER_NAME);
        changed = true;
      }
      walk(child);
    }
  };
  walk(doc.getXmlFragment('prosemirror'));
  return changed;
}

/**
 * Every shared document of these cohorts a person could have typed into: their boards (the
 * cohort's, its sets' and its groups') and its groups' pages. Yjs keys what it keeps of deleted
 * text by client, not by person, and who was in which group is not kept once they leave it,
 * so the cohort is the narrowest unit that surely holds all they wrote and deleted.
 */
export async function documentsOfCohorts(db: Database, cohortIds: string[]): Promise<string[]> {
  if (cohortIds.length === 0) return [];
  const boards = await db
    .select({ id: schema.boards.id })
    .from(schema.boards)
    .where(inArray(schema.boards.cohortId, cohortIds));
  const groups = await db
    .select({ id: schema.projectGroups.id })
    .from(schema.projectGroups)
    .where(inArray(schema.projectGroups.cohortId, cohortIds));
  return [
    ...boards.map((b) => boardDocName(b.id)),
    ...groups.map((g) => groupPageDocName(g.id)),
  ].sort();
}
