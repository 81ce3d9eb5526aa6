import type { ServerProcess } from '@colab/server/testing/server-process.ts';
import { TestClient } from '@colab/server/testing/test-server.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  count,
  newStorage,
  type Storage,
  signedInLead,
  sleep,
  spawnColab,
  stop,
} from './src/harness.ts';

const KILLS = count(5, 20);

describe("PGlite's data folder after SIGKILL", () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await newStorage('pglite');
  });
  afterAll(() => storage.dispose());

  it(`opens cleanly after ${KILLS} kills mid-write, holding every acknowledged write`, async () => {
    let server = await spawnColab(storage);
    const { lead, cohortId, newBoard } = await signedInLead(server.url);
    const created = new Set<string>();
    await newBoard('Before any kill');
    const startTimes: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // Boards are written one after another; the kill lands at a random moment among them.
      let writing = true;
      const writer = (async () => {
        const client = new TestClient(server.url);
        for (const [name, value] of lead.cookies) client.cookies.set(name, value);
        while (writing) {
          const title = `k${kill}-${created.size}-${Math.random().toString(36).slice(2, 6)}`;
          const r = await client
            .post('/api/boards', { scope: { cohortId }, title, template: 'free_columns' })
            .catch(() => undefined);
          if (r?.status === 201) created.add(title);
          else return;
        }
      })();
      await sleep(200 + Math.random() * 800);
      server.child.kill('SIGKILL');
      await server.exited;
      writing = false;
      await writer;

      // No repair step: the next process must open the folder (migrations included) and serve.
      server = await spawnColab(storage);
      startTimes.push(server.listeningAfterMs);
      const reader = new TestClient(server.url);
      for (const [name, value] of lead.cookies) reader.cookies.set(name, value);
      const boards = await reader.get(`/api/cohorts/${cohortId}/boards`);
      expect(boards.status).toBe(200);
      const titles = new Set(boards.body.boards.map((b: { title: string }) => b.title));
      expect([...created].filter((t) => !titles.has(t))).toEqual([]);
      expect((await reader.get('/readyz')).status).toBe(200);
    }
    console.log(
      `[pglite kill] ${KILLS} kills, ${created.size} acknowledged boards, all present; restart to listening ${startTimes
        .map((ms) => Math.round(ms))
        .join(', ')} ms`,
    );
    await stop(server);
  });

  it('refuses a second process on the same folder, saying why, and leaves the first serving', async () => {
    const first = await spawnColab(storage);
    let second: ServerProcess | undefined;
    const refusal = await spawnColab(storage).then(
      (s) => {
        second = s;
        return '';
      },
      (error: Error) => error.message,
    );
    if (second) await stop(second);
    expect(refusal).toMatch(/exited with 1 before listening/);
    expect(refusal).toMatch(/in use by another Colab process \(pid \d+\)/);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    await stop(first);
    expect(first.child.exitCode).toBe(0);
  });
});
