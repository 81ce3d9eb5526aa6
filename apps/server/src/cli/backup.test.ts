import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds } from '@colab/db/testing';
import { boardParts } from '@colab/shared';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCohortFixture } from '../testing/cohort-fixture.ts';
import { openDocument, writeCard } from '../testing/collab-client.ts';
import { PDF, sendForm } from '../testing/multipart.ts';
import { startTestServer, TestClient, type TestServer } from '../testing/test-server.ts';
import { createBackup, restoreBackup } from './backup.ts';

/** An empty database of its own on the test server, and how to drop it. */
async function emptyDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: start Postgres (README, "Testing").');
  const name = `colab_restore_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

/** The same person in another browser pointed at another server: same cookies. */
const sameCookies = (server: TestServer, from: TestClient) => {
  const client = new TestClient(server.url);
  for (const [k, v] of from.cookies) client.cookies.set(k, v);
  return client;
};

describe.each(testDatabaseKinds())('backup and restore on %s', (database) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('restores a backup into an empty data folder and finds everything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'colab-backup-src-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let sourceUrl: string | undefined;
    if (database === 'postgres') {
      const source = await emptyDatabase();
      cleanups.push(source.drop);
      sourceUrl = source.url;
    }
    const server = await startTestServer({ database, dataDir, databaseUrl: sourceUrl });
    const fx = await buildCohortFixture(server);
    const board = await fx.clients.lead.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Before the backup',
      template: 'word_wall',
    });
    await writeCard(server, fx.clients.participant, board.body.docName, {
      id: 'c1',
      text: 'Written before the backup',
      authorId: fx.userIds.participant,
    });
    const entry = await fx.clients.participant.post('/api/journal', { title: 'Kept safe' });
    expect(entry.status).toBe(201);
    const group = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, { name: 'G' });
    await fx.clients.lead.post(`/api/groups/${group.body.id}/members`, {
      userIds: [fx.userIds.participant],
      role: 'member',
    });
    const upload = await sendForm(
      fx.clients.participant,
      `/api/groups/${group.body.id}/resources`,
      { title: 'Report' },
      { name: 'report.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(upload.status).toBe(201);
    await server.close();

    const backupDir = mkdtempSync(join(tmpdir(), 'colab-backups-'));
    cleanups.push(() => rmSync(backupDir, { recursive: true, force: true }));
    const file = join(backupDir, 'backup.tar.gz');
    const manifest = await createBackup({ dataDir, databaseUrl: sourceUrl }, file);
    expect(manifest).toMatchObject({ database, files: true, sessionSecret: true });

    const restoredDir = join(backupDir, 'restored');
    let restoredUrl: string | undefined;
    if (database === 'postgres') {
      const target = await emptyDatabase();
      cleanups.push(target.drop);
      restoredUrl = target.url;
    }
    await restoreBackup({ dataDir: restoredDir, databaseUrl: restoredUrl }, file);
    await expect(
      restoreBackup({ dataDir: restoredDir, databaseUrl: restoredUrl }, file),
    ).rejects.toThrow(/not empty/);

    const restored = await startTestServer({
      database,
      dataDir: restoredDir,
      databaseUrl: restoredUrl,
    });
    cleanups.push(() => restored.close());
    // The session secret came back too: the same cookies still sign people in.
    const participant = sameCookies(restored, fx.clients.participant);
    expect((await participant.get(`/api/cohorts/${fx.cohortId}`)).body.name).toBe(
      'Cohort 4: Health Inequalities',
    );
    expect((await participant.get(`/api/journal/${entry.body.id}`)).body.title).toBe('Kept safe');
    const reader = openDocument(restored, participant, board.body.docName);
    await reader.synced();
    expect(boardParts(reader.doc).cards.get('c1')?.get('text')).toBe('Written before the backup');
    reader.close();
    const download = await fetch(`${restored.url}/api/resources/${upload.body.id}/download`, {
      headers: { cookie: participant.cookieHeader },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
  });

  it('says what is wrong when there is no backup, or no database to back up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colab-not-empty-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'something'), 'here');
    const backup = join(dir, 'b.tar.gz');
    await expect(restoreBackup({ dataDir: join(dir, 'x') }, backup)).rejects.toThrow(
      /No backup file/,
    );
    const source = mkdtempSync(join(tmpdir(), 'colab-empty-src-'));
    cleanups.push(() => rmSync(source, { recursive: true, force: true }));
    await expect(createBackup({ dataDir: source }, backup)).rejects.toThrow(/no embedded database/);
  });
});
