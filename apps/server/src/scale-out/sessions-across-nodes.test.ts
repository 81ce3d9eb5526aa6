import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ClusterServices, clusterServices, on, startNodes } from '../testing/cluster.ts';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { REVOCATION_DEADLINE_MS, within } from '../testing/deadline.ts';
import { openReadySocket } from '../testing/socket-client.ts';
import type { TestServer } from '../testing/test-server.ts';

describe('ending a session on one node, with its connections on another', () => {
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
});
