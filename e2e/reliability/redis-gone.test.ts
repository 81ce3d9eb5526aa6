import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterServices, nodeEnv } from '@colab/server/testing/cluster.ts';
import { openDocument, waitFor } from '@colab/server/testing/collab-client.ts';
import type { ServerProcess } from '@colab/server/testing/server-process.ts';
import { TestClient } from '@colab/server/testing/test-server.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { signedInLead, sleep, spawnColab, stop } from './src/harness.ts';
import { startProxy, throughProxy } from './src/tcp-proxy.ts';

async function health(url: string): Promise<{ status: string; degraded?: string[] }> {
  return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })).json() as never;
}

async function waitForHealth(urls: string[], status: string, what: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const all = await Promise.all(urls.map(health));
    if (all.every((h) => h.status === status)) return all;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(all)}`);
    await sleep(100);
  }
}

describe('Redis going away between two nodes', () => {
  const spawned: ServerProcess[] = [];
  const dirs: string[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of spawned) await stop(s);
    for (const c of cleanup) await c();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps each node serving its own clients, reports degraded, and recovers fan-out', async () => {
    const services = await clusterServices();
    cleanup.push(services.dispose);
    const redis = new URL(services.redisUrl);
    const proxy = await startProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    cleanup.push(proxy.close);
    const start = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'colab-rel-node-'));
      dirs.push(dataDir);
      return spawnColab(
        { env: { COLAB_DATA_DIR: dataDir } },
        {
          ...nodeEnv(services),
          REDIS_URL: throughProxy(services.redisUrl, proxy.port),
        },
      ).then((node) => {
        spawned.push(node);
        return node;
      });
    };
    const [a, b] = [await start(), await start()];
    const { lead, newBoard } = await signedInLead(a.url);
    const onB = new TestClient(b.url);
    for (const [k, v] of lead.cookies) onB.cookies.set(k, v);
    const docName = await newBoard('Two nodes');
    const [a1, a2, b1, b2] = [
      openDocument(a, lead, docName),
      openDocument(a, lead, docName),
      openDocument(b, onB, docName),
      openDocument(b, onB, docName),
    ];
    const clients = [a1, a2, b1, b2];
    await Promise.all(clients.map((c) => c.synced()));
    const items = (c: typeof a1) => c.doc.getArray<string>('items');
    const has = (c: typeof a1, item: string) => items(c).toArray().includes(item);
    expect((await health(a.url)).status).toBe('ok');

    items(a1).push(['before']);
    await waitFor(() => has(b1, 'before'), 'fan-out before the outage');

    await proxy.cut();
    const degraded = await waitForHealth(
      [a.url, b.url],
      'degraded',
      'both nodes to report degraded',
    );
    expect(degraded.map((h) => h.degraded)).toEqual([['redis'], ['redis']]);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    // Each node still relays among its own clients.
    items(a1).push(['a-during']);
    items(b1).push(['b-during']);
    await waitFor(() => has(a2, 'a-during') && has(b2, 'b-during'), 'each node to serve its own');

    await proxy.restore();
    const t0 = performance.now();
    await waitForHealth([a.url, b.url], 'ok', 'both nodes to report ok again');
    const healthyAfter = performance.now() - t0;
    // What was said during the outage reaches the other node (it rereads the log), and new
    // edits fan out again.
    items(b2).push(['after']);
    await waitFor(
      () =>
        clients.every((c) => ['before', 'a-during', 'b-during', 'after'].every((i) => has(c, i))),
      'every client on both nodes to converge',
      15_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: ${JSON.stringify(clients.map((c) => items(c).toArray()))}`,
      );
    });
    const convergedAfter = performance.now() - t0;
    console.log(
      `[redis gone] both nodes ok ${Math.round(healthyAfter)} ms after Redis returned; all four clients converged after ${Math.round(convergedAfter)} ms`,
    );
    for (const c of clients) c.close();
    for (const node of [a, b]) {
      expect(node.child.exitCode).toBeNull();
      expect(node.logs.filter((l) => String(l.msg).includes('unhandled'))).toEqual([]);
    }
  });
});
