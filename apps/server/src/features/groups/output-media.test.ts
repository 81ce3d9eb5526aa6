import { join } from 'node:path';
import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { addParticipant, filesUnder, openGroup } from '../../testing/group-fixture.ts';
import { MP4, PDF, PNG, sendForm } from '../../testing/multipart.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

const storedFiles = (server: TestServer) => filesUnder(join(server.dataDir, 'files', 'stored'));

describe.each(testDatabaseKinds())('an output’s cover, film and report on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let other: TestClient;
  let groupId: string;
  let outputId: string;

  const put = (client: TestClient, kind: string, name: string, type: string, bytes: Buffer) =>
    sendForm(client, `/api/outputs/${outputId}/media/${kind}`, {}, { name, type, bytes }, 'PUT');

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    other = await addParticipant(server, fx);
    groupId = await openGroup(fx);
    const output = await fx.clients.participant.post(`/api/groups/${groupId}/outputs`, {
      title: 'Growing our own GPs',
    });
    outputId = output.body.id;
  });
  afterAll(() => server?.stop());

  it('takes each part only as what it must be', async () => {
    const cover = await put(fx.clients.participant, 'cover', 'cover.png', 'image/png', PNG);
    expect(cover.status).toBe(200);
    expect(cover.body).toMatchObject({ kind: 'cover', contentType: 'image/png', size: PNG.length });
    expect((await put(fx.clients.participant, 'film', 'film.mp4', 'video/mp4', MP4)).status).toBe(
      200,
    );
    expect(
      (await put(fx.clients.participant, 'report', 'Our report.pdf', 'application/pdf', PDF))
        .status,
    ).toBe(200);

    // A PDF is not a cover, an image not a report, whatever the browser says they are.
    const wrongCover = await put(fx.clients.participant, 'cover', 'c.png', 'image/png', PDF);
    expect(wrongCover.status).toBe(415);
    expect(wrongCover.body.fields).toEqual([
      { path: 'file', message: 'A cover is a PNG, JPEG, WebP or GIF image' },
    ]);
    expect(
      (await put(fx.clients.participant, 'report', 'r.pdf', 'application/pdf', PNG)).status,
    ).toBe(415);
    const badKind = await put(fx.clients.participant, 'poster', 'p.png', 'image/png', PNG);
    expect(badKind.status).toBe(400);
    expect(badKind.body.fields[0].path).toBe('kind');
    const noFile = await sendForm(
      fx.clients.participant,
      `/api/outputs/${outputId}/media/cover`,
      {},
      undefined,
      'PUT',
    );
    expect(noFile.status).toBe(400);
    expect(noFile.body.fields[0].path).toBe('file');
    // Three parts stored; nothing of the refused ones.
    expect(storedFiles(server)).toHaveLength(3);

    const output = await fx.clients.participant.get(`/api/outputs/${outputId}`);
    expect(output.body.media).toEqual({
      cover: {
        url: `/api/outputs/${outputId}/media/cover`,
        fileName: 'cover.png',
        contentType: 'image/png',
        size: PNG.length,
      },
      film: expect.objectContaining({ contentType: 'video/mp4' }),
      report: expect.objectContaining({ fileName: 'Our report.pdf' }),
    });
  });

  it('shows a cover in the page and offers a report as a download, never as a page', async () => {
    const cover = await fetch(new URL(`/api/outputs/${outputId}/media/cover`, server.url), {
      headers: { cookie: fx.clients.sponsor.cookieHeader },
    });
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/png');
    expect(cover.headers.get('content-disposition')).toBe('inline');
    expect(cover.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cover.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await cover.arrayBuffer())).toEqual(PNG);

    const report = await fetch(new URL(`/api/outputs/${outputId}/media/report`, server.url), {
      headers: { cookie: fx.clients.participant.cookieHeader },
    });
    expect(report.headers.get('content-disposition')).toBe('attachment; filename="Our report.pdf"');
    expect(Buffer.from(await report.arrayBuffer())).toEqual(PDF);
  });

  it('keeps a draft’s parts within the group until it is published', async () => {
    const asOther = await other.get(`/api/outputs/${outputId}/media/cover`);
    expect(asOther.status).toBe(404);
    // Like changing the draft itself: refused before anything is received.
    const otherPut = await put(other, 'cover', 'mine.png', 'image/png', PNG);
    expect(otherPut.status).toBe(403);
    expect(storedFiles(server)).toHaveLength(3);
  });

  it('replaces a part whole, removing the old file', async () => {
    const before = storedFiles(server);
    const small = Buffer.concat([PNG, Buffer.from('trailing bytes are still a PNG')]);
    expect((await put(fx.clients.participant, 'cover', 'new.png', 'image/png', small)).status).toBe(
      200,
    );
    const after = storedFiles(server);
    expect(after).toHaveLength(before.length);
    expect(after).not.toEqual(before);
    const got = await fetch(new URL(`/api/outputs/${outputId}/media/cover`, server.url), {
      headers: { cookie: fx.clients.participant.cookieHeader },
    });
    expect(Buffer.from(await got.arrayBuffer())).toEqual(small);

    const removed = await fx.clients.participant.request(
      'DELETE',
      `/api/outputs/${outputId}/media/film`,
    );
    expect(removed.status).toBe(204);
    expect(storedFiles(server)).toHaveLength(before.length - 1);
    expect((await fx.clients.participant.get(`/api/outputs/${outputId}/media/film`)).status).toBe(
      404,
    );
  });

  it('once published: the cohort sees the parts, nobody changes them, a public link shows them until revoked', async () => {
    await fx.clients.participant.post(`/api/outputs/${outputId}/submit`);
    expect((await put(fx.clients.participant, 'cover', 'late.png', 'image/png', PNG)).status).toBe(
      409,
    );
    await fx.clients.facilitator.post(`/api/outputs/${outputId}/publish`);
    expect((await other.get(`/api/outputs/${outputId}/media/cover`)).status).toBe(200);
    expect(
      (await fx.clients.participant.request('DELETE', `/api/outputs/${outputId}/media/cover`))
        .status,
    ).toBe(409);

    const link = await fx.clients.participant.request(
      'PUT',
      `/api/outputs/${outputId}/public-link`,
    );
    const token = link.body.url.split('/showcase/')[1];
    const shown = await fetch(new URL(`/api/public/outputs/${token}`, server.url));
    const body = (await shown.json()) as { media: { cover: { url: string } } };
    expect(body.media.cover.url).toBe(`/api/public/outputs/${token}/media/cover`);
    const publicCover = await fetch(new URL(body.media.cover.url, server.url));
    expect(publicCover.status).toBe(200);
    await fx.clients.participant.request('DELETE', `/api/outputs/${outputId}/public-link`);
    expect((await fetch(new URL(body.media.cover.url, server.url))).status).toBe(404);
  });

  it('lets those who run the cohort set the celebration’s running order, naming every output once', async () => {
    const second = await fx.clients.participant.post(`/api/groups/${groupId}/outputs`, {
      title: 'Keeping the GPs we have',
    });
    await fx.clients.participant.post(`/api/outputs/${second.body.id}/submit`);
    await fx.clients.facilitator.post(`/api/outputs/${second.body.id}/publish`);
    const before = await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/showcase`);
    expect(before.body.outputs.map((o: { id: string }) => o.id)).toEqual([
      outputId,
      second.body.id,
    ]);

    const order = (client: TestClient, outputIds: string[]) =>
      client.request('PUT', `/api/cohorts/${fx.cohortId}/showcase/order`, {
        json: { outputIds },
      });
    expect((await order(fx.clients.participant, [second.body.id, outputId])).status).toBe(403);
    const partial = await order(fx.clients.facilitator, [second.body.id]);
    expect(partial.status).toBe(400);
    expect(partial.body.fields[0].path).toBe('outputIds');
    const twice = await order(fx.clients.facilitator, [second.body.id, second.body.id]);
    expect(twice.status).toBe(400);

    const done = await order(fx.clients.facilitator, [second.body.id, outputId]);
    expect(done.status).toBe(200);
    const after = await fx.clients.sponsor.get(`/api/cohorts/${fx.cohortId}/showcase`);
    expect(after.body.outputs.map((o: { id: string }) => o.id)).toEqual([second.body.id, outputId]);
  });
});
