import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCohortFixture, type CohortFixture } from '@colab/server/testing/cohort-fixture.ts';
import { filesUnder, openGroup } from '@colab/server/testing/group-fixture.ts';
import { PDF, sendForm } from '@colab/server/testing/multipart.ts';
import type { ServerProcess } from '@colab/server/testing/server-process.ts';
import { TestClient, type TestServer } from '@colab/server/testing/test-server.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePostgres, type Storage, spawnColab, stop } from './src/harness.ts';

// The server may write no file bigger than this (RLIMIT_FSIZE): a bigger upload fails with
// EFBIG part-way through, as a full disk would. Postgres keeps the database off this disk.
const FILE_SIZE_LIMIT = 64 * 1024;
const BIG_PDF = Buffer.concat([PDF, Buffer.alloc(4 * FILE_SIZE_LIMIT, 0x20)]);

describe('uploads when the disk fails them', () => {
  let storage: Storage;
  let server: ServerProcess;
  let fx: CohortFixture;
  let groupId: string;
  const files = () => filesUnder(join(storage.dataDir, 'files'));
  const upload = (title: string, bytes: Buffer) =>
    sendForm(
      fx.clients.participant,
      `/api/groups/${groupId}/resources`,
      { title },
      { name: `${title}.pdf`, type: 'application/pdf', bytes },
    );
  const listed = async () =>
    (await fx.clients.participant.get(`/api/groups/${groupId}/resources`)).body.resources.map(
      (r: { title: string }) => r.title,
    );

  beforeAll(async () => {
    storage = await requirePostgres();
    server = await spawnColab(storage, { SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' }, [
      'prlimit',
      `--fsize=${FILE_SIZE_LIMIT}`,
      '--',
    ]);
    const url = server.url;
    fx = await buildCohortFixture({ url, client: () => new TestClient(url) } as TestServer);
    groupId = await openGroup(fx);
  });
  afterAll(async () => {
    await stop(server);
    await storage.dispose();
  });

  it('answers 507 when a write fails part-way, and leaves no half-written file', async () => {
    const r = await upload('Too big for the disk', BIG_PDF);
    expect(r.status).toBe(507);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    expect(r.body).toMatchObject({ code: 'storage_full' });
    expect(files()).toEqual([]);
    expect(await listed()).toEqual([]);
    // The server goes on: a file that fits is kept.
    expect((await upload('Fits', PDF)).status).toBe(201);
    expect(files()).toHaveLength(1);
  });

  it('answers 503 when the incoming folder cannot be written, keeping nothing', async () => {
    const incoming = join(storage.dataDir, 'files', 'incoming');
    rmSync(incoming, { recursive: true });
    writeFileSync(incoming, 'a file where the folder should be');
    try {
      const r = await upload('No incoming folder', PDF);
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'storage_unavailable' });
    } finally {
      rmSync(incoming);
      mkdirSync(incoming);
    }
    expect(await listed()).toEqual(['Fits']);
  });

  it('answers 503 when the file cannot be put in place, and records nothing', async () => {
    const groupFolder = join(storage.dataDir, 'files', 'stored', groupId);
    // A file where the group's folder should be: the move into place fails.
    rmSync(groupFolder, { recursive: true });
    writeFileSync(groupFolder, 'in the way');
    try {
      const r = await upload('Cannot be placed', PDF);
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'storage_unavailable' });
      expect(filesUnder(join(storage.dataDir, 'files', 'incoming'))).toEqual([]);
      expect(await listed()).toEqual(['Fits']);
    } finally {
      rmSync(groupFolder);
    }
  });
});
