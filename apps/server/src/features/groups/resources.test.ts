import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { addParticipant, filesUnder, openGroup } from '../../testing/group-fixture.ts';
import { PDF, sendForm } from '../../testing/multipart.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

const upload = (
  client: TestClient,
  groupId: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
) => sendForm(client, `/api/groups/${groupId}/resources`, fields, file);

const stored = (server: TestServer) => filesUnder(join(server.dataDir, 'files'));

describe.each(testDatabaseKinds())('group resources on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let other: TestClient;
  let groupId: string;
  let databaseUrl: string | undefined;
  let disposeDatabase: (() => Promise<void>) | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'colab-resources-'));

  beforeAll(async () => {
    if (database === 'postgres') {
      const db = await createTestDatabase('postgres');
      await db.close();
      databaseUrl = db.url;
      disposeDatabase = db.dispose;
    }
    server = await startTestServer({ database, dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
    fx = await buildCohortFixture(server);
    other = await addParticipant(server, fx);
    groupId = await openGroup(fx);
  });
  afterAll(async () => {
    await server?.stop();
    await disposeDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps links and checked files, and serves files only to those who may read them', async () => {
    const link = await fx.clients.participant.post(`/api/groups/${groupId}/resources`, {
      title: 'NHS workforce statistics',
      url: 'https://digital.nhs.uk/data',
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ kind: 'link', url: 'https://digital.nhs.uk/data' });

    const file = await upload(
      fx.clients.participant,
      groupId,
      { title: 'Interview notes' },
      {
        name: 'notes "final"\r\n.pdf',
        type: 'application/pdf',
        bytes: PDF,
      },
    );
    expect(file.status).toBe(201);
    expect(file.body).toMatchObject({
      kind: 'file',
      contentType: 'application/pdf',
      size: PDF.length,
    });

    const download = await fetch(new URL(file.body.url, server.url), {
      headers: { cookie: fx.clients.sponsor.cookieHeader },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename=/);
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');

    // Someone in the cohort but not the group: 403; outside the cohort: 404.
    expect((await other.get(file.body.url)).status).toBe(403);
    expect((await fx.clients.nonMember.get(file.body.url)).status).toBe(404);
    expect((await server.client().get(file.body.url)).status).toBe(401);
    const listed = await fx.clients.sponsor.get(`/api/groups/${groupId}/resources`);
    expect(listed.body.resources.map((r: any) => r.title).sort()).toEqual([
      'Interview notes',
      'NHS workforce statistics',
    ]);
    expect(
      (
        await upload(fx.clients.sponsor, groupId, {
          title: 'x',
          url: 'https://example.org',
        })
      ).status,
    ).toBe(403);
    expect(
      (await fx.clients.sponsor.request('DELETE', `/api/resources/${link.body.id}`)).status,
    ).toBe(403);
    expect(
      (await fx.clients.participant.request('DELETE', `/api/resources/${link.body.id}`)).status,
    ).toBe(204);
    const files = stored(server).length;
    expect(
      (await fx.clients.participant.request('DELETE', `/api/resources/${file.body.id}`)).status,
    ).toBe(204);
    expect(stored(server)).toHaveLength(files - 1);
    expect((await fx.clients.sponsor.get(file.body.url)).status).toBe(404);
  });

  it('refuses files that are not what they claim, too big, or missing, leaving nothing behind', async () => {
    const before = stored(server);
    const disguised = await upload(
      fx.clients.participant,
      groupId,
      { title: 'Report' },
      {
        name: 'report.pdf',
        type: 'application/pdf',
        bytes: Buffer.from('<html><script>alert(1)</script></html>'),
      },
    );
    expect(disguised.status).toBe(415);
    expect(disguised.headers.get('content-type')).toContain('application/problem+json');
    expect(disguised.body.fields.map((f: any) => f.path)).toEqual(['file']);

    const huge = await upload(
      fx.clients.participant,
      groupId,
      { title: 'Film' },
      {
        name: 'film.mp4',
        type: 'video/mp4',
        bytes: Buffer.alloc(50 * 1024 * 1024 + 1, 1),
      },
    );
    expect(huge.status).toBe(413);
    expect(huge.body.fields.map((f: any) => f.path)).toEqual(['file']);

    const nothing = await upload(fx.clients.participant, groupId, { title: 'Empty' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.fields.map((f: any) => f.path).sort()).toEqual(['file', 'url']);
    const noTitle = await upload(
      fx.clients.participant,
      groupId,
      {},
      { name: 'a.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(noTitle.body.fields.map((f: any) => f.path)).toEqual(['title']);
    // Strangers are refused before anything is stored.
    expect(
      (
        await upload(
          other,
          groupId,
          { title: 'x' },
          { name: 'a.pdf', type: 'application/pdf', bytes: PDF },
        )
      ).status,
    ).toBe(403);
    expect(stored(server)).toEqual(before);
  });

  it('still serves a file after the server restarts', async () => {
    const file = await upload(
      fx.clients.participant,
      groupId,
      { title: 'Survey' },
      {
        name: 'survey.csv',
        type: 'text/csv',
        bytes: Buffer.from('practice,vacancies\nEastfield,2\n'),
      },
    );
    expect(file.status).toBe(201);
    await server.stop();
    server = await startTestServer({ database, dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
    const client = server.client();
    const person = fx.clients.participant;
    // Cookies name the session, which the database kept; only the port changed.
    for (const [k, v] of person.cookies) client.cookies.set(k, v);
    const download = await fetch(new URL(file.body.url, server.url), {
      headers: { cookie: client.cookieHeader },
    });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('practice,vacancies\nEastfield,2\n');
  });
});
