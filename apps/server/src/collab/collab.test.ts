import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { sql } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  buildCohortFixture,
  type CohortFixture,
  type MatrixRole,
} from '../testing/cohort-fixture.ts';
import { collabUpgradeStatus, openDocument, waitFor } from '../testing/collab-client.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';
import { encodeSyncStep1, MESSAGE_SYNC } from './messages.ts';
import { loadStoredUpdates } from './persistence.ts';

describe.each(testDatabaseKinds())('the collab endpoint on %s', (database) => {
  let server: TestServer;
  let previous: TestServer | undefined;
  let fx: CohortFixture;
  let docName: string;
  const open: ReturnType<typeof openDocument>[] = [];

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    const board = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'Which words describe this programme?',
      template: 'word_wall',
    });
    expect(board.status).toBe(201);
    docName = board.body.docName;
  });
  afterEach(() => {
    for (const opened of open.splice(0)) opened.close();
  });
  afterAll(async () => {
    await server?.stop();
    // The first server of the restart test owns the data folder and database; drop them last.
    await previous?.stop();
  });

  function connect(client: TestClient, name = docName) {
    const opened = openDocument(server, client, name);
    open.push(opened);
    return opened;
  }

  function upgradeStatus(
    client: TestClient | null,
    name = docName,
    origin = server.url,
  ): Promise<number> {
    if (origin === server.url) return collabUpgradeStatus(server, client ?? server.client(), name);
    return new Promise((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${name}`, {
        headers: { origin, ...(client ? { cookie: client.cookieHeader } : {}) },
      });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
  }

  it('refuses an upgrade without a session (401), outside the cohort (403) and from a foreign origin (403)', async () => {
    expect(await upgradeStatus(null)).toBe(401);
    expect(await upgradeStatus(fx.clients.nonMember)).toBe(403);
    expect(await upgradeStatus(fx.clients.participant, docName, 'https://evil.example')).toBe(403);
    expect(
      await upgradeStatus(fx.clients.participant, 'board:00000000-0000-7000-8000-000000000000'),
    ).toBe(403);
    expect(await upgradeStatus(fx.clients.participant, 'journal:anything')).toBe(403);
  });

  it('lets every member open a board, as the table says', async () => {
    const expected: Record<Exclude<MatrixRole, 'anonymous' | 'nonMember'>, number> = {
      participant: 101,
      sponsor: 101,
      facilitator: 101,
      lead: 101,
      admin: 101,
    };
    for (const [role, status] of Object.entries(expected)) {
      expect(await upgradeStatus(fx.clients[role as MatrixRole]), role).toBe(status);
    }
  });

  it('syncs two people on one board through the stock y-websocket client', async () => {
    const a = connect(fx.clients.participant);
    const b = connect(fx.clients.facilitator);
    await waitFor(() => a.provider.synced && b.provider.synced, 'sync');
    a.doc.getArray('notes').push([{ text: 'trust' }]);
    b.doc.getArray('notes').push([{ text: 'hope' }]);
    await waitFor(
      () => a.doc.getArray('notes').length === 2 && b.doc.getArray('notes').length === 2,
      'both cards',
    );
    expect(a.doc.getArray('notes').toJSON()).toEqual(b.doc.getArray('notes').toJSON());
  });

  it('drops a sponsor’s edits: they read the board but never change it', async () => {
    const writer = connect(fx.clients.participant);
    await waitFor(() => writer.provider.synced, 'writer sync');
    const sponsor = connect(fx.clients.sponsor);
    await waitFor(() => sponsor.provider.synced, 'sponsor sync');
    const before = writer.doc.getArray('notes').length;
    expect(sponsor.doc.getArray('notes').length).toBe(before);

    sponsor.doc.getArray('notes').push([{ text: 'sponsor was here' }]);
    writer.doc.getArray('notes').push([{ text: 'curiosity' }]);
    await waitFor(
      () =>
        sponsor.doc
          .getArray('notes')
          .toJSON()
          .some((c: any) => c.text === 'curiosity'),
      'sponsor receives',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(
      writer.doc
        .getArray('notes')
        .toJSON()
        .some((c: any) => c.text === 'sponsor was here'),
    ).toBe(false);
    const shared = server.collab.openDocuments().get(docName)!;
    expect(shared.droppedReadOnlyUpdates).toBeGreaterThan(0);
    expect(
      shared.doc
        .getArray('notes')
        .toJSON()
        .some((c: any) => c.text === 'sponsor was here'),
    ).toBe(false);
  });

  it('writes each connection’s real identity into awareness, whatever the client claims', async () => {
    const a = connect(fx.clients.participant);
    const b = connect(fx.clients.facilitator);
    await waitFor(() => a.provider.synced && b.provider.synced, 'sync');
    a.provider.awareness.setLocalState({
      user: { id: fx.userIds.lead, name: 'The Programme Lead' },
      cursor: 3,
    });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'awareness');
    const seen = b.provider.awareness.getStates().get(a.doc.clientID) as {
      cursor?: number;
      user?: unknown;
    };
    expect(seen.cursor).toBe(3);
    expect(seen.user).toEqual({
      id: fx.userIds.participant,
      name: 'Participant Person',
      colour: expect.stringMatching(/^#/),
    });
  });

  it('still carries presence to everyone in a crowded room, where it goes out in batches', async () => {
    // Over 50 connections the server gathers awareness changes into one frame per moment.
    const crowd = await Promise.all(
      Array.from(
        { length: 55 },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
              headers: { cookie: fx.clients.sponsor.cookieHeader, origin: server.url },
            });
            ws.once('open', () => resolve(ws));
            ws.once('error', reject);
          }),
      ),
    );
    try {
      const a = connect(fx.clients.participant);
      const b = connect(fx.clients.facilitator);
      await waitFor(() => a.provider.synced && b.provider.synced, 'sync');
      for (const x of [10, 20, 30]) a.provider.awareness.setLocalStateField('cursor', x);
      await waitFor(
        () =>
          (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: number } | undefined)
            ?.cursor === 30,
        'the last cursor position',
      );
      a.close();
      await waitFor(
        () => !b.provider.awareness.getStates().has(a.doc.clientID),
        'the one who left to disappear',
      );
    } finally {
      for (const ws of crowd) ws.close();
    }
  });

  it('closes a connection that sends a malformed frame, leaving the document unharmed', async () => {
    const a = connect(fx.clients.participant);
    await waitFor(() => a.provider.synced, 'sync');
    const cards = a.doc.getArray('notes').toJSON();
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
        headers: { cookie: fx.clients.participant.cookieHeader, origin: server.url },
      });
      ws.on('open', () =>
        ws.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x07])),
      );
      ws.on('close', (c) => resolve(c));
    });
    expect(code).toBe(4400);
    a.doc.getArray('notes').push([{ text: 'still fine' }]);
    const shared = server.collab.openDocuments().get(docName)!;
    await waitFor(
      () => shared.doc.getArray('notes').length === cards.length + 1,
      'doc still accepts edits',
    );
  });

  it('relays edits in the order they arrived when a later insert commits first', async () => {
    const a = connect(fx.clients.participant);
    const b = connect(fx.clients.facilitator);
    const reader = connect(fx.clients.lead);
    await Promise.all([a.synced(), b.synced(), reader.synced()]);
    const texts = (doc: Y.Doc) => doc.getArray<{ text: string }>('notes').map((n) => n.text);
    // What the reader holds each time its copy changes.
    const seen: string[][] = [];
    reader.doc.on('update', () => seen.push(texts(reader.doc)));
    // An insert holding the marker takes 2 s to commit; any other is quick.
    const db = server.db.db;
    await db.execute(
      sql.raw(`create or replace function slow_marked_updates() returns trigger as $$
        begin
          if position(convert_to('slow-commit', 'UTF8') in new.data) > 0 then
            perform pg_sleep(2);
          end if;
          return new;
        end $$ language plpgsql`),
    );
    await db.execute(
      sql.raw(`create trigger slow_marked_updates before insert on collab_updates
        for each row execute function slow_marked_updates()`),
    );
    try {
      const shared = server.collab.openDocuments().get(docName)!;
      a.doc.getArray('notes').push([{ text: 'slow-commit first' }]);
      await waitFor(() => texts(shared.doc).includes('slow-commit first'), 'the first edit');
      const rowsBefore = (await loadStoredUpdates(db, docName)).length;
      b.doc.getArray('notes').push([{ text: 'quick second' }]);
      await waitFor(() => texts(shared.doc).includes('quick second'), 'the second edit');
      if (database === 'postgres') {
        // The second insert does not queue behind the first: it is stored while that one sleeps.
        const until = Date.now() + 1_500;
        while ((await loadStoredUpdates(db, docName)).length === rowsBefore) {
          if (Date.now() > until) throw new Error('the second edit waited for the first');
          await new Promise((r) => setTimeout(r, 10));
        }
        expect(texts(reader.doc)).not.toContain('slow-commit first');
        expect(texts(reader.doc)).not.toContain('quick second');
      }
      await waitFor(() => texts(reader.doc).includes('quick second'), 'both edits relayed');
      const firstWithSecond = seen.find((t) => t.includes('quick second'))!;
      expect(firstWithSecond).toContain('slow-commit first');
    } finally {
      await db.execute(sql.raw('drop trigger slow_marked_updates on collab_updates'));
      await db.execute(sql.raw('drop function slow_marked_updates()'));
    }
  });

  it('answers someone arriving while an edit is being stored only once it is stored', async () => {
    const a = connect(fx.clients.participant);
    await a.synced();
    // A second reader on a bare socket, so its question can be asked at a chosen moment.
    const b = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
      headers: { cookie: fx.clients.facilitator.cookieHeader, origin: server.url },
    });
    const bDoc = new Y.Doc();
    b.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), bDoc, null);
    });
    await new Promise((resolve) => b.once('open', resolve));
    const shared = server.collab.openDocuments().get(docName)!;
    await waitFor(() => shared.connections.size === 2, 'the reader to join');

    // The database holds the update log locked, so the next commit waits.
    let locked!: () => void;
    let unlock!: () => void;
    const lockHeld = new Promise<void>((resolve) => (locked = resolve));
    const release = new Promise<void>((resolve) => (unlock = resolve));
    const holding = server.db.db.transaction(async (tx) => {
      await tx.execute(sql`lock table ${schema.collabUpdates} in exclusive mode`);
      locked();
      await release;
    });
    await lockHeld;
    const texts = (doc: Y.Doc) => doc.getArray<{ text: string }>('notes').map((n) => n.text);
    try {
      a.doc.getArray('notes').push([{ text: 'not stored yet' }]);
      await waitFor(() => texts(shared.doc).includes('not stored yet'), 'the edit to arrive');
      b.send(encodeSyncStep1(new Y.Doc()));
      // Long enough for an answer sent at once to arrive many times over.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(texts(bDoc)).not.toContain('not stored yet');
    } finally {
      unlock();
      await holding;
    }
    await waitFor(() => texts(bDoc).includes('not stored yet'), 'the stored edit');
    const stored = new Y.Doc();
    for (const update of await loadStoredUpdates(server.db.db, docName))
      Y.applyUpdate(stored, update);
    expect(texts(stored)).toContain('not stored yet');
    b.close();
    bDoc.destroy();
    stored.destroy();
  });

  it('keeps the board after its document leaves memory and the server restarts', async () => {
    const a = connect(fx.clients.participant);
    await waitFor(() => a.provider.synced, 'sync');
    a.doc.getArray('notes').push([{ text: 'togetherness' }]);
    const expected = a.doc.getArray('notes').toJSON();
    const shared = server.collab.openDocuments().get(docName)!;
    await waitFor(
      () => shared.doc.getArray('notes').length === expected.length,
      'the server to hold the card',
    );
    // No explicit flush: a graceful stop must store everything the server has received.
    await server.close();
    previous = server;
    server = await startTestServer({
      database,
      dataDir: server.dataDir,
      databaseUrl: server.config.databaseUrl,
    });
    const again = connect(fx.clients.participant);
    await waitFor(() => again.provider.synced, 'sync after restart');
    expect(again.doc.getArray('notes').toJSON()).toEqual(expected);
  });

  it('answers a fresh client with the stored bytes, decoding the board only once someone writes', async () => {
    // After the restart above, the board was opened only by a client that had nothing yet.
    const reader = connect(fx.clients.participant);
    await reader.synced();
    const shared = server.collab.openDocuments().get(docName)!;
    expect(shared.decoded).toBe(false);
    const notes = () => reader.doc.getArray<{ text: string }>('notes').toJSON();
    expect(notes()).toContainEqual({ text: 'togetherness' });
    // Someone comes back with a card written offline: the server decodes and takes it.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(reader.doc));
    offline.getArray('notes').push([{ text: 'written offline' }]);
    const back = openDocument(server, fx.clients.facilitator, docName, offline);
    open.push(back);
    await waitFor(
      () => notes().some((n) => n.text === 'written offline'),
      'the offline card to reach the reader',
    );
    expect(shared.decoded).toBe(true);
    expect(shared.doc.getArray('notes').toJSON()).toEqual(notes());
  });

  it('gives everyone arriving with nothing the latest state of a large decoded board', async () => {
    const writer = connect(fx.clients.facilitator);
    await writer.synced();
    const notes = writer.doc.getArray<{ text: string }>('notes');
    // Large enough that the server keeps its encoding for the next arrivals.
    notes.push(Array.from({ length: 100 }, (_, i) => ({ text: `${i} ${'trust '.repeat(150)}` })));
    const shared = server.collab.openDocuments().get(docName)!;
    await waitFor(() => shared.doc.getArray('notes').length === notes.length, 'stored');
    const first = connect(fx.clients.participant);
    const second = connect(fx.clients.participant);
    await first.synced();
    await second.synced();
    expect(first.doc.getArray('notes').toJSON()).toEqual(notes.toJSON());
    expect(second.doc.getArray('notes').toJSON()).toEqual(notes.toJSON());
    // A change after that: the next arrival gets it, not the encoding kept from before.
    notes.push([{ text: 'curiosity' }]);
    await waitFor(() => shared.doc.getArray('notes').length === notes.length, 'stored');
    const third = connect(fx.clients.participant);
    await third.synced();
    expect(third.doc.getArray('notes').toJSON()).toEqual(notes.toJSON());
  });
});

describe.each(testDatabaseKinds())('a board left unchanged on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  const open: ReturnType<typeof openDocument>[] = [];
  beforeAll(async () => {
    server = await startTestServer({ database, env: { COLLAB_REST_AFTER_MS: '200' } });
    fx = await buildCohortFixture(server);
  });
  afterAll(async () => {
    for (const opened of open.splice(0)) opened.close();
    await server?.stop();
  });
  const connect = (client: TestClient, name: string) => {
    const opened = openDocument(server, client, name);
    open.push(opened);
    return opened;
  };

  it('drops its Y.Doc while people stay connected, and loses nothing when they write again', async () => {
    const board = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'What will you take back to your organisation?',
      template: 'word_wall',
    });
    expect(board.status).toBe(201);
    const name = board.body.docName as string;
    const writer = connect(fx.clients.facilitator, name);
    const reader = connect(fx.clients.participant, name);
    await writer.synced();
    await reader.synced();
    const notes = (opened: ReturnType<typeof openDocument>) =>
      opened.doc.getArray<{ text: string }>('notes').toJSON();
    writer.doc.getArray('notes').push([{ text: 'courage' }]);
    await waitFor(() => notes(reader).length === 1, 'the first card to reach the reader');
    const shared = server.collab.openDocuments().get(name)!;
    await waitFor(() => !shared.decoded, 'the board to rest');
    expect(shared.connections.size).toBe(2);

    // Someone arriving with nothing is sent the rested bytes as they are.
    const newcomer = connect(fx.clients.sponsor, name);
    await newcomer.synced();
    expect(notes(newcomer)).toEqual([{ text: 'courage' }]);
    expect(shared.decoded).toBe(false);

    // Presence still flows while the content rests.
    writer.provider.awareness.setLocalStateField('cursor', 'card-1');
    await waitFor(
      () => [...reader.provider.awareness.getStates().values()].some((s) => s.cursor === 'card-1'),
      'the writer’s cursor to reach the reader',
    );

    // The next edit decodes the board again, reaches everyone and is stored.
    writer.doc.getArray('notes').push([{ text: 'candour' }]);
    const expected = [{ text: 'courage' }, { text: 'candour' }];
    await waitFor(() => notes(reader).length === 2, 'the second card to reach the reader');
    await waitFor(() => notes(newcomer).length === 2, 'the second card to reach the newcomer');
    expect(notes(reader)).toEqual(expected);
    await shared.flush();
    const stored = new Y.Doc();
    for (const update of await loadStoredUpdates(server.db.db, name)) Y.applyUpdate(stored, update);
    expect(stored.getArray('notes').toJSON()).toEqual(expected);
    // And it rests again once quiet.
    await waitFor(() => !shared.decoded, 'the board to rest again');
    expect(shared.doc.getArray('notes').toJSON()).toEqual(expected);
  });
});
