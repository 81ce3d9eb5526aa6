import { type Database, schema } from '@colab/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { authorizeBoard } from '../boards/service.ts';
import { authorizeCohort } from '../cohorts/access.ts';
import { groupAccess } from '../groups/access.ts';

export interface SearchResult {
  kind: 'board' | 'journal' | 'group-page' | 'evidence' | 'output';
  id: string;
  title: string;
  snippet: string;
  link: string;
  rank: number;
}

const LIMIT = 30;

/**
 * Full-text search (Postgres, English stemming) over what a person may see in a cohort:
 * its boards (theirs to see), their own journal, the pages and evidence of groups whose work
 * they may read, and the cohort's published outputs. Every candidate passes the same check
 * as opening it would, so a result never names what the person may not see.
 */
export async function search(db: Database, actor: Actor, cohortId: string, q: string) {
  await authorizeCohort(db, actor, cohortId, 'cohort.view');
  const query = sql`websearch_to_tsquery('english', ${q})`;
  const headline = (text: unknown) =>
    sql<string>`ts_headline('english', ${text}, ${query}, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1')`;
  const matches = (text: unknown) => sql`to_tsvector('english', ${text}) @@ ${query}`;
  const rank = (text: unknown) => sql<number>`ts_rank(to_tsvector('english', ${text}), ${query})`;
  const docText = (prefix: string, id: unknown) =>
    sql`coalesce((select ${schema.documentTexts.text} from ${schema.documentTexts} where ${schema.documentTexts.docName} = ${prefix} || ${id}::text), '')`;

  const boardText = sql`${schema.boards.title} || ' ' || ${schema.boards.prompt} || ' ' || ${docText('board:', schema.boards.id)}`;
  const boards = await db
    .select({
      id: schema.boards.id,
      title: schema.boards.title,
      snippet: headline(boardText),
      rank: rank(boardText),
    })
    .from(schema.boards)
    .where(and(eq(schema.boards.cohortId, cohortId), matches(boardText)))
    .orderBy(desc(rank(boardText)))
    .limit(LIMIT);

  const journalText = sql`${schema.journalEntries.title} || ' ' || ${docText('journal:', schema.journalEntries.id)}`;
  const journal = await db
    .select({
      id: schema.journalEntries.id,
      title: schema.journalEntries.title,
      snippet: headline(journalText),
      rank: rank(journalText),
    })
    .from(schema.journalEntries)
    .where(and(eq(schema.journalEntries.authorId, actor.userId), matches(journalText)))
    .orderBy(desc(rank(journalText)))
    .limit(LIMIT);

  const pageText = sql`${schema.projectGroups.name} || ' ' || ${schema.projectGroups.challenge} || ' ' || ${docText('group-page:', schema.projectGroups.id)}`;
  const pages = await db
    .select({
      id: schema.projectGroups.id,
      title: schema.projectGroups.name,
      snippet: headline(pageText),
      rank: rank(pageText),
    })
    .from(schema.projectGroups)
    .where(and(eq(schema.projectGroups.cohortId, cohortId), matches(pageText)))
    .limit(LIMIT);

  const evidenceText = sql`${schema.groupEvidence.title} || ' ' || ${schema.groupEvidence.body} || ' ' || ${schema.groupEvidence.source} || ' ' || array_to_string(${schema.groupEvidence.tags}, ' ')`;
  const evidence = await db
    .select({
      id: schema.groupEvidence.id,
      groupId: schema.groupEvidence.groupId,
      title: schema.groupEvidence.title,
      snippet: headline(evidenceText),
      rank: rank(evidenceText),
    })
    .from(schema.groupEvidence)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupEvidence.groupId))
    .where(and(eq(schema.projectGroups.cohortId, cohortId), matches(evidenceText)))
    .limit(LIMIT);

  const outputText = sql`${schema.groupOutputs.title} || ' ' || ${schema.groupOutputs.summary} || ' ' || ${schema.groupOutputs.theme} || ' ' || array_to_string(${schema.groupOutputs.keyFindings}, ' ')`;
  const outputs = await db
    .select({
      id: schema.groupOutputs.id,
      groupId: schema.groupOutputs.groupId,
      title: schema.groupOutputs.title,
      snippet: headline(outputText),
      rank: rank(outputText),
    })
    .from(schema.groupOutputs)
    .innerJoin(schema.projectGroups, eq(schema.projectGroups.id, schema.groupOutputs.groupId))
    .where(
      and(
        eq(schema.projectGroups.cohortId, cohortId),
        eq(schema.groupOutputs.status, 'published'),
        matches(outputText),
      ),
    )
    .limit(LIMIT);

  const may = (check: Promise<unknown>) =>
    check.then(
      () => true,
      () => false,
    );
  const readable = new Map<string, boolean>();
  const mayReadGroup = async (groupId: string) => {
    if (!readable.has(groupId))
      readable.set(groupId, await may(groupAccess(db, actor, groupId, 'read')));
    return readable.get(groupId)!;
  };
  const base = `/cohorts/${cohortId}`;
  const results: SearchResult[] = [];
  for (const b of boards) {
    if (await may(authorizeBoard(db, actor, b.id, 'boards.view')))
      results.push({
        kind: 'board',
        id: b.id,
        title: b.title,
        snippet: b.snippet,
        link: `${base}/boards/${b.id}`,
        rank: b.rank,
      });
  }
  for (const j of journal)
    results.push({
      kind: 'journal',
      id: j.id,
      title: j.title || 'Untitled entry',
      snippet: j.snippet,
      link: `/journal/${j.id}`,
      rank: j.rank,
    });
  for (const p of pages) {
    if (await mayReadGroup(p.id))
      results.push({
        kind: 'group-page',
        id: p.id,
        title: p.title,
        snippet: p.snippet,
        link: `${base}/groups/${p.id}`,
        rank: p.rank,
      });
  }
  for (const e of evidence) {
    if (await mayReadGroup(e.groupId))
      results.push({
        kind: 'evidence',
        id: e.id,
        title: e.title,
        snippet: e.snippet,
        link: `${base}/groups/${e.groupId}`,
        rank: e.rank,
      });
  }
  for (const o of outputs)
    results.push({
      kind: 'output',
      id: o.id,
      title: o.title,
      snippet: o.snippet,
      link: `${base}/showcase`,
      rank: o.rank,
    });
  return results.sort((a, b) => b.rank - a.rank).slice(0, LIMIT);
}
