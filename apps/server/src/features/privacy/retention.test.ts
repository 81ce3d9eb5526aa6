import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { waitFor, writeCard } from '../../testing/collab-client.ts';
import { PDF } from '../../testing/multipart.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { rowsOf } from './documents.ts';
import { applyRetention, scheduleRetention } from './retention.ts';

describe.each(testDatabaseKinds())('cohort retention on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      database,
      // These tests sweep at dates of their own, all before today: the server's own sweep
      // would act on their cohorts first.
      retention: false,
      logger: createLogger({ logLevel: 'info' }, sink(lines)),
    });
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
      authorId: fx.userIds.lead,
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
    const ctx = { ...server.features, logger: server.logger.child({ module: 'retention' }) };

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
    // Audited once, as nobody's doing: the sweep acted, not a person.
    const audit = await fx.clients.lead.get(`/api/cohorts/${cohortId}/audit`);
    expect(
      audit.body.events.filter((e: { action: string }) => e.action === 'cohort.retention_archived'),
    ).toEqual([expect.objectContaining({ cohortId, actorId: null, subjectUserId: null })]);
    expect(logged(lines, 'retention: cohort archived', cohortId)).toEqual([
      expect.objectContaining({ module: 'retention', cohort: 'Cohort 2: long gone' }),
    ]);

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
    expect(logged(lines, 'retention: cohort deleted', cohortId)).toEqual([
      expect.objectContaining({ module: 'retention', boards: 1, groups: 1, files: 1 }),
    ]);
    expect(await count(sql`select count(*)::int as n from cohorts where id = ${fx.cohortId}`)).toBe(
      1,
    );
  });

  it('archives a cohort before deleting it, even when its rules arrive between the two steps of a sweep', async () => {
    const endedCohort = async (name: string) =>
      (
        await fx.clients.lead.post('/api/cohorts', {
          name,
          startsOn: '2024-09-01',
          endsOn: '2025-01-31',
        })
      ).body.id as string;
    const setRules = (id: string, json: object) =>
      fx.clients.lead.request('PUT', `/api/cohorts/${id}/retention`, { json });
    const first = await endedCohort('Archived in the sweep');
    const late = await endedCohort('Rules set mid-sweep');
    expect((await setRules(first, { archiveAfterMonths: 1, deleteAfterMonths: null })).status).toBe(
      200,
    );
    const ctx = { ...server.features, logger: server.logger.child({ module: 'retention' }) };
    // The sweep archives `first`, and before it looks for what to delete, the lead sets
    // `late`'s rules: due for archiving and deletion both, as a slow sweep can meet them.
    const racing = {
      ...ctx,
      documents: {
        ...ctx.documents,
        async reauthorize(filter: Parameters<typeof ctx.documents.reauthorize>[0]) {
          await ctx.documents.reauthorize(filter);
          const set = await setRules(late, { archiveAfterMonths: 1, deleteAfterMonths: 2 });
          expect(set.status).toBe(200);
        },
      },
    };
    const at = new Date('2025-04-30T12:00:00Z');
    const sweep = await applyRetention(racing, at);
    expect(sweep.archived).toContain(first);
    expect(sweep.deleted).not.toContain(late);
    expect((await fx.clients.lead.get(`/api/cohorts/${late}`)).body.archived).toBe(false);

    // The next sweep archives it, then deletes it.
    const next = await applyRetention(ctx, at);
    expect(next).toEqual({ archived: [late], deleted: [late] });
    expect(logged(lines, 'retention: cohort archived', late)).toHaveLength(1);
    expect(logged(lines, 'retention: cohort deleted', late)).toHaveLength(1);
  });

  it('runs one sweep at a time, and stopping waits for the one under way', async () => {
    const db = server.features.db;
    let inFlight = 0;
    let most = 0;
    // Every statement takes 50 ms, ten times the interval: sweeps would pile up if allowed.
    const slowDb = Object.create(db, {
      execute: {
        value: async (query: Parameters<typeof db.execute>[0]) => {
          most = Math.max(most, ++inFlight);
          try {
            await new Promise((r) => setTimeout(r, 50));
            return await db.execute(query);
          } finally {
            inFlight--;
          }
        },
      },
    }) as typeof db;
    const sweeps = scheduleRetention(
      { ...server.features, db: slowDb, logger: server.logger.child({ module: 'retention' }) },
      { firstAfterMs: 0, everyMs: 5 },
    );
    await new Promise((r) => setTimeout(r, 400));
    await sweeps.stop();
    expect(inFlight).toBe(0);
    expect(most).toBe(1);
  });
});

describe.each(testDatabaseKinds())('the server’s own retention sweep on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      database,
      // Sooner and more often than the real schedule, so a cohort set up after start is
      // swept while the test waits.
      retention: { firstAfterMs: 100, everyMs: 200 },
      logger: createLogger({ logLevel: 'info' }, sink(lines)),
    });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('archives and deletes what fell due without being asked, and logs and audits each', async () => {
    const cohortFor = async (name: string, retention: object) => {
      const cohort = await fx.clients.lead.post('/api/cohorts', {
        name,
        startsOn: '2019-09-01',
        endsOn: '2020-01-31',
      });
      const id = cohort.body.id as string;
      const board = await fx.clients.lead.post('/api/boards', {
        scope: { cohortId: id },
        title: 'Notes',
        template: 'word_wall',
      });
      expect(board.status).toBe(201);
      const set = await fx.clients.lead.request('PUT', `/api/cohorts/${id}/retention`, {
        json: retention,
      });
      expect(set.status).toBe(200);
      return id;
    };
    const kept = await cohortFor('Archived only', {
      archiveAfterMonths: 1,
      deleteAfterMonths: null,
    });
    const gone = await cohortFor('Archived, then gone', {
      archiveAfterMonths: 1,
      deleteAfterMonths: 2,
    });

    await waitFor(
      () =>
        logged(lines, 'retention: cohort archived', kept).length > 0 &&
        logged(lines, 'retention: cohort deleted', gone).length > 0,
      'the sweep to archive one cohort and delete the other',
      30_000,
    );
    expect(logged(lines, 'retention: cohort archived', kept)).toEqual([
      expect.objectContaining({ module: 'retention', cohort: 'Archived only' }),
    ]);
    expect(logged(lines, 'retention: cohort deleted', gone)).toEqual([
      expect.objectContaining({ module: 'retention', boards: 1, groups: 0, files: 0 }),
    ]);
    expect(logged(lines, 'retention: cohort deleted', kept)).toEqual([]);
    // Logged once each, though the sweep ran again and again meanwhile.
    expect(logged(lines, 'retention: cohort archived', gone)).toHaveLength(1);

    expect((await fx.clients.lead.get(`/api/cohorts/${kept}`)).body.archived).toBe(true);
    expect((await fx.clients.lead.get(`/api/cohorts/${gone}`)).status).toBe(404);
    const audit = await fx.clients.lead.get(`/api/cohorts/${kept}/audit`);
    expect(
      audit.body.events.filter((e: { action: string }) => e.action.startsWith('cohort.retention_')),
    ).toEqual([
      expect.objectContaining({ action: 'cohort.retention_archived', actorId: null }),
      expect.objectContaining({ action: 'cohort.retention_changed', actorId: fx.userIds.lead }),
    ]);
    // The deleted cohort's own log went with it; what says it was deleted is instance-wide.
    const rows = rowsOf<{ details: Record<string, unknown>; actor_id: string | null }>(
      await server.db.db.execute(
        sql`select details, actor_id from audit_events where action = 'cohort.retention_deleted' and details->>'cohortId' = ${gone}`,
      ),
    );
    expect(rows).toEqual([{ details: { cohortId: gone, boards: 1, files: 0 }, actor_id: null }]);
  }, 60_000);
});

function sink(lines: string[]) {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
}

/** The log records with this message about this cohort. */
function logged(lines: string[], msg: string, cohortId: string): Record<string, unknown>[] {
  return lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.msg === msg && record.cohortId === cohortId);
}
