import { testDatabaseKinds } from '@colab/db/testing';
import { openDocument, waitFor } from '@colab/server/testing/collab-client.ts';
import type { ServerProcess } from '@colab/server/testing/server-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { type FrameKind, fuzzFrames } from './src/frames.ts';
import {
  collectGarbage,
  count,
  documentsSettle,
  healthz,
  inspectorEnv,
  newStorage,
  percentile,
  rssMb,
  type Storage,
  signedInLead,
  sleep,
  spawnColab,
  stop,
} from './src/harness.ts';
import { openRaw } from './src/raw-client.ts';

const FRAMES = count(3_000, 100_000);
const WORKERS = 16;
// MAX_MESSAGE_BYTES in apps/server/src/collab/collab-server.ts.
const MAX_MESSAGE_BYTES = 1_000_000;
const CLOSE_PROTOCOL_VIOLATION = 4400;
const CLOSE_TOO_BIG = 1009;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const MESSAGE_AWARENESS = 1;
const INSPECTOR_PORT = Number(process.env.COLAB_E2E_PORT ?? 3300) + 40;

describe('the collab endpoint under malformed frames', () => {
  let storage: Storage;
  let server: ServerProcess;
  beforeAll(async () => {
    // Postgres when there is one (as CI has): the server's own memory, without PGlite's.
    storage = await newStorage(testDatabaseKinds().at(-1)!);
    // The rate limits have their own tests; here it would only hide the frames.
    server = await spawnColab(storage, {
      COLLAB_MESSAGES_PER_SECOND: '1000000',
      COLLAB_MESSAGE_BURST: '1000000',
      // Every fuzzing connection is the one lead's: the per-account limit would close the
      // bystander's connection (same account) along with them.
      COLLAB_ACCOUNT_MESSAGES_PER_SECOND: '1000000',
      COLLAB_ACCOUNT_MESSAGE_BURST: '1000000',
      ...inspectorEnv(INSPECTOR_PORT),
    });
  });
  afterAll(async () => {
    await stop(server);
    await storage.dispose();
  });

  it(
    `stays up and live through ${FRAMES} frames; each bad one closes its own connection`,
    async () => {
      const { lead, newBoard } = await signedInLead(server.url);
      const cookie = lead.cookieHeader;
      const boards = await Promise.all(
        Array.from({ length: WORKERS }, (_, i) => newBoard(`F${i}`)),
      );

      // Boards are written as they are made; their documents leave memory soon after.
      const baselineDocuments = await documentsSettle(server.url, 0);

      // An honest client on a board of its own, writing throughout.
      const victimBoard = await newBoard('Bystander');
      const victim = openDocument(server, lead, victimBoard);
      await victim.synced();
      const written = victim.doc.getArray<string>('bystander');
      for (let i = 0; i < 50; i++) written.push([`before-${i}`]);

      await collectGarbage(INSPECTOR_PORT);
      const baseline = { documents: baselineDocuments, rss: rssMb(server.child.pid!) };

      const latencies: number[] = [];
      let fuzzing = true;
      const poller = (async () => {
        while (fuzzing) {
          latencies.push((await healthz(server.url)).ms);
          await sleep(20);
        }
      })();
      const bystander = setInterval(() => written.push([`during-${written.length}`]), 50);

      console.log(`[fuzz] seed ${SEED} (FUZZ_SEED=${SEED} replays it)`);
      const next = fuzzFrames(SEED, MAX_MESSAGE_BYTES);
      const closes = new Map<number, number>();
      const closedBy = new Map<FrameKind, number>();
      let sent = 0;
      let accepted = 0;
      const started = performance.now();
      await Promise.all(
        boards.map(async (board) => {
          let ws: WebSocket | undefined;
          while (sent < FRAMES) {
            if (!ws || ws.readyState !== ws.OPEN) ws = await openRaw(server.url, cookie, board);
            const socket = ws;
            const f = next();
            sent += 1;
            // The frame, then a query for awareness: messages are handled in order, so the
            // reply (or a close) says what became of the frame.
            const outcome = await new Promise<number | 'open'>((resolve) => {
              const onMessage = (data: Buffer) => {
                if (data[0] !== MESSAGE_AWARENESS) return;
                done('open');
              };
              const onClose = (code: number) => done(code);
              const timer = setTimeout(() => done(-1), 10_000);
              function done(result: number | 'open') {
                clearTimeout(timer);
                socket.off('message', onMessage);
                socket.off('close', onClose);
                resolve(result);
              }
              socket.on('message', onMessage);
              socket.on('close', onClose);
              socket.send(f.data, { binary: typeof f.data !== 'string' });
              if (socket.readyState === socket.OPEN) socket.send(Uint8Array.of(3));
            });
            if (outcome === 'open') accepted += 1;
            else {
              closes.set(outcome, (closes.get(outcome) ?? 0) + 1);
              closedBy.set(f.kind, (closedBy.get(f.kind) ?? 0) + 1);
            }
          }
          ws?.close();
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      fuzzing = false;
      clearInterval(bystander);
      await poller;

      // The bystander's board is whole: a fresh reader sees exactly what it wrote.
      await waitFor(() => server.child.exitCode === null, 'the server to be running');
      const expected = written.toArray();
      const reader = openDocument(server, lead, victimBoard);
      await reader.synced();
      await waitFor(
        () => reader.doc.getArray('bystander').length === expected.length,
        'the bystander board to be complete',
      );
      expect(reader.doc.getArray('bystander').toArray()).toEqual(expected);
      reader.close();
      victim.close();

      const documents = await documentsSettle(server.url, baseline.documents);
      await collectGarbage(INSPECTOR_PORT);
      const rss = rssMb(server.child.pid!);
      const p99 = percentile(latencies, 99);
      console.log(
        `[fuzz ${storage.kind}] ${sent} frames in ${seconds.toFixed(1)} s on ${WORKERS} connections at a time: ${accepted} accepted (harmless), closes ${JSON.stringify(
          Object.fromEntries(closes),
        )}; closed by kind ${JSON.stringify(Object.fromEntries(closedBy))}; /healthz p50 ${percentile(
          latencies,
          50,
        ).toFixed(1)} ms p99 ${p99.toFixed(1)} ms max ${Math.max(...latencies).toFixed(
          1,
        )} ms over ${latencies.length} probes; documents ${baseline.documents} -> ${documents}; RSS ${baseline.rss} -> ${rss} MB`,
      );
      expect(server.child.exitCode).toBeNull();
      expect(
        [...closes.keys()].filter((c) => c !== CLOSE_PROTOCOL_VIOLATION && c !== CLOSE_TOO_BIG),
      ).toEqual([]);
      expect(closes.get(CLOSE_TOO_BIG)).toBeGreaterThan(0);
      expect(closes.get(CLOSE_PROTOCOL_VIOLATION)).toBeGreaterThan(FRAMES / 2);
      expect(p99).toBeLessThan(200);
      expect(documents).toBe(baseline.documents);
      expect(rss - baseline.rss).toBeLessThan(50);
    },
    count(120_000, 1_500_000),
  );
});
