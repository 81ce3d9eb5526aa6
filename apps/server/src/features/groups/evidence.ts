import { type Database, schema } from '@colab/db';
import type { TCreateEvidenceRequest } from '@colab/shared';
import { and, arrayContains, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/session.ts';
import { NotFound, ValidationFailed } from '../../errors.ts';
import { isUuid } from '../cohorts/access.ts';
import { groupAccess } from './access.ts';

type EvidenceRow = typeof schema.groupEvidence.$inferSelect;
type Db = Pick<Database, 'select' | 'insert' | 'delete'>;
type EvidenceInput = Required<Omit<TCreateEvidenceRequest, 'occurredOn'>> & {
  occurredOn: string | null;
};

/**
 * A group's evidence log: interviews, observations and findings, each finding linked to the
 * evidence behind it. Members write; sponsors and those who run the cohort read.
 */
function present(
  e: EvidenceRow,
  names: Map<string, string>,
  links: { findingId: string; evidenceId: string }[],
) {
  return {
    id: e.id,
    groupId: e.groupId,
    kind: e.kind,
    title: e.title,
    body: e.body,
    occurredOn: e.occurredOn,
    source: e.source,
    tags: e.tags,
    gatheredBy: e.gatheredBy
      ? { userId: e.gatheredBy, displayName: names.get(e.gatheredBy) ?? '' }
      : null,
    evidenceIds: links.filter((l) => l.findingId === e.id).map((l) => l.evidenceId),
    usedBy: links.filter((l) => l.evidenceId === e.id).map((l) => l.findingId),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

async function presentAll(db: Database, rows: EvidenceRow[]) {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .select()
        .from(schema.findingEvidence)
        .where(inArray(schema.findingEvidence.findingId, ids))
        .union(
          db
            .select()
            .from(schema.findingEvidence)
            .where(inArray(schema.findingEvidence.evidenceId, ids)),
        )
    : [];
  const people = [...new Set(rows.map((r) => r.gatheredBy).filter((id): id is string => !!id))];
  const names = new Map(
    (people.length
      ? await db
          .select({ id: schema.users.id, name: schema.users.name })
          .from(schema.users)
          .where(inArray(schema.users.id, people))
      : []
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => present(r, names, links));
}

/** Links a finding to evidence of the same group (and only to evidence that is not a finding). */
async function linkEvidence(tx: Db, finding: EvidenceRow, evidenceIds: string[]) {
  await tx.delete(schema.findingEvidence).where(eq(schema.findingEvidence.findingId, finding.id));
  const unique = [...new Set(evidenceIds)];
  if (unique.length === 0) return;
  if (finding.kind !== 'finding')
    throw new ValidationFailed([
      { path: 'evidenceIds', message: 'Only a finding links to evidence' },
    ]);
  const found = await tx
    .select({ id: schema.groupEvidence.id })
    .from(schema.groupEvidence)
    .where(
      and(
        inArray(schema.groupEvidence.id, unique),
        eq(schema.groupEvidence.groupId, finding.groupId),
        inArray(schema.groupEvidence.kind, ['interview', 'observation']),
      ),
    );
  if (found.length !== unique.length)
    throw new ValidationFailed([
      { path: 'evidenceIds', message: 'Link only interviews and observations of this group' },
    ]);
  await tx
    .insert(schema.findingEvidence)
    .values(unique.map((evidenceId) => ({ findingId: finding.id, evidenceId })));
}

export async function addEvidence(
  db: Database,
  actor: Actor,
  groupId: string,
  input: EvidenceInput,
) {
  const { group } = await groupAccess(db, actor, groupId, 'write');
  const { evidenceIds, ...fields } = input;
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.groupEvidence)
      .values({ ...fields, groupId: group.id, gatheredBy: actor.userId })
      .returning();
    await linkEvidence(tx, row!, evidenceIds);
    return row!;
  });
  return (await presentAll(db, [row]))[0]!;
}

export async function listEvidence(
  db: Database,
  actor: Actor,
  groupId: string,
  filter: { kind?: EvidenceRow['kind'] | undefined; tag?: string | undefined },
) {
  const { group } = await groupAccess(db, actor, groupId, 'read');
  const rows = await db
    .select()
    .from(schema.groupEvidence)
    .where(
      and(
        eq(schema.groupEvidence.groupId, group.id),
        filter.kind ? eq(schema.groupEvidence.kind, filter.kind) : undefined,
        filter.tag ? arrayContains(schema.groupEvidence.tags, [filter.tag]) : undefined,
      ),
    )
    .orderBy(desc(schema.groupEvidence.createdAt), asc(schema.groupEvidence.id));
  const allTags = await db
    .select({ tags: schema.groupEvidence.tags })
    .from(schema.groupEvidence)
    .where(eq(schema.groupEvidence.groupId, group.id));
  return {
    evidence: await presentAll(db, rows),
    tags: [...new Set(allTags.flatMap((t) => t.tags))].sort(),
  };
}

async function loadEvidence(
  db: Database,
  actor: Actor,
  evidenceId: string,
  need: 'read' | 'write',
) {
  if (!isUuid(evidenceId)) throw new NotFound('No such evidence.');
  const [row] = await db
    .select()
    .from(schema.groupEvidence)
    .where(eq(schema.groupEvidence.id, evidenceId));
  if (!row) throw new NotFound('No such evidence.');
  await groupAccess(db, actor, row.groupId, need).catch((error) => {
    if (error instanceof NotFound) throw new NotFound('No such evidence.');
    throw error;
  });
  return row;
}

export async function updateEvidence(
  db: Database,
  actor: Actor,
  evidenceId: string,
  input: Partial<EvidenceInput>,
) {
  const row = await loadEvidence(db, actor, evidenceId, 'write');
  const { evidenceIds, ...fields } = input;
  const updated = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.groupEvidence)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(schema.groupEvidence.id, row.id))
      .returning();
    if (evidenceIds) await linkEvidence(tx, updated!, evidenceIds);
    return updated!;
  });
  return (await presentAll(db, [updated]))[0]!;
}

export async function deleteEvidence(db: Database, actor: Actor, evidenceId: string) {
  const row = await loadEvidence(db, actor, evidenceId, 'write');
  await db.delete(schema.groupEvidence).where(eq(schema.groupEvidence.id, row.id));
}
