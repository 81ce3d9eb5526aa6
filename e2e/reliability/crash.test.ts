import type { TestDatabaseKind } from '@colab/db/testing';
import { testDatabaseKinds } from '@colab/db/testing';
import { openDocument, waitFor } from '@colab/server/testing/collab-client.ts';
import { describe, expect, it } from 'vitest';
import {
  count,
  newStorage,
  percentile,
  portOf,
  signedInLead,
  sleep,
  spawnColab,
  stop,
} from './src/harness.ts';

const CLIENTS = 50;
const EDITS = 1_000;
const EDIT_WINDOW_MS = 2_000;
const RUNS = count(2, 20);

// Each y-websocket provider listens for process exit; 50 of them are expected here.
process.setMaxListeners(CLIENTS + 10);

interface RunResult {
  made: number;
  acknowledged: number;
  lost: string[];
  convergeMs: number;
}

/**
 * One run: 50 clients make 1,000 edits on one board; the server is SIGKILLed at a random
 * moment of the burst. An edit counts as acknowledged once a client other than its author
 * has received it (the server relays only what it has committed). After a restart on the
 * same port, a fresh reader must find every acknowledged edit, and once the clients
 * reconnect every client must hold every edit anyone made.
 */
async function crashRun(kind: TestDatabaseKind): Promise<RunResult> {
  const storage = await newStorage(kind);
  const first = await spawnColab(storage);
  try {
    const { lead, newBoard } = await signedInLead(first.url);
    const docName = await newBoard('Crash');
    const clients = Array.from({ length: CLIENTS }, () => openDocument(first, lead, docName));
    const cards = (c: (typeof clients)[number]) => c.doc.getArray<string>('reliability');
    await waitFor(() => clients.every((c) => c.provider.synced), 'all clients to sync', 20_000);

    // Count edits that reached someone other than their author: the kill waits for the
    // first, so every run tests acknowledged edits however slow the machine is today.
    let relayed = 0;
    for (const [j, c] of clients.entries())
      cards(c).observe((event) => {
        for (const part of event.changes.delta)
          for (const card of (part.insert ?? []) as string[])
            if (!card.startsWith(`c${j}-`)) relayed++;
      });

    let killed = false;
    const made: string[] = [];
    const perClient = EDITS / CLIENTS;
    const timers = clients.flatMap((client, i) =>
      Array.from({ length: perClient }, (_, k) =>
        setTimeout(() => {
          if (killed) return;
          cards(client).push([`c${i}-${k}`]);
          made.push(`c${i}-${k}`);
        }, Math.random() * EDIT_WINDOW_MS),
      ),
    );
    // The moment of the kill: a random point between 20 % and 80 % of the burst, once the
    // server has relayed something (or the burst is over, if it never did).
    const killAt = EDITS * (0.2 + Math.random() * 0.6);
    const burstDeadline = performance.now() + EDIT_WINDOW_MS + 20_000;
    while (
      !(relayed > 0 && made.length >= killAt) &&
      made.length < EDITS &&
      performance.now() < burstDeadline
    )
      await sleep(2);
    killed = true;
    first.child.kill('SIGKILL');
    await first.exited;
    for (const t of timers) clearTimeout(t);
    // Whatever reached a client before its socket closed was sent by the server: wait for
    // every close, then keep the clients away until the stored document has been read.
    await waitFor(() => clients.every((c) => !c.provider.wsconnected), 'clients to notice');
    for (const c of clients) c.provider.disconnect();

    const acknowledged = new Set<string>();
    for (const [j, c] of clients.entries())
      for (const card of cards(c).toArray()) if (!card.startsWith(`c${j}-`)) acknowledged.add(card);

    const second = await spawnColab(storage, { PORT: portOf(first) });
    try {
      const reader = openDocument(second, lead, docName);
      await reader.synced();
      const stored = new Set(reader.doc.getArray<string>('reliability').toArray());
      reader.close();
      const lost = [...acknowledged].filter((card) => !stored.has(card));

      const t0 = performance.now();
      for (const c of clients) c.provider.connect();
      await waitFor(
        () => clients.every((c) => cards(c).length === made.length),
        'clients to converge',
        60_000,
      );
      const convergeMs = performance.now() - t0;
      const expected = new Set(made);
      for (const c of clients) expect(new Set(cards(c).toArray())).toEqual(expected);
      for (const c of clients) c.close();
      return { made: made.length, acknowledged: acknowledged.size, lost, convergeMs };
    } finally {
      await stop(second);
    }
  } finally {
    if (first.child.exitCode === null && first.child.signalCode === null)
      first.child.kill('SIGKILL');
    await storage.dispose();
  }
}

describe.each(testDatabaseKinds())('SIGKILL during a burst of edits (%s)', (kind) => {
  it(
    `loses no acknowledged update in ${RUNS} runs, and the clients converge`,
    async () => {
      const results: RunResult[] = [];
      for (let run = 0; run < RUNS; run++) results.push(await crashRun(kind));
      const times = results.map((r) => r.convergeMs);
      const lost = results.flatMap((r) => r.lost);
      console.log(
        `[crash ${kind}] ${RUNS} runs, ${CLIENTS} clients: edits made before the kill ${results
          .map((r) => r.made)
          .join(', ')}; acknowledged ${results.map((r) => r.acknowledged).join(', ')}; lost ${
          lost.length
        }; time to converge p50 ${Math.round(percentile(times, 50))} ms, p95 ${Math.round(
          percentile(times, 95),
        )} ms`,
      );
      expect(lost).toEqual([]);
      // The kill really fell in the middle of the burst in some run, or nothing was tested.
      expect(results.some((r) => r.acknowledged > 0 && r.made < EDITS)).toBe(true);
    },
    RUNS * 60_000,
  );
});
