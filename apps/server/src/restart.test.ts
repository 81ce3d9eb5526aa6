import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './testing/server-process.ts';
import { newPerson, TestClient } from './testing/test-server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the server as a process on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'colab-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const person = newPerson('Restart Person');
  let cookie = '';

  it('finishes a request in flight when told to stop with SIGTERM, then exits cleanly', async () => {
    const server = await spawnServer({ COLAB_DATA_DIR: dataDir, DATABASE_URL: '' });
    const client = new TestClient(server.url);
    expect((await client.signUp(person)).status).toBe(200);
    cookie = client.cookieHeader;

    // A sign-in whose body is still arriving when the signal comes.
    const body = JSON.stringify({ email: person.email, password: person.password });
    const { port } = new URL(server.url);
    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/auth/sign-in/email',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            origin: server.url,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 200);
      }, 200);
    });
    expect(await response).toBe(200);
    expect(await server.exited).toBe(0);
    expect(server.logs.some((l) => l.msg === 'Colab stopped')).toBe(true);
  });

  it('keeps the account and the session across a restart', async () => {
    const server = await spawnServer({ COLAB_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const resumed = new TestClient(server.url);
      resumed.cookies.set(...(cookie.split('=') as [string, string]));
      const me = await resumed.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(person.email);

      // A second process on the same data folder is refused rather than corrupting it.
      await expect(spawnServer({ COLAB_DATA_DIR: dataDir, DATABASE_URL: '' })).rejects.toThrow(
        /in use by another Colab process/,
      );

      const fresh = new TestClient(server.url);
      expect((await fresh.signIn(person.email, person.password)).status).toBe(200);
      let ready = await fresh.get('/readyz');
      for (let i = 0; i < 50 && ready.status !== 200; i++) {
        await sleep(100);
        ready = await fresh.get('/readyz');
      }
      expect(ready.status).toBe(200);
    } finally {
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    }
  });
});
