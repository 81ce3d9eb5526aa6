/**
 * Many boards: 1,000 boards (quick: 50) with 5 idle clients each, on Colab (Postgres) and on
 * Hocuspocus 4. Each board holds the same 20 cards, written by its first client. Resident
 * memory after a full collection (probe.mjs) before, with one client per board (memory per
 * document with its connection), with five (memory per further idle connection), and after
 * everyone has left (are the documents released?).
 *
 * Alone: `tsx many-boards.ts [--quick]`.
 */
import { bareClient, boardUpdates } from './clients.ts';
import { runWhenStarted, saveSection, stamp } from './results-file.ts';
import { sleep, startColabTarget, startPlain, type Target } from './servers.ts';
import { round } from './statistics.ts';

const PER_BOARD = 5;

/** Runs `work` over `items`, `width` at a time. */
async function inWaves<T, R>(items: T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width)
    results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

async function measure(
  target: Target,
  names: string[],
  content: Uint8Array,
  documents?: () => Promise<number>,
) {
  const p0 = await target.probe();
  const rss0 = p0.rssMb;
  const first = await inWaves(names, 100, async (name) => {
    const client = bareClient(target, name, true);
    await client.opened;
    client.update(content);
    return client;
  });
  // Long enough for every document to have rested (COLLAB_REST_AFTER_MS below) since its
  // first client wrote, so the next reading counts connections only.
  await sleep(3000);
  const p1 = await target.probe();
  const rss1 = p1.rssMb;
  const more = await inWaves(
    names.flatMap((name) => Array.from({ length: PER_BOARD - 1 }, () => name)),
    200,
    async (name) => {
      const client = bareClient(target, name, true);
      await client.opened;
      return client;
    },
  );
  await sleep(2000);
  const p2 = await target.probe();
  const rss2 = p2.rssMb;
  for (const c of [...first, ...more]) c.ws.close();
  let left = -1;
  const deadline = Date.now() + 60_000;
  do {
    await sleep(500);
    left = documents ? await documents() : 0;
  } while (left > 0 && Date.now() < deadline);
  await sleep(1000);
  const rss3 = (await target.probe()).rssMb;
  return {
    kbPerDocument: round(((rss1 - rss0) * 1024) / names.length),
    kbPerConnection: round(((rss2 - rss1) * 1024) / (names.length * (PER_BOARD - 1))),
    heapKbPerDocument: round(((p1.heapUsedMb - p0.heapUsedMb) * 1024) / names.length),
    heapKbPerConnection: round(
      ((p2.heapUsedMb - p1.heapUsedMb) * 1024) / (names.length * (PER_BOARD - 1)),
    ),
    heapCommittedKbPerConnection: round(
      ((p2.heapTotalMb - p1.heapTotalMb) * 1024) / (names.length * (PER_BOARD - 1)),
    ),
    rssMb: {
      before: round(rss0),
      oneEach: round(rss1),
      fiveEach: round(rss2),
      afterLeaving: round(rss3),
    },
    documentsLeftInMemory: documents ? left : null,
  };
}

/** What the figures say, written down with every run. */
const MANY_BOARDS_LIMITS =
  "How it is measured: each reading follows V8's collection of all available garbage (the one it makes when memory runs out, and before a heap snapshot: several rounds, caches cleared, free pages handed back), asked through an in-process inspector session (`probe.mjs`), for every server alike. Until 6 December the probe called `gc({ flavor: 'last-resort' })`, which Node 20's V8 ignores: that was a plain full collection, and it left up to 80 MB that a heap snapshot then freed, which is where the 16–19 KB per connection reported before came from; measured properly, an idle connection holds what a heap snapshot diff counts (about 4.5 KB of objects: the socket and its stream states, ws's WebSocket, Receiver and Sender, Colab's connection record). Per document: a board that nobody has changed for `COLLAB_REST_AFTER_MS` (a minute by default, a second here) drops its decoded Y.Doc for its encoded state while its clients stay connected; newcomers are sent those bytes as they are, and the next edit decodes it again (README, Decisions). Presence has a Y.Doc of its own for that. Hocuspocus keeps every open document decoded.";

export async function run(quick: boolean) {
  const started = Date.now();
  const boards = quick ? 50 : 1000;
  const data: Record<string, unknown> = { boards, clientsPerBoard: PER_BOARD };

  const colab = await startColabTarget('postgres', {
    COLLAB_MESSAGES_PER_SECOND: '100000',
    COLLAB_MESSAGE_BURST: '100000',
    COLLAB_IDLE_UNLOAD_MS: '1000',
    // Idle documents rest (drop their Y.Doc) after a minute by default; a second here, as the
    // unload above, so the run stays short.
    COLLAB_REST_AFTER_MS: '1000',
    PROBE_ALL_GARBAGE: '1',
  });
  // Every board gets the same 20 cards, by the admin who sends them (the server takes a card
  // only in its writer's name).
  const content = boardUpdates(20, colab.admin.userId).state;
  try {
    const names = await inWaves(Array.from({ length: boards }), 8, () => colab.newDoc());
    data.colab = await measure(colab, names, content, async () => {
      const body = (await (await fetch(`${colab.url}/healthz`)).json()) as { documents: number };
      return body.documents;
    });
  } finally {
    await colab.stop();
  }
  const hocuspocus = await startPlain('hocuspocus', 'hocuspocus-server.ts', 'hocuspocus', {
    PROBE_ALL_GARBAGE: '1',
  });
  try {
    const names = Array.from({ length: boards }, (_, i) => `board-${i}`);
    data.hocuspocus = await measure(hocuspocus, names, content);
  } finally {
    await hocuspocus.stop();
  }
  const c = data.colab as Awaited<ReturnType<typeof measure>>;
  const h = data.hocuspocus as Awaited<ReturnType<typeof measure>>;
  data.perDocumentOverHocuspocus = Math.round((c.kbPerDocument / h.kbPerDocument) * 100) / 100;
  const lines = [
    '## 2. Many boards',
    '',
    `${stamp(quick)}, took ${Math.round((Date.now() - started) / 1000)} s. ${boards} boards, each given the same 20 cards by its first client, then ${PER_BOARD} idle clients per board (bare connections that sent what a provider sends on connect). Resident memory after a full collection. Colab on Postgres, documents unloaded 1 s after their last client (\`COLLAB_IDLE_UNLOAD_MS\`); Hocuspocus unloads at once.`,
    '',
    '| server | KB per document (with its first connection) | KB per further idle connection | of which JS heap (document / connection) | V8 heap committed per connection | RSS MB before / 1 each / 5 each / after leaving | documents left in memory |',
    '|---|---|---|---|---|---|---|',
    ...(
      [
        ['colab', c],
        ['hocuspocus', h],
      ] as const
    ).map(
      ([name, m]) =>
        `| ${name} | ${m.kbPerDocument} | ${m.kbPerConnection} | ${m.heapKbPerDocument} / ${m.heapKbPerConnection} | ${m.heapCommittedKbPerConnection} | ${m.rssMb.before} / ${m.rssMb.oneEach} / ${m.rssMb.fiveEach} / ${m.rssMb.afterLeaving} | ${m.documentsLeftInMemory ?? 'not reported'} |`,
    ),
    '',
    `Colab's memory per document is ${data.perDocumentOverHocuspocus} × Hocuspocus's.`,
    '',
    MANY_BOARDS_LIMITS,
  ];
  const markdown = lines.join('\n');
  console.log(`\n${markdown}\n`);
  saveSection('manyBoards', data, markdown);
}

runWhenStarted(import.meta.url, run);
