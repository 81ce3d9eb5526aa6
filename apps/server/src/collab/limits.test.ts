import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

describe('collab connection limits', () => {
  let server: TestServer;
  let fx: CohortFixture;
  let docName: string;
  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      env: { COLLAB_MESSAGES_PER_SECOND: '5', COLLAB_MESSAGE_BURST: '20' },
    });
    fx = await buildCohortFixture(server);
    const board = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Limits',
      template: 'word_wall',
    });
    docName = board.body.docName;
  });
  afterAll(() => server?.stop());

  function raw(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
        headers: { cookie: fx.clients.participant.cookieHeader, origin: server.url },
      });
      ws.on('open', () => resolve(ws));
      ws.on('error', reject);
    });
  }
  const closeOf = (ws: WebSocket) =>
    new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );

  it('closes a connection that floods messages, with a reason, and others carry on', async () => {
    const flooder = await raw();
    const closed = closeOf(flooder);
    for (let i = 0; i < 100; i++) flooder.send(Buffer.from([3])); // query awareness
    expect(await closed).toEqual({ code: 4429, reason: 'too many messages' });

    const other = openDocument(server, fx.clients.facilitator, docName);
    await other.synced();
    other.doc.getArray('notes').push(['still here']);
    const shared = () => server.collab.openDocuments().get(docName);
    await waitFor(() => shared()?.doc.getArray('notes').length === 1, 'the edit to arrive');
    other.close();
  });

  it('refuses a frame over 1 MB by closing that connection', async () => {
    const ws = await raw();
    const closed = closeOf(ws);
    ws.send(Buffer.alloc(1_000_001, 1));
    expect((await closed).code).toBe(1009);
  });
});
