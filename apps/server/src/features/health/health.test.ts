import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe('health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
  });
  afterAll(() => server?.stop());

  it('reports live and ready while the database answers', async () => {
    const client = server.client();
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok', documents: 0 });
    expect((await client.get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('reports not ready, but still live, once the database stops answering', async () => {
    await server.db.close();
    const client = server.client();
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'database_unavailable' });
    expect((await client.get('/healthz')).status).toBe(200);
  });
});
