import type { TPresencePerson } from '@colab/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { waitFor } from '../testing/collab-client.ts';
import { openReadySocket } from '../testing/socket-client.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';
import { peopleOnline } from './presence.ts';

describe('who is online, from the sockets in a cohort’s room', () => {
  const cohortId = '0190f2c4-0000-7000-8000-000000000001';
  const tab = (
    userId: string,
    name: string,
    presence?: { cohortId: string; page: 'home' | 'board'; idle: boolean; at: number },
  ) => ({ data: { userId, name, presence } });

  it('counts a person once however many tabs, idle only when every tab is', () => {
    expect(
      peopleOnline(
        [
          tab('u1', 'Ann', { cohortId, page: 'home', idle: true, at: 1 }),
          tab('u1', 'Ann', { cohortId, page: 'board', idle: false, at: 2 }),
          tab('u2', 'Bea', { cohortId, page: 'board', idle: true, at: 3 }),
          tab('u3', 'Cal'),
        ],
        cohortId,
      ),
    ).toEqual([
      { userId: 'u1', displayName: 'Ann', page: 'board', idle: false },
      { userId: 'u2', displayName: 'Bea', page: 'board', idle: true },
      { userId: 'u3', displayName: 'Cal', page: 'other', idle: false },
    ]);
  });

  it('shows where a busy tab is over a newer idle one, and another cohort’s page as elsewhere', () => {
    const other = '0190f2c4-0000-7000-8000-000000000002';
    expect(
      peopleOnline(
        [
          tab('u1', 'Ann', { cohortId, page: 'board', idle: false, at: 1 }),
          tab('u1', 'Ann', { cohortId, page: 'home', idle: true, at: 5 }),
          tab('u2', 'Bea', { cohortId: other, page: 'board', idle: false, at: 3 }),
        ],
        cohortId,
      ),
    ).toEqual([
      { userId: 'u1', displayName: 'Ann', page: 'board', idle: false },
      { userId: 'u2', displayName: 'Bea', page: 'other', idle: false },
    ]);
  });
});

describe('presence over Socket.IO', () => {
  let server: TestServer;
  let fx: CohortFixture;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite' });
    fx = await buildCohortFixture(server);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.stop();
  });

  async function open(client: TestClient) {
    const socket = await openReadySocket(server.url, client);
    sockets.push(socket);
    return socket;
  }

  it('shows who arrives and where, counts tabs once, and forgets who leaves', async () => {
    const lead = await open(fx.clients.lead);
    let seen: TPresencePerson[] = [];
    lead.on('presence:changed', ({ cohortId, people }) => {
      if (cohortId === fx.cohortId) seen = people;
    });
    const set = await lead
      .timeout(3_000)
      .emitWithAck('presence:set', { cohortId: fx.cohortId, page: 'home', idle: false });
    expect(set).toEqual({
      data: { people: [expect.objectContaining({ userId: fx.userIds.lead, page: 'home' })] },
    });

    const first = await open(fx.clients.participant);
    const second = await open(fx.clients.participant);
    await second
      .timeout(3_000)
      .emitWithAck('presence:set', { cohortId: fx.cohortId, page: 'board', idle: false });
    await waitFor(
      () => seen.some((p) => p.userId === fx.userIds.participant && p.page === 'board'),
      'the participant on a board',
    );
    expect(seen.filter((p) => p.userId === fx.userIds.participant)).toHaveLength(1);

    first.disconnect();
    second.disconnect();
    await waitFor(
      () => !seen.some((p) => p.userId === fx.userIds.participant),
      'the participant gone once both tabs close',
    );
  });

  it('answers only for cohorts whose room the socket is in, and checks the payload', async () => {
    const outsider = await open(fx.clients.nonMember);
    expect(
      await outsider.timeout(3_000).emitWithAck('presence:list', { cohortId: fx.cohortId }),
    ).toEqual({ error: { code: 'not_found', message: 'No such cohort.' } });
    const bad = await outsider.timeout(3_000).emitWithAck('presence:set', {
      cohortId: fx.cohortId,
      page: 'the moon',
      idle: 'no',
    } as never);
    expect(bad).toMatchObject({ error: { code: 'bad_payload' } });
  });
});
