import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';
import { MESSAGE_AWARENESS } from './messages.ts';

/** An awareness message for one client id whose state is `state`. */
function awarenessMessage(clientId: number, state: unknown): Buffer {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, 1);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return Buffer.from(encoding.toUint8Array(message));
}

function rawConnection(server: TestServer, client: TestClient, docName: string) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
      headers: { cookie: client.cookieHeader, origin: server.url },
    });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

const closeOf = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

describe('collab connection limits', () => {
  let server: TestServer;
  let fx: CohortFixture;
  let docName: string;
  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      env: {
        COLLAB_MESSAGES_PER_SECOND: '5',
        COLLAB_MESSAGE_BURST: '20',
        COLLAB_ACCOUNT_MESSAGES_PER_SECOND: '5',
        COLLAB_ACCOUNT_MESSAGE_BURST: '30',
        COLLAB_MAX_AWARENESS_BYTES: '1000',
      },
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

  const raw = (client = fx.clients.participant) => rawConnection(server, client, docName);

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

  it('limits one person’s connections together, each under its own limit', async () => {
    const tabs = [await raw(fx.clients.sponsor), await raw(fx.clients.sponsor)];
    const closed = Promise.race(tabs.map(closeOf));
    // 16 each is under a connection's burst of 20; 32 together is over the account's 30.
    for (let i = 0; i < 16; i++) for (const tab of tabs) tab.send(Buffer.from([3]));
    expect(await closed).toEqual({ code: 4429, reason: 'too many messages from this account' });
    for (const tab of tabs) tab.close();
  });

  it('closes a connection that publishes an awareness state over the cap', async () => {
    const small = await raw(fx.clients.facilitator);
    small.send(awarenessMessage(7001, { cursor: 'x'.repeat(100) }));
    const big = await raw();
    const closed = closeOf(big);
    big.send(awarenessMessage(7002, { cursor: 'x'.repeat(1000) }));
    expect(await closed).toEqual({
      code: 4400,
      reason: 'malformed message: awareness state too large',
    });
    const shared = () => server.collab.openDocuments().get(docName);
    await waitFor(() => shared()?.awareness.getStates().has(7001) === true, 'the small state');
    expect(shared()?.awareness.getStates().has(7002)).toBe(false);
    small.close();
  });
});

describe('awareness client ids per connection', () => {
  let server: TestServer;
  let fx: CohortFixture;
  let docName: string;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
    fx = await buildCohortFixture(server);
    docName = (
      await fx.clients.facilitator.post('/api/boards', {
        scope: { cohortId: fx.cohortId },
        title: 'Presence',
        template: 'free_columns',
      })
    ).body.docName;
  });
  afterAll(() => server?.stop());

  it('closes a connection that speaks for more than 8 awareness clients, and forgets them all', async () => {
    const ws = await rawConnection(server, fx.clients.participant, docName);
    const closed = closeOf(ws);
    for (let id = 9001; id <= 9009; id++) ws.send(awarenessMessage(id, { cursor: id }));
    expect(await closed).toEqual({
      code: 4400,
      reason: 'too many awareness clients on one connection',
    });
    const states = () => server.collab.openDocuments().get(docName)?.awareness.getStates();
    await waitFor(() => ![...(states()?.keys() ?? [])].some((id) => id > 9000), 'states gone');
  });
});

describe('open documents per node', () => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      env: { COLLAB_MAX_OPEN_DOCUMENTS: '2' },
    });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('refuses a connection to one document more than the cap, with a reason, and keeps the open ones', async () => {
    const names: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      const board = await fx.clients.facilitator.post('/api/boards', {
        scope: { cohortId: fx.cohortId },
        title,
        template: 'word_wall',
      });
      names.push(board.body.docName);
    }
    const open = [
      openDocument(server, fx.clients.participant, names[0]!),
      openDocument(server, fx.clients.participant, names[1]!),
    ];
    await Promise.all(open.map((o) => o.synced()));
    const third = await rawConnection(server, fx.clients.participant, names[2]!);
    expect(await closeOf(third)).toEqual({
      code: 4503,
      reason: 'too many open documents on this server',
    });
    // Another connection to a document already open is not a new document.
    const again = openDocument(server, fx.clients.facilitator, names[0]!);
    await again.synced();
    again.doc.getArray('notes').push(['fine']);
    await waitFor(
      () => server.collab.openDocuments().get(names[0]!)?.doc.getArray('notes').length === 1,
      'the edit to arrive',
    );
    for (const o of [...open, again]) o.close();
  });
});
