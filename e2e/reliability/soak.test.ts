import { testDatabaseKinds } from '@colab/db/testing';
import type { ServerProcess } from '@colab/server/testing/server-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectGarbage,
  count,
  documentsSettle,
  healthz,
  inspectorEnv,
  newStorage,
  rssMb,
  type Storage,
  signedInLead,
  spawnColab,
  stop,
} from './src/harness.ts';
import { openRaw } from './src/raw-client.ts';

const DOCUMENTS = count(1_000, 10_000);
const PARALLEL = 8;
const INSPECTOR_PORT = Number(process.env.COLAB_E2E_PORT ?? 3300) + 41;

/** Runs `task` over 0..n-1, `parallel` at a time. */
async function pool(n: number, parallel: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

describe('opening and closing many documents', () => {
  let storage: Storage;
  let server: ServerProcess;
  beforeAll(async () => {
    // Postgres when there is one (as CI has): the server's own memory, without PGlite's.
    storage = await newStorage(testDatabaseKinds().at(-1)!);
    server = await spawnColab(storage, inspectorEnv(INSPECTOR_PORT));
  });
  afterAll(async () => {
    await stop(server);
    await storage.dispose();
  });

  it(
    `leaves none of ${DOCUMENTS} documents in memory once their clients have gone`,
    async () => {
      const { lead, newBoard } = await signedInLead(server.url);
      const cookie = lead.cookieHeader;
      const names: string[] = [];
      const t0 = performance.now();
      await pool(DOCUMENTS, PARALLEL, async (i) => {
        names.push(await newBoard(`Soak ${i}`));
      });
      const createdIn = performance.now() - t0;
      expect(await documentsSettle(server.url, 0)).toBe(0);
      await collectGarbage(INSPECTOR_PORT);
      const baseline = rssMb(server.child.pid!);

      // Each document opened by a client that syncs and leaves; each one loaded then unloaded.
      let peak = 0;
      const t1 = performance.now();
      await pool(names.length, PARALLEL, async (i) => {
        const ws = await openRaw(server.url, cookie, names[i]!);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no reply on ${names[i]}`)), 10_000);
          ws.once('message', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.send(Uint8Array.of(0, 0, 1, 0)); // sync step 1, empty state vector
        });
        ws.close();
        if (i % 100 === 0) peak = Math.max(peak, (await healthz(server.url)).documents);
      });
      const openedIn = performance.now() - t1;
      const documents = await documentsSettle(server.url, 0);
      await collectGarbage(INSPECTOR_PORT);
      const rss = rssMb(server.child.pid!);
      console.log(
        `[soak ${storage.kind}] ${DOCUMENTS} boards made in ${(createdIn / 1000).toFixed(1)} s, opened and closed in ${(openedIn / 1000).toFixed(1)} s (peak ${peak} in memory); afterwards ${documents} in memory; RSS after GC ${baseline} -> ${rss} MB`,
      );
      expect(peak).toBeGreaterThan(0);
      expect(documents).toBe(0);
      expect(rss - baseline).toBeLessThan(50);
    },
    count(120_000, 900_000),
  );
});
