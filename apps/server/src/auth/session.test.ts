import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newPerson, startTestServer, type TestServer } from '../testing/test-server.ts';

describe.each(testDatabaseKinds())('session lookup on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    // Without the per-node cache, so every request would reach better-auth.
    server = await startTestServer({ database, env: { SESSION_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => server?.stop());

  it('looks the session up once for a route two routers guard', async () => {
    const client = server.client();
    await client.signUp(newPerson('Ada Lookup'));
    const cohort = await client.post('/api/cohorts', {
      name: 'Lookup cohort',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      timezone: 'Europe/London',
    });
    expect(cohort.status).toBe(201);
    const getSession = vi.spyOn(server.auth.api, 'getSession');
    try {
      // /api/cohorts/* is guarded by the cohort router and the board router alike.
      const boards = await client.get(`/api/cohorts/${cohort.body.id}/boards`);
      expect(boards.status).toBe(200);
      expect(boards.body).toEqual({ boards: [] });
      expect(getSession).toHaveBeenCalledTimes(1);
    } finally {
      getSession.mockRestore();
    }
  });

  it('still answers 401 to a request without a session on such a route', async () => {
    const response = await server
      .client()
      .get('/api/cohorts/01a207f1-0000-7000-8000-000000000000/boards');
    expect(response.status).toBe(401);
  });
});
