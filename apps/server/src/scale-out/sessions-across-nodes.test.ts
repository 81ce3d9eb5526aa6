import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sessionCacheOf } from '../auth/session-cache.ts';
import {
  type ClusterServices,
  clusterServices,
  on,
  refused,
  startNodes,
} from '../testing/cluster.ts';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { REVOCATION_DEADLINE_MS, within } from '../testing/deadline.ts';
import { openReadySocket } from '../testing/socket-client.ts';
import { newPerson, type TestClient, type TestServer } from '../testing/test-server.ts';

/**
 * Signed-in requests on a node until it has cached the session: a lookup is not kept when
 * any invalidation (another test's, arriving over Redis) landed while it ran.
 */
async function cachedOn(node: TestServer, client: TestClient): Promise<void> {
  for (let i = 0; i < 50; i++) {
    expect((await client.get('/api/me')).status).toBe(200);
    if (sessionCacheOf(node.auth)!.get(client.cookieHeader)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the node never cached the session');
}

describe('ending a session or a membership on one node, with its connections on another', () => {
  let services: ClusterServices;
  let nodes: TestServer[];
  let fx: CohortFixture;
  beforeAll(async () => {
    services = await clusterServices();
    nodes = await startNodes(services, 2);
    fx = await buildCohortFixture(nodes[0]!);
  }, 120_000);
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await services?.dispose();
  });

  it('closes the socket and the document open on the other node within a second', async () => {
    const entry = await fx.clients.participant.post('/api/journal', {
      title: 'Across nodes',
      cohortId: fx.cohortId,
    });
    expect(entry.status).toBe(201);
    const there = on(nodes[1]!, fx.clients.participant);
    const socket = await openReadySocket(nodes[1]!.url, there);
    const ws = new WebSocket(
      `${nodes[1]!.url.replace('http', 'ws')}/collab/${entry.body.docName}`,
      {
        headers: { cookie: there.cookieHeader, origin: nodes[1]!.url },
      },
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const socketGone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const collabGone = new Promise<number>((resolve) => ws.once('close', resolve));

    expect((await fx.clients.participant.post('/api/auth/sign-out')).status).toBe(200);
    const [reason, code] = await within(
      REVOCATION_DEADLINE_MS,
      'closing the connections on the other node',
      Promise.all([socketGone, collabGone]),
    );
    expect(reason).toBe('io server disconnect');
    expect(code).toBe(4401);
  });

  it('takes a removed sponsor out of a group’s room, then out of the cohort, on the other node within a second', async () => {
    const group = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'Across nodes',
      sponsorIds: [fx.userIds.sponsor],
    });
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    const socket = await openReadySocket(nodes[1]!.url, on(nodes[1]!, fx.clients.sponsor));
    const watcher = await openReadySocket(nodes[1]!.url, on(nodes[1]!, fx.clients.facilitator));
    try {
      const joined = await socket.timeout(2_000).emitWithAck('group:join', { groupId });
      expect(joined).toHaveProperty('data');

      // The group first: the room goes, the socket stays.
      const groupGone = new Promise((resolve) => socket.once('group:removed', resolve));
      const leftGroup = fx.clients.facilitator.request(
        'DELETE',
        `/api/groups/${groupId}/members/${fx.userIds.sponsor}`,
      );
      expect(
        await within(
          REVOCATION_DEADLINE_MS,
          'leaving the group’s room on the other node',
          groupGone,
        ),
      ).toEqual({ groupId });
      expect((await leftGroup).status).toBe(204);
      const [there] = await nodes[1]!.io.in(`user:${fx.userIds.sponsor}`).fetchSockets();
      expect(there?.rooms.has(`group:${groupId}`)).toBe(false);
      expect(socket.connected).toBe(true);

      // Then the cohort: told, then closed.
      const heard: string[] = [];
      socket.onAny((event: string) => heard.push(event));
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const removal = fx.clients.lead.request(
        'DELETE',
        `/api/cohorts/${fx.cohortId}/members/${fx.userIds.sponsor}`,
      );
      expect(
        await within(REVOCATION_DEADLINE_MS, 'closing the socket on the other node', closed),
      ).toBe('io server disconnect');
      expect(heard).toContain('cohort:removed');
      expect((await removal).status).toBe(204);
      expect(watcher.connected).toBe(true);
    } finally {
      socket.disconnect();
      watcher.disconnect();
    }
  });

  it('refuses on the other node a session it had cached, once signed out here', async () => {
    const person = newPerson('Nia Nodes');
    const here = nodes[0]!.client();
    expect((await here.signUp(person)).status).toBe(200);
    const there = on(nodes[1]!, here);
    await cachedOn(nodes[1]!, there);
    expect(sessionCacheOf(nodes[1]!.auth)!.get(there.cookieHeader)?.email).toBe(person.email);

    expect((await here.post('/api/auth/sign-out')).status).toBe(200);
    expect(
      await within(REVOCATION_DEADLINE_MS, 'refusing the session', refused(there, '/api/me')),
    ).toBe(401);
    expect(sessionCacheOf(nodes[1]!.auth)!.get(there.cookieHeader)).toBeUndefined();
  });

  it('refuses on the other node a session it had cached, once the account is erased here', async () => {
    const person = newPerson('Eli Erased');
    const here = nodes[0]!.client();
    expect((await here.signUp(person)).status).toBe(200);
    const there = on(nodes[1]!, here);
    await cachedOn(nodes[1]!, there);
    expect(sessionCacheOf(nodes[1]!.auth)!.get(there.cookieHeader)).toBeDefined();

    const erased = await here.request('DELETE', '/api/me', {
      json: { confirm: person.email.toLowerCase() },
    });
    expect(erased.status).toBe(204);
    expect(
      await within(REVOCATION_DEADLINE_MS, 'refusing the session', refused(there, '/api/me')),
    ).toBe(401);
  });
});
