import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { filesUnder, openGroup } from '../../testing/group-fixture.ts';
import { PDF, sendForm } from '../../testing/multipart.ts';
import { startS3Server } from '../../testing/s3-server.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

// The storage is what varies here, so one database (the embedded one) is enough.
describe('group resources in an S3-compatible bucket', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let server: TestServer;
  let fx: CohortFixture;
  let groupId: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    server = await startTestServer({ database: 'pglite', env: { ...s3.env, S3_PREFIX: 'colab' } });
    fx = await buildCohortFixture(server);
    groupId = await openGroup(fx);
  });
  afterAll(async () => {
    await server?.stop();
    await s3?.stop();
  });

  it('keeps uploads in the bucket, serves them as usual, and deletes them there', async () => {
    const file = await sendForm(
      fx.clients.participant,
      `/api/groups/${groupId}/resources`,
      { title: 'Interview notes' },
      { name: 'notes.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(file.status).toBe(201);
    // In the bucket, under the configured prefix; nothing on the node's own disk.
    expect(filesUnder(s3.directory).some((p) => p.includes(`colab/${groupId}`))).toBe(true);
    expect(filesUnder(join(server.dataDir, 'files'))).toEqual([]);

    const download = await fetch(new URL(file.body.url, server.url), {
      headers: { cookie: fx.clients.sponsor.cookieHeader },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(PDF.length));
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);

    const outsider = await fetch(new URL(file.body.url, server.url), {
      headers: { cookie: fx.clients.nonMember.cookieHeader },
    });
    expect(outsider.status).toBe(404);

    const removed = await fx.clients.participant.request(
      'DELETE',
      `/api/resources/${file.body.id}`,
    );
    expect(removed.status).toBe(204);
    expect(filesUnder(s3.directory).some((p) => p.includes(`colab/${groupId}`))).toBe(false);
  });

  it('refuses a file that is not what it claims without writing to the bucket', async () => {
    const before = filesUnder(s3.directory).length;
    const refused = await sendForm(
      fx.clients.participant,
      `/api/groups/${groupId}/resources`,
      { title: 'Not a PDF' },
      { name: 'evil.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
    );
    expect(refused.status).toBe(415);
    expect(filesUnder(s3.directory).length).toBe(before);
    expect(filesUnder(join(server.dataDir, 'files'))).toEqual([]);
  });
});

describe('a server told to use a bucket that is not there', () => {
  it('does not start, and says which bucket', async () => {
    const s3 = await startS3Server();
    try {
      await expect(
        startTestServer({ database: 'pglite', env: { ...s3.env, S3_BUCKET: 'missing-bucket' } }),
      ).rejects.toThrow(/"missing-bucket"/);
    } finally {
      await s3.stop();
    }
  });
});
