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

function rawConnection(
  server: TestServer,
  client: TestClient,
  docName: string,
  options: WebSocket.ClientOptions = {},
) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
      headers: { cookie: client.cookieHeader, origin: server.url },
      ...options,
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

/** A board of its own, for one test's connections. */
async function newBoard(fx: CohortFixture, title: string): Promise<string> {
  const board = await fx.clients.facilitator.post('/api/boards', {
    scope: { cohortId: fx.cohortId },
    title,
    template: 'word_wall',
  });
  return board.body.docName;
}

/** How many connections a document open on the server has (0 once it has closed). */
const roomSize = (server: TestServer, docName: string) =>
  server.collab.openDocuments().get(docName)?.connections.size ?? 0;

describe('connections that stop answering pings', () => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', env: { COLLAB_HEARTBEAT_MS: '100' } });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('drops a connection that misses a pong, and keeps those that answer', async () => {
    const docName = await newBoard(fx, 'Heartbeat');
    const room = () => roomSize(server, docName);
    const answering = await rawConnection(server, fx.clients.facilitator, docName);
    let pings = 0;
    answering.on('ping', () => pings++);
    const silent = await rawConnection(server, fx.clients.participant, docName, {
      autoPong: false,
    });
    const dropped = closeOf(silent);
    await waitFor(() => room() === 2, 'both connections to join');
    expect((await dropped).code).toBe(1006);
    await waitFor(() => room() === 1, 'the silent connection to leave the room');
    const seen = pings;
    await waitFor(() => pings >= seen + 3, 'three more pings');
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(room()).toBe(1);
    answering.close();
  });

  it('keeps someone alone on a document hearing from the server, so the provider stays', async () => {
    // The stock provider reconnects after 30 s without a message; nobody else is here to send one.
    const alone = openDocument(server, fx.clients.participant, await newBoard(fx, 'Alone'));
    await alone.synced();
    const provider = alone.provider as unknown as {
      wsLastMessageReceived: number;
      wsconnected: boolean;
    };
    const since = Date.now();
    await waitFor(() => provider.wsLastMessageReceived > since + 300, 'a message after the sync');
    expect(provider.wsconnected).toBe(true);
    expect(alone.doc.getArray('notes').length).toBe(0);
    alone.close();
  });
});

describe('connections that stop reading', () => {
  let server: TestServer;
  let fx: CohortFixture;
  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      // No pings here: the only reason to drop the stalled connection is its backlog.
      env: { COLLAB_HEARTBEAT_MS: '0', COLLAB_MAX_BUFFERED_BYTES: '1000000' },
    });
    fx = await buildCohortFixture(server);
  });
  afterAll(() => server?.stop());

  it('drops a connection whose backlog passes the cap, and the room carries on', async () => {
    const docName = await newBoard(fx, 'Backlog');
    const room = () => roomSize(server, docName);
    const stalled = await rawConnection(server, fx.clients.participant, docName);
    const closed = closeOf(stalled);
    // It stops reading: the kernel's buffers fill, then the server's.
    (stalled as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = openDocument(server, fx.clients.facilitator, docName);
    const reader = openDocument(server, fx.clients.facilitator, docName);
    await Promise.all([writer.synced(), reader.synced()]);
    await waitFor(() => room() === 3, 'all three to join');
    const text = () => reader.doc.getText('notes').length;
    // Half a megabyte an edit, each waited for, until the stalled connection is gone (the
    // loopback's buffers take several megabytes first).
    for (let i = 0; i < 80 && room() === 3; i++) {
      writer.doc.getText('notes').insert(0, 'x'.repeat(500_000));
      await waitFor(() => text() === (i + 1) * 500_000, `edit ${i + 1} to reach the reader`);
    }
    expect(room()).toBe(2);
    writer.doc.getText('notes').insert(0, 'after');
    await waitFor(() => reader.doc.getText('notes').toString().startsWith('after'), 'a later edit');
    (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await closed).code).toBe(1006);
    writer.close();
    reader.close();
  }, 60_000);
});
