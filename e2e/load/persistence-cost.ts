/**
 * Persistence cost (issue #8, scenario 4): what 100,000 edits of one board (quick: 10,000)
 * cost in Postgres: WAL bytes and stored bytes per edit, and the update log's size before and
 * after compaction against the document's own encoded state (goal: stored < 2 × encoded).
 *
 * Colab (built) runs on a fresh database `colab_bench_<random>` on 127.0.0.1:5432, dropped at
 * the end. A few raw editors send card-like edits (add, move, retitle, vote; the oldest card
 * goes once an editor has 100) as y-websocket update frames; a watcher connection counts the
 * updates the server relays, which it does only once they are stored, so the editors keep a
 * bounded number of edits in flight instead of tripping rate limits or queues.
 * `tsx persistence-cost.ts [--quick]`.
 */
import { loadavg } from 'node:os';
import { boardParts } from '@colab/shared';
import * as Y from 'yjs';
import { startColab } from './colab-process.ts';
import { connectRawClient, type RawCollabClient } from './collab-client.ts';
import { freshDatabase } from './postgres-database.ts';
import { runWhenStarted, saveSection, stamp } from './results-file.ts';
import { seedCohort } from './seed.ts';
import { round } from './statistics.ts';

const EDITORS = 4;
/** Edits sent but not yet seen stored: enough to fill the server's group commits. */
const IN_FLIGHT = 400;
const CARDS_PER_EDITOR = 100;
const COLOURS = ['yellow', 'pink', 'blue', 'green'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One person's edits on a board, in the shapes the board itself writes (board-ops.ts). The
 * editors all write as `authorId`, the one they are signed in as: the server takes a card only
 * in its writer's name, and each person's dots only within the board's budget.
 */
function cardEditor(client: RawCollabClient, index: number, authorId: string) {
  const { doc } = client;
  const { columns, cards, votes } = boardParts(doc);
  const columnIds = columns.toArray().map((c) => c.get('id') as string);
  if (columnIds.length === 0) throw new Error('the board has no columns: was it synced?');
  const mine: string[] = [];
  /** The one card this editor has dotted (four editors, one name, a budget of five). */
  let dotted: string | undefined;
  let seq = 0;
  const pick = () => mine[Math.floor(Math.random() * mine.length)]!;
  /** This editor's clock after each of its edits: an edit is stored once the watcher has it. */
  const clocks: number[] = [];
  const edit = () => {
    seq += 1;
    const kind = mine.length < 5 ? 0 : seq % 10;
    doc.transact(() => {
      if (kind < 3) {
        const id = `e${index}-${seq}`;
        const card = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({
          id,
          columnId: columnIds[seq % columnIds.length],
          themeId: null,
          text: `Editor ${index}'s thought number ${seq}: what we should start doing`,
          colour: COLOURS[seq % COLOURS.length],
          authorId,
          createdAt: new Date().toISOString(),
          order: seq,
        }))
          card.set(k, v);
        cards.set(id, card);
        mine.push(id);
        if (mine.length > CARDS_PER_EDITOR) {
          const old = mine.shift()!;
          cards.delete(old);
          votes.delete(old);
          if (old === dotted) dotted = undefined;
        }
      } else if (kind < 6) {
        const card = cards.get(pick());
        card?.set('columnId', columnIds[Math.floor(Math.random() * columnIds.length)]);
        card?.set('order', Math.random() * 1000);
      } else if (kind < 9) {
        cards.get(pick())?.set('text', `Editor ${index} rewrote this at edit ${seq}`);
      } else if (dotted) {
        votes.get(dotted)?.delete(authorId);
        dotted = undefined;
      } else {
        const id = pick();
        let perCard = votes.get(id);
        if (!perCard) {
          perCard = new Y.Map<number>();
          votes.set(id, perCard);
        }
        perCard.set(authorId, 1);
        dotted = id;
      }
    });
    clocks.push(Y.getState(doc.store, doc.clientID));
  };
  return Object.assign(edit, { clientId: doc.clientID, clocks });
}

export async function run(quick: boolean): Promise<void> {
  const edits = quick ? 10_000 : 100_000;
  const started = performance.now();
  const load1 = loadavg()[0]!;
  const db = await freshDatabase();
  const clients: RawCollabClient[] = [];
  let colab: Awaited<ReturnType<typeof startColab>> | undefined;
  try {
    colab = await startColab({
      DATABASE_URL: db.url,
      COLLAB_MESSAGES_PER_SECOND: '1000000',
      COLLAB_MESSAGE_BURST: '1000000',
    });
    const { admin, boards } = await seedCohort(colab.url, { boards: 1 });
    const docName = boards[0]!.docName;
    const wsUrl = `${colab.url.replace('http', 'ws')}/collab/${docName}`;
    const headers = { cookie: admin.cookie, origin: colab.url };

    // The server relays an edit only once stored, and merges what one commit stored into one
    // update: the watcher counts edits by how far each editor's clock has come.
    let stored = 0;
    let wake: (() => void) | undefined;
    const seen = new Map<number, number>();
    const counted = new Map<number, number>();
    let editors: ReturnType<typeof cardEditor>[] = [];
    const watcher = connectRawClient(wsUrl, headers, {
      onUpdate: (update) => {
        if (!update) return;
        for (const [client, clock] of Y.parseUpdateMeta(update).to)
          seen.set(client, Math.max(seen.get(client) ?? 0, clock));
        for (const e of editors) {
          let n = counted.get(e.clientId) ?? 0;
          while (n < e.clocks.length && e.clocks[n]! <= (seen.get(e.clientId) ?? 0)) n += 1;
          stored += n - (counted.get(e.clientId) ?? 0);
          counted.set(e.clientId, n);
        }
        wake?.();
      },
    });
    clients.push(watcher);
    const editorClients = Array.from({ length: EDITORS }, () => connectRawClient(wsUrl, headers));
    clients.push(...editorClients);
    await Promise.all(clients.map((c) => c.synced));
    editors = editorClients.map((c, i) => cardEditor(c, i, admin.userId));

    const logBytes = async () => {
      const [row] = await db.sql<{ updates: number; snapshot: number; rows: number }[]>`
        select
          (select coalesce(sum(octet_length(data)), 0)::int from collab_updates where doc_name = ${docName}) as updates,
          (select coalesce(sum(octet_length(data)), 0)::int from collab_snapshots where doc_name = ${docName}) as snapshot,
          (select count(*)::int from collab_updates where doc_name = ${docName}) as rows`;
      return row!;
    };
    const relationBytes = async () => {
      const [row] = await db.sql<{ bytes: string }[]>`
        select (pg_total_relation_size('collab_updates') + pg_total_relation_size('collab_snapshots'))::text as bytes`;
      return Number(row!.bytes);
    };
    const walLsn = async () =>
      (await db.sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`)[0]!.lsn;
    const walSince = async (lsn: string) =>
      Number(
        (
          await db.sql<
            { d: string }[]
          >`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn)::text as d`
        )[0]!.d,
      );

    const before = await logBytes();
    const relation0 = await relationBytes();
    const wal0 = await walLsn();

    // The stored log is sampled while the edits go in: its largest size is the log just
    // before a compaction (every 500 updates) folds it.
    let peak = before.updates + before.snapshot;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await logBytes();
        peak = Math.max(peak, now.updates + now.snapshot);
        await sleep(100);
      }
    })();

    const t0 = performance.now();
    let sent = 0;
    while (sent < edits) {
      if (sent - stored >= IN_FLIGHT) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const burst = Math.min(50, edits - sent, IN_FLIGHT - (sent - stored));
      for (let i = 0; i < burst; i++) editors[(sent + i) % EDITORS]!();
      sent += burst;
      // Let the socket writes and the watcher's frames through between bursts.
      await new Promise((r) => setImmediate(r));
    }
    const deadline = Date.now() + 60_000;
    while (stored < edits) {
      if (Date.now() > deadline) throw new Error(`only ${stored} of ${edits} edits were stored`);
      await sleep(20);
    }
    const editSeconds = (performance.now() - t0) / 1000;
    sampling = false;
    await sampler;

    const walEdits = await walSince(wal0);
    const atEnd = await logBytes();
    const relation1 = await relationBytes();
    const updateBytesSent = editorClients.reduce((sum, c) => sum + c.bytesSent(), 0);

    // The document as a new client receives it.
    const reader = connectRawClient(wsUrl, headers);
    clients.push(reader);
    await reader.synced;
    const encodedState = Y.encodeStateAsUpdate(reader.doc).byteLength;
    const cards = boardParts(reader.doc).cards.size;

    // Shutting down unloads every document the way the idle unload does (flush, then fold
    // the log if it holds more than one update): the final compaction, without waiting 30 s.
    for (const c of clients.splice(0)) await c.close();
    const walShutdown = await walLsn();
    await colab.stop();
    colab = undefined;
    const walFinalCompaction = await walSince(walShutdown);
    const after = await logBytes();
    const relation2 = await relationBytes();

    const storedAtEnd = atEnd.updates + atEnd.snapshot;
    const storedAfter = after.updates + after.snapshot;
    const data = {
      mode: quick ? 'quick' : 'full',
      database: 'postgres',
      editors: EDITORS,
      edits,
      editsPerSecond: Math.round(edits / editSeconds),
      cardsOnBoard: cards,
      walBytesPerEdit: round(walEdits / edits),
      tableBytesPerEdit: round((relation1 - relation0) / edits),
      updateBytesPerEdit: round(updateBytesSent / edits),
      uncompactedLogBytes: updateBytesSent,
      peakStoredBytes: peak,
      storedBytesBeforeFinalCompaction: storedAtEnd,
      updatesBeforeFinalCompaction: atEnd.rows,
      storedBytesAfterCompaction: storedAfter,
      updatesAfterCompaction: after.rows,
      encodedStateBytes: encodedState,
      storedOverEncoded: round(storedAfter / encodedState),
      peakOverEncoded: round(peak / encodedState),
      finalCompactionWalBytes: walFinalCompaction,
      relationBytesAfter: relation2,
      seconds: round((performance.now() - started) / 1000),
    };
    const kb = (n: number) => `${round(n / 1024)} KB`;
    const markdown = [
      '## Persistence cost (Postgres)',
      '',
      `${stamp(quick)}: ${edits.toLocaleString('en')} card edits (add 30 %, move 30 %, retitle 30 %, a dot placed or taken back 10 %; an editor's oldest card goes once it has ${CARDS_PER_EDITOR}) by ${EDITORS} raw editors on one board, ${data.editsPerSecond.toLocaleString('en')} edits/s stored; ${cards} cards at the end. One run, ${data.seconds} s; load average at the start ${load1.toFixed(1)} (other work shares this machine).`,
      '',
      '| figure | value |',
      '|---|---|',
      `| WAL per edit (cluster-wide \`pg_wal_lsn_diff\`) | ${data.walBytesPerEdit} B |`,
      `| table growth per edit (\`pg_total_relation_size\` of collab_updates + collab_snapshots) | ${data.tableBytesPerEdit} B |`,
      `| update size per edit (as sent) | ${data.updateBytesPerEdit} B |`,
      `| log without compaction (every update kept) | ${kb(updateBytesSent)} |`,
      `| stored log at its largest (sampled every 100 ms) | ${kb(peak)} |`,
      `| stored at the end of the edits (snapshot + ${atEnd.rows} updates) | ${kb(storedAtEnd)} |`,
      `| stored after the final compaction (snapshot + ${after.rows} updates) | ${kb(storedAfter)} |`,
      `| document's encoded state (\`Y.encodeStateAsUpdate\` on a fresh client) | ${kb(encodedState)} |`,
      `| **stored ÷ encoded after compaction** (goal < 2) | **${data.storedOverEncoded}** |`,
      `| largest stored ÷ encoded | ${data.peakOverEncoded} |`,
      `| WAL of the final compaction | ${kb(walFinalCompaction)} |`,
      '',
      'WAL is counted for the whole cluster, so other work on this shared machine adds to it; the table figures count this database only (on-disk size, pages and index included, dead rows until vacuum).',
      '',
      "The log is folded after every 500 stored updates, in one Yjs transaction (since 7 December: applying each logged update in a transaction of its own cost 5 to 10 times as much), in the server's event loop for a document and log under 2 MB, as this one is, and on a worker thread above that (`collab/fold.ts`). What the log holds at its largest is what arrived while a fold ran: tried on 7 December with this board's folds on the thread, the server took as many edits a second or more (3,778–5,428 against 3,578–3,754 in five runs), but the thread waited for a core among the server, Postgres and the four editors, and the log grew to 2.2–2.6 × the document, against 1.5 × with the folds in the event loop, which hold the edits back while they run.",
    ].join('\n');
    console.log(`\n${markdown}\n`);
    saveSection('persistence', data, markdown);
  } finally {
    for (const c of clients) await c.close().catch(() => {});
    if (colab) await colab.stop();
    await db.drop();
  }
}

runWhenStarted(import.meta.url, run);
