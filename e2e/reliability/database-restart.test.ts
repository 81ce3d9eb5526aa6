import { openDocument, waitFor } from '@colab/server/testing/collab-client.ts';
import type { ServerProcess } from '@colab/server/testing/server-process.ts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  requirePostgres,
  type Storage,
  signedInLead,
  sleep,
  spawnColab,
  stop,
} from './src/harness.ts';
import { startProxy, throughProxy } from './src/tcp-proxy.ts';

async function readyStatus(url: string) {
  return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })).status;
}

async function waitForStatus(url: string, status: number, what: string) {
  const until = Date.now() + 15_000;
  while ((await readyStatus(url)) !== status) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('Postgres going away during a session', () => {
  let storage: Storage;
  const spawned: ServerProcess[] = [];
  let closeProxy = async () => {};
  afterAll(async () => {
    for (const s of spawned) await stop(s);
    await closeProxy();
    await storage?.dispose();
  });

  it('reports not ready, keeps the clients editing, and stores everything once it is back', async () => {
    storage = await requirePostgres();
    const direct = new URL(storage.env.DATABASE_URL!);
    const proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    closeProxy = proxy.close;
    const server = await spawnColab(storage, {
      DATABASE_URL: throughProxy(storage.env.DATABASE_URL!, proxy.port),
    });
    spawned.push(server);
    const { lead, newBoard } = await signedInLead(server.url);
    const docName = await newBoard('Outage');
    const [writer, watcher] = [
      openDocument(server, lead, docName),
      openDocument(server, lead, docName),
    ];
    await writer.synced();
    await watcher.synced();
    const cards = (c: typeof writer) => c.doc.getArray<string>('outage');
    for (let i = 0; i < 20; i++) cards(writer).push([`before-${i}`]);
    await waitFor(() => cards(watcher).length === 20, 'edits before the outage to be relayed');
    expect(await readyStatus(server.url)).toBe(200);

    await proxy.cut();
    await waitForStatus(server.url, 503, '/readyz to report the database gone');
    // Edits go on; nothing is relayed while it cannot be stored.
    for (let i = 0; i < 30; i++) {
      cards(writer).push([`during-${i}`]);
      await sleep(20);
    }
    await sleep(500);
    const relayedDuringOutage = cards(watcher).length - 20;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(writer.provider.wsconnected).toBe(true);

    await proxy.restore();
    await waitForStatus(server.url, 200, '/readyz to report the database back');
    await waitFor(
      () => cards(watcher).length === 50,
      'edits made during the outage to be relayed',
      15_000,
    );
    writer.close();
    watcher.close();
    expect(server.child.exitCode).toBeNull();
    expect(server.logs.filter((l) => String(l.msg).includes('unhandled'))).toEqual([]);
    expect(server.logs.some((l) => l.msg === 'could not store updates; retrying')).toBe(true);

    // What a new process reads from the database is the whole document.
    server.child.kill('SIGKILL');
    await server.exited;
    const again = await spawnColab(storage);
    spawned.push(again);
    const reader = openDocument(again, lead, docName);
    await reader.synced();
    expect(new Set(cards(reader).toArray())).toEqual(new Set(cards(watcher).toArray()));
    expect(cards(reader).length).toBe(50);
    reader.close();
    console.log(
      `[database restart] relayed during the outage: ${relayedDuringOutage} of 30 (must be 0); all 50 stored after it`,
    );
    expect(relayedDuringOutage).toBe(0);
  });
});
