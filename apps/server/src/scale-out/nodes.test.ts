import { createDb, type DbHandle } from '@colab/db';
import { readBoard } from '@colab/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadStoredUpdates } from '../collab/persistence.ts';
import { type ClusterServices, clusterServices, on, startNodes } from '../testing/cluster.ts';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { openReadySocket } from '../testing/socket-client.ts';
import type { TestClient, TestServer } from '../testing/test-server.ts';

async function storedDoc(db: DbHandle, docName: string) {
  const doc = new Y.Doc();
  for (const update of await loadStoredUpdates(db.db, docName)) Y.applyUpdate(doc, update);
  return doc;
}

async function loggedUpdates(db: DbHandle, docName: string) {
  const rows = await db.db.execute<{ data: Uint8Array }>(
    `select data from collab_updates where doc_name = '${docName.replace(/'/g, "''")}'` as never,
  );
  return (rows as unknown as { data: Uint8Array }[]).map((r) =>
    Buffer.from(r.data).toString('hex'),
  );
}

describe('three nodes sharing Postgres and Redis', () => {
  let services: ClusterServices;
  let nodes: TestServer[];
  let fx: CohortFixture;
  let db: DbHandle;

  beforeAll(async () => {
    services = await clusterServices();
    nodes = await startNodes(services, 3);
    fx = await buildCohortFixture(nodes[0]!);
    db = await createDb({ databaseUrl: services.databaseUrl, maxConnections: 2 });
  }, 120_000);
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await db?.close();
    await services?.dispose();
  });

  const newBoard = async (title: string) => {
    const made = await fx.clients.facilitator.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title,
      template: 'start_stop_continue',
    });
    expect(made.status).toBe(201);
    return made.body.docName as string;
  };

  it('keeps a board’s clients on different nodes live with each other', async () => {
    const docName = await newBoard('Across nodes');
    const people = [
      openDocument(nodes[0]!, on(nodes[0]!, fx.clients.participant), docName),
      openDocument(nodes[1]!, on(nodes[1]!, fx.clients.facilitator), docName),
      openDocument(nodes[2]!, on(nodes[2]!, fx.clients.lead), docName),
    ];
    try {
      await Promise.all(people.map((p) => p.synced()));
      people.forEach((p, i) => {
        p.doc.getArray<string>('notes').push([`from node ${i}`]);
      });
      for (const p of people)
        await waitFor(() => p.doc.getArray('notes').length === 3, 'every note on every node');
      // Awareness crosses nodes too: each sees the other two people, named by the server.
      for (const p of people) p.provider.awareness.setLocalStateField('focus', 'board');
      await waitFor(
        () => people.every((p) => p.provider.awareness.getStates().size >= 3),
        'everyone’s presence on every node',
      );
      // The participant's own state is local; the others' come stamped by their nodes.
      const names = [...people[0]!.provider.awareness.getStates().entries()]
        .filter(([id]) => id !== people[0]!.doc.clientID)
        .map(([, state]) => state)
        .map((state) => (state as { user?: { name?: string } }).user?.name)
        .filter(Boolean)
        .sort();
      expect(names).toEqual(['Facilitator Person', 'Lead Person']);
    } finally {
      for (const p of people) p.close();
    }
  });

  it('100 rounds of three nodes opening one document at once, with edits, end identical to what is stored', async () => {
    const clients = [fx.clients.participant, fx.clients.facilitator, fx.clients.lead];
    for (let round = 0; round < 100; round++) {
      const docName = await newBoard(`Round ${round}`);
      const columnsAtStart = readBoard(await storedDoc(db, docName)).length;
      // All three at once, each through a different node.
      const people = nodes.map((node, i) => openDocument(node, on(node, clients[i]!), docName));
      try {
        await Promise.all(people.map((p) => p.synced()));
        people.forEach((p, i) => {
          p.doc.getArray<string>('items').push([`round ${round}, node ${i}`]);
        });
        for (const p of people)
          await waitFor(() => p.doc.getArray('items').length >= 3, `round ${round} to converge`);
        const stored = await storedDoc(db, docName);
        const expected = [0, 1, 2].map((i) => `round ${round}, node ${i}`).sort();
        expect(stored.getArray<string>('items').toArray().sort(), `round ${round}`).toEqual(
          expected,
        );
        expect(readBoard(stored).length, `round ${round}: columns not doubled`).toBe(
          columnsAtStart,
        );
        for (const p of people) {
          expect(p.doc.getArray<string>('items').toArray().sort()).toEqual(expected);
          expect(Buffer.from(Y.encodeStateVector(p.doc))).toEqual(
            Buffer.from(Y.encodeStateVector(stored)),
          );
          expect(readBoard(p.doc)).toEqual(readBoard(stored));
        }
        // No update was logged twice (a node relaying another's update must not store it).
        const logged = await loggedUpdates(db, docName);
        expect(new Set(logged).size, `round ${round}: duplicated log rows`).toBe(logged.length);
      } finally {
        for (const p of people) p.close();
      }
    }
  }, 240_000);

  it('replays what a socket missed in a short drop, raised on another node (connection state recovery)', async () => {
    const socket = await openReadySocket(nodes[1]!.url, fx.clients.participant, {
      reconnection: true,
    });
    const updates: string[] = [];
    socket.on('cohort:updated', ({ cohortId }) => updates.push(cohortId));
    const edit = (n: number) =>
      on(nodes[0]!, fx.clients.lead).request('PATCH', `/api/cohorts/${fx.cohortId}`, {
        json: { description: `Edited ${n}` },
      });
    try {
      expect((await edit(1)).status).toBe(200);
      await waitFor(() => updates.length === 1, 'the first change');
      const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
      socket.io.engine.close();
      await dropped;
      // Raised while the socket is away.
      expect((await edit(2)).status).toBe(200);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      expect(socket.recovered).toBe(true);
      await waitFor(() => updates.length === 2, 'the missed change to be replayed');
    } finally {
      socket.disconnect();
    }
  });

  it('shows who is online across nodes, and forgets them when they go', async () => {
    const open = (node: TestServer, client: TestClient) => openReadySocket(node.url, client);
    const lead = await open(nodes[0]!, fx.clients.lead);
    let seen: { userId: string; page: string }[] = [];
    lead.on('presence:changed', ({ people }) => {
      seen = people;
    });
    const participant = await open(nodes[2]!, fx.clients.participant);
    try {
      await participant
        .timeout(3_000)
        .emitWithAck('presence:set', { cohortId: fx.cohortId, page: 'board', idle: false });
      await waitFor(
        () => seen.some((p) => p.userId === fx.userIds.participant && p.page === 'board'),
        'the participant on node 3 seen from node 1',
      );
      const listed = await lead
        .timeout(3_000)
        .emitWithAck('presence:list', { cohortId: fx.cohortId });
      expect(
        'data' in listed && listed.data.people.map((p: { userId: string }) => p.userId).sort(),
      ).toEqual([fx.userIds.lead, fx.userIds.participant].sort());
      participant.disconnect();
      await waitFor(
        () => !seen.some((p) => p.userId === fx.userIds.participant),
        'the participant gone from node 1’s list',
      );
    } finally {
      participant.disconnect();
      lead.disconnect();
    }
  });

  it('delivers a notification raised on one node to its person on another', async () => {
    const socket = await openReadySocket(nodes[2]!.url, fx.clients.participant);
    try {
      const heard = new Promise<{ title: string }>((resolve) =>
        socket.once('notification:new', resolve),
      );
      const board = await fx.clients.facilitator.post('/api/boards', {
        scope: { cohortId: fx.cohortId },
        title: 'Mentions',
        template: 'word_wall',
      });
      const mention = await on(nodes[0]!, fx.clients.facilitator).post(
        `/api/boards/${board.body.id}/mentions`,
        { cardId: 'card-1', userIds: [fx.userIds.participant], excerpt: 'what do you think?' },
      );
      expect(mention.body).toEqual({ notified: 1 });
      expect((await heard).title).toContain('mentioned you');
    } finally {
      socket.disconnect();
    }
  });
});
