import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { writeCard } from '../../testing/collab-client.ts';
import { PDF } from '../../testing/multipart.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { rowsOf } from './documents.ts';
import { applyRetention } from './retention.ts';

describe.each(testDatabaseKinds())('cohort retention on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  const count = async (query: ReturnType<typeof sql>) =>
    Number(rowsOf<{ n: number }>(await server.db.db.execute(query))[0]!.n);

  it('takes months after the end, and deleting must come after archiving', async () => {
    const path = `/api/cohorts/${fx.cohortId}/retention`;
    const bad = await fx.clients.lead.request('PUT', path, {
      json: { archiveAfterMonths: 6, deleteAfterMonths: 3 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path)).toEqual(['deleteAfterMonths']);
    const fraction = await fx.clients.lead.request('PUT', path, {
      json: { archiveAfterMonths: 1.5, deleteAfterMonths: null },
    });
    expect(fraction.body.fields.map((f: { path: string }) => f.path)).toEqual([
      'archiveAfterMonths',
    ]);
    const kept = await fx.clients.lead.request('PUT', path, {
      json: { archiveAfterMonths: null, deleteAfterMonths: null },
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ archiveAfterMonths: null, deleteAfterMonths: null });
  });

  it('archives a cohort N months after its end, then deletes it and everything in it after M', async () => {
    const cohort = await fx.clients.lead.post('/api/cohorts', {
      name: 'Cohort 2: long gone',
      startsOn: '2026-01-10',
      endsOn: '2026-06-30',
    });
    const cohortId = cohort.body.id as string;
    const set = await fx.clients.lead.request('PUT', `/api/cohorts/${cohortId}/retention`, {
      json: { archiveAfterMonths: 3, deleteAfterMonths: 12 },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ endsOn: '2026-06-30', archiveAfterMonths: 3 });

    const board = await fx.clients.lead.post('/api/boards', {
      scope: { cohortId },
      title: 'Looking back',
      template: 'word_wall',
    });
    await writeCard(server, fx.clients.lead, board.body.docName, {
      id: 'c1',
      text: 'What we learned',
    });
    const group = await fx.clients.lead.post(`/api/cohorts/${cohortId}/groups`, { name: 'G' });
    // A file the group uploaded, put in the store as an upload would be.
    const files = server.features.files;
    const incoming = join(files.incomingDir, 'report.pdf');
    writeFileSync(incoming, PDF);
    const stored = { key: `${group.body.id}/${randomUUID()}` };
    await files.commit(incoming, stored.key);
    await server.db.db.insert(schema.groupResources).values({
      groupId: group.body.id,
      kind: 'file',
      title: 'Report',
      fileName: 'report.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      storageKey: stored.key,
    });
    expect((await server.features.files.read(stored.key)).size).toBe(PDF.length);
    const ctx = { ...server.features, logger: server.logger };

    // Two months after the end: nothing yet.
    expect(await applyRetention(ctx, new Date('2026-08-30T12:00:00Z'))).toEqual({
      archived: [],
      deleted: [],
    });
    expect((await fx.clients.lead.get(`/api/cohorts/${cohortId}`)).body.archived).toBe(false);

    // Three months after: archived, once, however many nodes sweep.
    const sweeps = await Promise.all([
      applyRetention(ctx, new Date('2026-09-30T12:00:00Z')),
      applyRetention(ctx, new Date('2026-09-30T12:00:00Z')),
    ]);
    expect(sweeps.flatMap((s) => s.archived).filter((id) => id === cohortId)).toHaveLength(1);
    expect((await fx.clients.lead.get(`/api/cohorts/${cohortId}`)).body.archived).toBe(true);

    // Twelve months after: deleted with its board document and stored file, once.
    const deletions = await Promise.all([
      applyRetention(ctx, new Date('2027-06-30T12:00:00Z')),
      applyRetention(ctx, new Date('2027-06-30T12:00:00Z')),
    ]);
    expect(deletions.flatMap((s) => s.deleted).filter((id) => id === cohortId)).toHaveLength(1);
    expect((await fx.clients.lead.get(`/api/cohorts/${cohortId}`)).status).toBe(404);
    expect((await fx.clients.lead.get(`/api/boards/${board.body.id}`)).status).toBe(404);
    expect(
      await count(
        sql`select count(*)::int as n from collab_updates where doc_name = ${board.body.docName}`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from collab_snapshots where doc_name = ${board.body.docName}`,
      ),
    ).toBe(0);
    await expect(server.features.files.read(stored.key)).rejects.toThrow();
    expect(
      await count(
        sql`select count(*)::int as n from audit_events where action = 'cohort.retention_deleted' and details->>'cohortId' = ${cohortId}`,
      ),
    ).toBe(1);
    expect(await count(sql`select count(*)::int as n from cohorts where id = ${fx.cohortId}`)).toBe(
      1,
    );
  });
});
