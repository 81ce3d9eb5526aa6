import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Database } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { boardParts, FORMER_MEMBER_ID } from '@colab/shared';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildCohortFixture,
  type CohortFixture,
  openSocket,
} from '../../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../../testing/collab-client.ts';
import { PDF, sendForm } from '../../testing/multipart.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../testing/test-server.ts';
import { rowsOf } from './documents.ts';

const execFileAsync = promisify(execFile);

/**
 * Where a string occurs anywhere in the database: every text-like column of every table
 * (as text, so jsonb and arrays too) and every bytea column (as UTF-8 bytes), like grepping a
 * dump. Answers "table.column" for each hit.
 */
async function findEverywhere(db: Database, needle: string): Promise<string[]> {
  const columns = rowsOf<{ s: string; t: string; c: string; type: string }>(
    await db.execute(sql`
      select c.table_schema as s, c.table_name as t, c.column_name as c, c.data_type as type
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`),
  );
  expect(columns.length).toBeGreaterThan(20);
  const hits: string[] = [];
  for (const col of columns) {
    const ref = sql.raw(`"${col.s}"."${col.t}"`);
    const column = sql.raw(`"${col.c}"`);
    const match =
      col.type === 'bytea'
        ? sql`position(convert_to(${needle}, 'UTF8') in ${column}) > 0`
        : sql`position(${needle} in ${column}::text) > 0`;
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${ref} where ${match}`),
    );
    if (row && Number(row.n) > 0) hits.push(`${col.t}.${col.c}`);
  }
  return hits;
}

/**
 * Which of `needles` a real `pg_dump` of the server's Postgres database holds, as text or, as
 * pg_dump writes bytea (the stored Yjs updates), as hex. Null on PGlite, which has no server
 * for pg_dump to reach; `findEverywhere` stands in there.
 */
async function dumpHolds(server: TestServer, needles: string[]): Promise<string[] | null> {
  const url = server.config.databaseUrl;
  if (!url) return null;
  const { stdout } = await execFileAsync('pg_dump', ['--data-only', '--no-owner', url], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return needles.filter(
    (needle) => stdout.includes(needle) || stdout.includes(Buffer.from(needle).toString('hex')),
  );
}

async function joinAs(server: TestServer, fx: CohortFixture, name: string) {
  const client = server.client();
  const person = { ...newPerson(name), name };
  const signedUp = await client.signUp(person);
  expect(signedUp.status).toBe(200);
  const invited = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/invitations`, {
    invites: [{ email: person.email, role: 'participant' }],
  });
  const token = invited.body.results[0].invitation.link.split('/invitations/')[1];
  expect((await client.post(`/api/invitations/${token}/accept`)).status).toBe(200);
  return { client, person, userId: signedUp.body.user.id as string };
}

async function writeJournal(server: TestServer, client: TestClient, text: string) {
  const { body } = await client.post('/api/journal', { title: 'Between sessions' });
  const writer = openDocument(server, client, body.docName);
  await writer.synced();
  writer.doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText(text)]);
  await waitFor(
    () =>
      server.collab.openDocuments().get(body.docName)?.doc.getXmlFragment('prosemirror').length ===
      1,
    'the journal text to reach the server',
  );
  writer.close();
  return body.id as string;
}

/** The text node of a group page's first paragraph, made when missing, in `doc`. */
function firstLine(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('prosemirror');
  if (fragment.length === 0) {
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText()]);
  }
  return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** An @mention of someone, as the page editor writes it, in a paragraph of its own. */
function mention(doc: Y.Doc, userId: string, label: string) {
  const paragraph = new Y.XmlElement('paragraph');
  const fragment = doc.getXmlFragment('prosemirror');
  fragment.insert(fragment.length, [paragraph]);
  const node = new Y.XmlElement('mention');
  paragraph.insert(0, [node]);
  node.setAttribute('id', userId);
  node.setAttribute('label', label);
}

/** Edits a shared document as `client` and waits until the server holds the result. */
async function editPage(
  server: TestServer,
  client: TestClient,
  docName: string,
  edit: (doc: Y.Doc) => void,
) {
  const writer = openDocument(server, client, docName);
  await writer.synced();
  edit(writer.doc);
  const expected = writer.doc.getXmlFragment('prosemirror').toString();
  await waitFor(
    () =>
      server.collab.openDocuments().get(docName)?.doc.getXmlFragment('prosemirror').toString() ===
      expected,
    `the edit of ${docName} to reach the server`,
  );
  writer.close();
}

describe.each(testDatabaseKinds())('your data on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let boardId: string;
  let docName: string;
  let columnId: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    const board = await fx.clients.lead.post('/api/boards', {
      scope: { cohortId: fx.cohortId },
      title: 'What this programme meant',
      template: 'word_wall',
    });
    expect(board.status).toBe(201);
    boardId = board.body.id;
    docName = board.body.docName;
    const reader = openDocument(server, fx.clients.lead, docName);
    await reader.synced();
    columnId = boardParts(reader.doc).columns.get(0).get('id') as string;
    reader.close();
  });
  afterAll(() => server?.stop());

  it('exports what a person wrote and what is about them, and nobody else’s', async () => {
    const amy = await joinAs(server, fx, 'Amy Exporter');
    const mineSecret = `MY-JOURNAL-${randomUUID()}`;
    const theirSecret = `THEIR-JOURNAL-${randomUUID()}`;
    await writeJournal(server, amy.client, mineSecret);
    await writeJournal(server, fx.clients.facilitator, theirSecret);
    const writer = openDocument(server, amy.client, docName);
    const other = openDocument(server, fx.clients.facilitator, docName);
    await Promise.all([writer.synced(), other.synced()]);
    const addCard = (doc: Y.Doc, text: string, authorId: string) => {
      const card = new Y.Map<unknown>();
      const id = randomUUID();
      for (const [k, v] of Object.entries({
        id,
        columnId,
        themeId: null,
        text,
        colour: 'yellow',
        authorId,
        createdAt: new Date().toISOString(),
        order: 0,
      }))
        card.set(k, v);
      boardParts(doc).cards.set(id, card);
      return id;
    };
    addCard(writer.doc, 'Amy’s own card', amy.userId);
    addCard(other.doc, 'The facilitator’s card', fx.userIds.facilitator);
    const shared = () => server.collab.openDocuments().get(docName)!.doc;
    await waitFor(() => boardParts(shared()).cards.size >= 2, 'both cards to arrive');
    // In the server's memory is not yet stored, and the export reads what is stored.
    await server.collab.openDocuments().get(docName)!.flush();
    writer.close();
    other.close();

    const response = await fetch(`${server.url}/api/me/export`, {
      headers: { cookie: amy.client.cookieHeader },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const json = new TextDecoder().decode(zip['data.json']);
    const data = JSON.parse(json);
    expect(data.account.email).toBe(amy.person.email);
    expect(data.account).not.toHaveProperty('password');
    expect(data.cohorts.map((c: { id: string }) => c.id)).toContain(fx.cohortId);
    expect(data.journalEntries[0].text).toContain(mineSecret);
    expect(data.boardContributions[0].cards.map((c: { text: string }) => c.text)).toEqual([
      'Amy’s own card',
    ]);
    expect(json).not.toContain(theirSecret);
    expect(json).not.toContain('The facilitator’s card');

    const audit = rowsOf<{ n: number }>(
      await server.db.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'data.exported' and actor_id = ${amy.userId}`,
      ),
    );
    expect(Number(audit[0]!.n)).toBe(1);
  });

  it('puts the person’s uploaded files in the zip beside data.json', async () => {
    const group = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'The Visionaries',
    });
    expect(group.status).toBe(201);
    const added = await fx.clients.lead.post(`/api/groups/${group.body.id}/members`, {
      userIds: [fx.userIds.participant],
      role: 'member',
    });
    expect(added.status).toBeLessThan(300);
    const upload = await sendForm(
      fx.clients.participant,
      `/api/groups/${group.body.id}/resources`,
      { title: 'Interview notes' },
      { name: 'notes.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(upload.status).toBe(201);
    const response = await fetch(`${server.url}/api/me/export`, {
      headers: { cookie: fx.clients.participant.cookieHeader },
    });
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const file = Object.keys(zip).find((name) => name.startsWith('files/resources/'));
    expect(file).toMatch(/notes\.pdf$/);
    expect(Buffer.from(zip[file!]!)).toEqual(PDF);
  });

  it('exports the pages of the groups they are and were in, and what they left on groups', async () => {
    const gil = await joinAs(server, fx, 'Gil Grouper');
    const mine = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Pathfinders',
      memberIds: [gil.userId, fx.userIds.participant],
    });
    const past = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Earlier group',
      memberIds: [gil.userId],
    });
    const unrelated = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Not theirs',
      memberIds: [fx.userIds.participant],
    });
    for (const g of [mine, past, unrelated]) expect(g.status).toBe(201);
    const pageWords = `OUR-PAGE-${randomUUID()}`;
    const elsewhere = `NOT-THEIR-PAGE-${randomUUID()}`;
    await editPage(server, gil.client, mine.body.docName, (doc) => {
      firstLine(doc).insert(0, `${pageWords} `);
      mention(doc, fx.userIds.participant, 'Participant Person');
    });
    await editPage(server, fx.clients.participant, unrelated.body.docName, (doc) => {
      firstLine(doc).insert(0, elsewhere);
    });

    const interview = await gil.client.post(`/api/groups/${past.body.id}/evidence`, {
      kind: 'interview',
      title: 'Talked to a GP',
    });
    const finding = await gil.client.post(`/api/groups/${past.body.id}/evidence`, {
      kind: 'finding',
      title: 'GPs want shorter forms',
      evidenceIds: [interview.body.id],
    });
    expect(finding.status).toBe(201);
    expect(
      (
        await gil.client.post(`/api/groups/${mine.body.id}/milestones`, {
          title: 'Share the first draft',
          dueOn: '2027-03-01',
        })
      ).status,
    ).toBe(201);
    const excerpt = `MENTION-${randomUUID().slice(0, 8)}`;
    const mentioned = await gil.client.post(`/api/groups/${mine.body.id}/mentions`, {
      userIds: [fx.userIds.participant],
      excerpt,
    });
    expect(mentioned.body).toEqual({ notified: 1 });
    // Their answer to feedback on the group's published output, not the feedback itself.
    const output = await gil.client.post(`/api/groups/${mine.body.id}/outputs`, {
      title: 'Fewer forms',
    });
    expect((await gil.client.post(`/api/outputs/${output.body.id}/submit`)).status).toBe(200);
    expect((await fx.clients.lead.post(`/api/outputs/${output.body.id}/publish`)).status).toBe(200);
    const feedbackWords = `THEIR-FEEDBACK-${randomUUID()}`;
    const feedback = await fx.clients.sponsor.post(`/api/outputs/${output.body.id}/feedback`, {
      body: feedbackWords,
    });
    expect(feedback.status).toBe(201);
    const answer = `OUR-ANSWER-${randomUUID()}`;
    expect(
      (await gil.client.post(`/api/feedback/${feedback.body.id}/answer`, { body: answer })).status,
    ).toBe(200);
    // Out of the earlier group now: it stays in their export by what they left in it.
    expect(
      (await fx.clients.lead.request('DELETE', `/api/groups/${past.body.id}/members/${gil.userId}`))
        .status,
    ).toBe(204);

    const response = await fetch(`${server.url}/api/me/export`, {
      headers: { cookie: gil.client.cookieHeader },
    });
    expect(response.status).toBe(200);
    const json = new TextDecoder().decode(
      unzipSync(new Uint8Array(await response.arrayBuffer()))['data.json'],
    );
    const data = JSON.parse(json);
    const groups = new Map<string, any>(data.groups.map((g: { id: string }) => [g.id, g]));
    expect([...groups.keys()].sort()).toEqual([mine.body.id, past.body.id].sort());
    expect(groups.get(mine.body.id)).toMatchObject({
      name: 'Pathfinders',
      cohortId: fx.cohortId,
      myRole: 'member',
      milestones: [expect.objectContaining({ title: 'Share the first draft' })],
    });
    expect(groups.get(mine.body.id).page).toContain(pageWords);
    expect(groups.get(mine.body.id).page).toContain('@Participant Person');
    expect(groups.get(past.body.id)).toMatchObject({ name: 'Earlier group', myRole: null });
    expect(data.groupEvidence.map((e: { title: string }) => e.title).sort()).toEqual([
      'GPs want shorter forms',
      'Talked to a GP',
    ]);
    expect(data.findingLinks).toEqual([
      { findingId: finding.body.id, evidenceId: interview.body.id },
    ]);
    expect(data.mentionsMade).toEqual([
      expect.objectContaining({ kind: 'mention', title: expect.stringContaining(excerpt) }),
    ]);
    expect(data.outputFeedbackAnswered).toEqual([
      expect.objectContaining({ id: feedback.body.id, answer }),
    ]);
    expect(json).not.toContain(elsewhere);
    expect(json).not.toContain(feedbackWords);
  });

  it('erases an account so its name, email and deleted words are found nowhere in the database', async () => {
    const name = `Zelda Quillfeather ${randomUUID().slice(0, 8)}`;
    const zelda = await joinAs(server, fx, name);
    const canary = `CANARY-${randomUUID()}`;
    const journalSecret = `JOURNAL-${randomUUID()}`;
    await writeJournal(server, zelda.client, journalSecret);

    const writer = openDocument(server, zelda.client, docName);
    await writer.synced();
    const cardId = randomUUID();
    const card = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      id: cardId,
      columnId,
      themeId: null,
      text: canary,
      colour: 'pink',
      authorId: zelda.userId,
      createdAt: new Date().toISOString(),
      order: 1,
    }))
      card.set(k, v);
    boardParts(writer.doc).cards.set(cardId, card);
    const shared = () => server.collab.openDocuments().get(docName)!.doc;
    await waitFor(() => boardParts(shared()).cards.has(cardId), 'the card to arrive');
    // Rewritten: the canary now lives only in the document's history.
    card.set('text', 'A kinder word');
    await waitFor(
      () => boardParts(shared()).cards.get(cardId)?.get('text') === 'A kinder word',
      'the edit to arrive',
    );
    await server.collab.openDocuments().get(docName)!.flush();
    // A mention puts their name in someone else's notifications.
    expect(
      (
        await zelda.client.post(`/api/boards/${boardId}/mentions`, {
          cardId,
          userIds: [fx.userIds.facilitator],
        })
      ).status,
    ).toBe(200);

    // On group pages: words they keep, and a canary typed then deleted, on the page of a group
    // they are still in and of one they were taken out of before the erasure; and someone
    // else's @mention of them.
    const group = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Quill group',
      memberIds: [zelda.userId, fx.userIds.participant],
    });
    const leftGroup = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Left group',
      memberIds: [zelda.userId],
    });
    expect([group.status, leftGroup.status]).toEqual([201, 201]);
    const keptWords = `KEPT-${randomUUID()}`;
    const pageCanary = `PAGE-CANARY-${randomUUID()}`;
    const leftCanary = `LEFT-CANARY-${randomUUID()}`;
    for (const [docName, words, deleted] of [
      [group.body.docName, `${keptWords} `, pageCanary],
      [leftGroup.body.docName, 'Still here ', leftCanary],
    ] as const) {
      await editPage(server, zelda.client, docName, (doc) => {
        const line = firstLine(doc);
        line.insert(0, words);
        line.insert(words.length, deleted);
      });
      // Deleted in a later edit, so the canary was stored on its own first.
      await editPage(server, zelda.client, docName, (doc) =>
        firstLine(doc).delete(words.length, deleted.length),
      );
    }
    await editPage(server, fx.clients.participant, group.body.docName, (doc) =>
      mention(doc, zelda.userId, name),
    );
    const outOfGroup = await fx.clients.lead.request(
      'DELETE',
      `/api/groups/${leftGroup.body.id}/members/${zelda.userId}`,
    );
    expect(outOfGroup.status).toBe(204);

    const db = server.db.db;
    expect(await findEverywhere(db, pageCanary)).toContain('collab_updates.data');
    expect(await findEverywhere(db, leftCanary)).toContain('collab_updates.data');
    expect(await findEverywhere(db, canary)).toContain('collab_updates.data');
    expect(await findEverywhere(db, name)).not.toEqual([]);
    expect(await findEverywhere(db, zelda.person.email)).not.toEqual([]);
    const traces = [canary, pageCanary, leftCanary, name, zelda.person.email, zelda.userId];
    const dumped = await dumpHolds(server, traces);
    if (dumped) expect(dumped.sort()).toEqual([...traces].sort());

    const { socket } = await openSocket(server, zelda.client);
    expect(socket.connected).toBe(true);
    const socketGone = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    let collabClosed = false;
    writer.provider.ws?.addEventListener('close', () => {
      collabClosed = true;
    });

    const wrong = await zelda.client.request('DELETE', '/api/me', {
      json: { confirm: 'someone@else.org' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.map((f: { path: string }) => f.path)).toEqual(['confirm']);
    const missing = await zelda.client.request('DELETE', '/api/me', { json: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { path: string }) => f.path)).toEqual(['confirm']);

    const erased = await zelda.client.request('DELETE', '/api/me', {
      json: { confirm: zelda.person.email.toUpperCase() },
    });
    expect(erased.status).toBe(204);
    await socketGone;
    await waitFor(() => collabClosed, 'the collab connection to close');
    writer.provider.shouldConnect = false;
    writer.close();
    socket.close();
    expect((await zelda.client.get('/api/me')).status).toBe(401);
    expect(
      (await server.client().signIn(zelda.person.email, zelda.person.password)).status,
    ).not.toBe(200);

    // The card stays, written by a former member.
    const reader = openDocument(server, fx.clients.facilitator, docName);
    await reader.synced();
    const kept = boardParts(reader.doc).cards.get(cardId)!;
    expect(kept.get('text')).toBe('A kinder word');
    expect(kept.get('authorId')).toBe(FORMER_MEMBER_ID);
    reader.close();
    const notifications = await fx.clients.facilitator.get('/api/notifications');
    expect(
      notifications.body.notifications.some((n: { title: string }) =>
        n.title.startsWith('Former member mentioned you'),
      ),
    ).toBe(true);

    expect(await findEverywhere(db, canary)).toEqual([]);
    expect(await findEverywhere(db, pageCanary)).toEqual([]);
    expect(await findEverywhere(db, leftCanary)).toEqual([]);
    expect(await findEverywhere(db, zelda.userId)).toEqual([]);
    expect(await findEverywhere(db, journalSecret)).toEqual([]);
    // What stays on the page stays, the mention now naming a former member.
    expect(await findEverywhere(db, keptWords)).not.toEqual([]);
    const page = await server.collab.read(group.body.docName, (doc) =>
      doc.getXmlFragment('prosemirror').toString(),
    );
    expect(page).toContain(keptWords);
    expect(page).toContain(`id="${FORMER_MEMBER_ID}"`);
    expect(page).toContain('Former member');
    expect(page).not.toContain(zelda.userId);
    expect(await findEverywhere(db, name)).toEqual([]);
    expect(await findEverywhere(db, zelda.person.email)).toEqual([]);
    expect(await findEverywhere(db, zelda.person.email.split('@')[0]!)).toEqual([]);
    // And in a real dump of a Postgres database, uuid columns and all.
    expect(await dumpHolds(server, traces)).toEqual(server.config.databaseUrl ? [] : null);

    const audit = await fx.clients.lead.get(`/api/cohorts/${fx.cohortId}/audit`);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('account.erased');
  });

  it('lets the instance admin erase someone, and nobody else', async () => {
    const bea = await joinAs(server, fx, 'Bea Requester');
    const asLead = await fx.clients.lead.request('DELETE', `/api/users/${bea.userId}`, {
      json: { confirm: bea.person.email },
    });
    expect(asLead.status).toBe(403);
    const wrong = await fx.clients.admin.request('DELETE', `/api/users/${bea.userId}`, {
      json: { confirm: 'nope@example.org' },
    });
    expect(wrong.status).toBe(400);
    const done = await fx.clients.admin.request('DELETE', `/api/users/${bea.userId}`, {
      json: { confirm: bea.person.email },
    });
    expect(done.status).toBe(204);
    expect((await bea.client.get('/api/me')).status).toBe(401);
    const again = await fx.clients.admin.request('DELETE', `/api/users/${bea.userId}`, {
      json: { confirm: bea.person.email },
    });
    expect(again.status).toBe(404);
  });

  it('refuses to erase the only instance admin', async () => {
    const me = await fx.clients.admin.get('/api/me');
    const refused = await fx.clients.admin.request('DELETE', '/api/me', {
      json: { confirm: me.body.email },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('last_instance_admin');
  });
});
