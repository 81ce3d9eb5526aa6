import { testDatabaseKinds } from '@colab/db/testing';
import { cohortRoom, groupPageDocName, groupRoom, setRoom, userRoom } from '@colab/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../testing/cohort-fixture.ts';
import { openDocument, waitFor } from '../testing/collab-client.ts';
import { REVOCATION_DEADLINE_MS, within } from '../testing/deadline.ts';
import { addParticipant } from '../testing/group-fixture.ts';
import { openReadySocket } from '../testing/socket-client.ts';
import { startTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';

/** Every event a socket hears, in order, its disconnect included as `disconnect:<reason>`. */
function record(socket: Socket) {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  socket.on('disconnect', (reason) => heard.push({ event: `disconnect:${reason}`, payload: null }));
  return heard;
}

const events = (heard: { event: string }[]) => heard.map((h) => h.event);

const nextEvent = (socket: Socket, event: string) =>
  new Promise<unknown>((resolve) => socket.once(event, resolve));

const closeCode = (doc: ReturnType<typeof openDocument>) =>
  new Promise<number>((resolve) =>
    doc.provider.ws?.addEventListener('close', (e: { code: number }) => resolve(e.code)),
  );

function join(socket: Socket, event: 'set:join' | 'group:join' | 'cohort:join', id: string) {
  const payload =
    event === 'set:join'
      ? { setId: id }
      : event === 'group:join'
        ? { groupId: id }
        : { cohortId: id };
  return socket.timeout(2_000).emitWithAck(event, payload);
}

describe.each(testDatabaseKinds())('taking rights away from open sockets on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let setId: string;
  let groupId: string;
  const open: Socket[] = [];
  const docs: ReturnType<typeof openDocument>[] = [];

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    const set = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/sets`, {
      name: 'Set 1',
      memberIds: [fx.userIds.participant],
    });
    expect(set.status).toBe(201);
    setId = set.body.id;
    const group = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/groups`, {
      name: 'The Visionaries',
      memberIds: [fx.userIds.participant],
      sponsorIds: [fx.userIds.sponsor],
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect();
    for (const doc of docs.splice(0)) doc.close();
  });
  afterAll(() => server?.stop());

  async function socketOf(client: TestClient) {
    const socket = await openReadySocket(server.url, client);
    open.push(socket);
    return socket;
  }

  function page(client: TestClient, docName: string) {
    const doc = openDocument(server, client, docName);
    docs.push(doc);
    return doc;
  }

  /** A new participant of the cohort, in the set and the group as the fixture's participant is. */
  async function newcomer(name: string) {
    const client = await addParticipant(server, fx, name);
    const me = await client.get('/api/me');
    const userId = me.body.id as string;
    const inSet = await fx.clients.facilitator.post(`/api/sets/${setId}/members`, {
      userIds: [userId],
    });
    expect(inSet.status).toBe(200);
    const inGroup = await fx.clients.facilitator.post(`/api/groups/${groupId}/members`, {
      userIds: [userId],
      role: 'member',
    });
    expect(inGroup.status).toBe(200);
    return { client, userId, email: me.body.email as string };
  }

  /** The rooms of each of the person's sockets, as the server sees them. */
  async function roomsOf(userId: string) {
    const sockets = await server.io.in(userRoom(userId)).fetchSockets();
    return sockets.map((s) => s.rooms);
  }

  it('tells a removed member, closes their sockets within a second, and they hear nothing of the cohort again', async () => {
    const gone = await newcomer('Rory Removed');
    // Another cohort of theirs, which must keep working once they reconnect.
    const other = await fx.clients.lead.post('/api/cohorts', {
      name: 'Another cohort',
      startsOn: '2027-02-01',
      endsOn: '2027-08-01',
    });
    expect(other.status).toBe(201);
    const invite = await fx.clients.lead.post(`/api/cohorts/${other.body.id}/invitations`, {
      invites: [{ email: gone.email, role: 'participant' }],
    });
    const token = invite.body.results[0].invitation.link.split('/invitations/')[1];
    expect((await gone.client.post(`/api/invitations/${token}/accept`)).status).toBe(200);

    const socket = await socketOf(gone.client);
    const heard = record(socket);
    const watcher = await socketOf(fx.clients.participant);
    const watched = record(watcher);
    for (const s of [socket, watcher]) {
      expect(await join(s, 'set:join', setId)).toHaveProperty('data');
      expect(await join(s, 'group:join', groupId)).toHaveProperty('data');
    }
    const groupPage = page(gone.client, groupPageDocName(groupId));
    await groupPage.synced();
    const pageClosed = closeCode(groupPage);

    const disconnected = nextEvent(socket, 'disconnect');
    // Measured from the request: both must have closed within a second of it.
    const removal = fx.clients.facilitator.request(
      'DELETE',
      `/api/cohorts/${fx.cohortId}/members/${gone.userId}`,
    );
    const [reason, code] = await within(
      REVOCATION_DEADLINE_MS,
      'closing the removed member’s socket and group page',
      Promise.all([disconnected, pageClosed]),
    );
    expect(reason).toBe('io server disconnect');
    expect(code).toBe(4403);
    expect((await removal).status).toBe(204);
    // Told first, so the client can move away; closed after.
    const told = events(heard).indexOf('cohort:removed');
    expect(told).toBeGreaterThanOrEqual(0);
    expect(heard[told]?.payload).toEqual({ cohortId: fx.cohortId });
    expect(told).toBeLessThan(events(heard).indexOf('disconnect:io server disconnect'));
    expect(events(heard)).toContain('set:removed');

    // Everyone else keeps their socket and its rooms.
    await waitFor(() => events(watched).includes('cohort:member-left'), 'the others to be told');
    expect(watcher.connected).toBe(true);
    const [watcherRooms] = await roomsOf(fx.userIds.participant);
    for (const room of [cohortRoom(fx.cohortId), setRoom(setId), groupRoom(groupId)])
      expect(watcherRooms?.has(room), room).toBe(true);

    // Reconnected, they are in their other cohort only, and may join nothing of this one.
    const again = await socketOf(gone.client);
    const heardAgain = record(again);
    const [rooms] = await roomsOf(gone.userId);
    expect(rooms?.has(cohortRoom(other.body.id))).toBe(true);
    expect(rooms?.has(cohortRoom(fx.cohortId))).toBe(false);
    for (const [event, id] of [
      ['cohort:join', fx.cohortId],
      ['set:join', setId],
      ['group:join', groupId],
    ] as const)
      expect(await join(again, event, id)).toHaveProperty('error');

    // What the cohort, its set and its group hear next reaches the watcher, never them.
    const updated = await fx.clients.lead.request('PATCH', `/api/cohorts/${fx.cohortId}`, {
      json: { theme: 'Health inequalities, again' },
    });
    expect(updated.status).toBe(200);
    server.io.to(setRoom(setId)).emit('set:changed', { setId, what: 'schedule' });
    server.io.to(groupRoom(groupId)).emit('group:removed', { groupId: 'probe' });
    await waitFor(
      () =>
        ['cohort:updated', 'set:changed', 'group:removed'].every((e) =>
          events(watched).includes(e),
        ),
      'the watcher to hear the cohort, the set and the group',
    );
    // From the moment they were told (the socket had left the cohort's room just before).
    const after = [...heard.slice(told + 1), ...heardAgain];
    for (const event of ['cohort:updated', 'set:changed', 'group:removed'])
      expect(events(after), event).not.toContain(event);
    // Presence of their other cohort they do hear; of this one, nothing.
    expect(
      after.filter(
        (h) =>
          h.event.startsWith('presence:') &&
          (h.payload as { cohortId?: string }).cohortId === fx.cohortId,
      ),
    ).toEqual([]);
  });

  it('takes someone out of a group’s room, page and boards at once, and leaves them the rest', async () => {
    const leaver = await newcomer('Gina Groupless');
    const board = await fx.clients.participant.post('/api/boards', {
      scope: { groupId },
      title: 'Our evidence wall',
      template: 'free_columns',
    });
    expect(board.status).toBe(201);
    const socket = await socketOf(leaver.client);
    const heard = record(socket);
    expect(await join(socket, 'set:join', setId)).toHaveProperty('data');
    expect(await join(socket, 'group:join', groupId)).toHaveProperty('data');
    const groupPage = page(leaver.client, groupPageDocName(groupId));
    const groupBoard = page(leaver.client, board.body.docName);
    await Promise.all([groupPage.synced(), groupBoard.synced()]);
    const closed = Promise.all([closeCode(groupPage), closeCode(groupBoard)]);
    const told = nextEvent(socket, 'group:removed');

    const removal = fx.clients.facilitator.request(
      'DELETE',
      `/api/groups/${groupId}/members/${leaver.userId}`,
    );
    const [codes, payload] = await within(
      REVOCATION_DEADLINE_MS,
      'closing the group’s page and board and leaving its room',
      Promise.all([closed, told]),
    );
    expect(codes).toEqual([4403, 4403]);
    expect(payload).toEqual({ groupId });
    expect((await removal).status).toBe(204);

    expect(socket.connected).toBe(true);
    const [rooms] = await roomsOf(leaver.userId);
    expect(rooms?.has(groupRoom(groupId))).toBe(false);
    expect(rooms?.has(setRoom(setId))).toBe(true);
    expect(rooms?.has(cohortRoom(fx.cohortId))).toBe(true);
    expect(await join(socket, 'group:join', groupId)).toHaveProperty('error');
    expect(events(heard)).not.toContain('disconnect:io server disconnect');
  });

  it('takes away the rooms a new role no longer allows, at once, and keeps the cohort’s', async () => {
    // A participant made a sponsor leaves the set and stops being a group member.
    const moved = await newcomer('Sam Sponsored');
    const socket = await socketOf(moved.client);
    expect(await join(socket, 'set:join', setId)).toHaveProperty('data');
    expect(await join(socket, 'group:join', groupId)).toHaveProperty('data');
    const groupPage = page(moved.client, groupPageDocName(groupId));
    await groupPage.synced();
    const closed = closeCode(groupPage);
    const told = Promise.all([
      nextEvent(socket, 'set:removed'),
      nextEvent(socket, 'group:removed'),
    ]);
    const change = fx.clients.facilitator.request(
      'PATCH',
      `/api/cohorts/${fx.cohortId}/members/${moved.userId}`,
      { json: { role: 'sponsor' } },
    );
    const [[set, group], code] = await within(
      REVOCATION_DEADLINE_MS,
      'taking the set and the group away',
      Promise.all([told, closed]),
    );
    expect(set).toEqual({ setId });
    expect(group).toEqual({ groupId });
    expect(code).toBe(4403);
    expect((await change).status).toBe(200);
    const [rooms] = await roomsOf(moved.userId);
    expect([...(rooms ?? [])].filter((r) => r !== socket.id).sort()).toEqual(
      [cohortRoom(fx.cohortId), userRoom(moved.userId)].sort(),
    );
    expect(socket.connected).toBe(true);

    // A facilitator reads every group without being in it; made a participant, they do not.
    const runner = await addParticipant(server, fx, 'Fay Formerly');
    const runnerId = (await runner.get('/api/me')).body.id as string;
    const promoted = await fx.clients.lead.request(
      'PATCH',
      `/api/cohorts/${fx.cohortId}/members/${runnerId}`,
      { json: { role: 'facilitator' } },
    );
    expect(promoted.status).toBe(200);
    const runnerSocket = await socketOf(runner);
    expect(await join(runnerSocket, 'group:join', groupId)).toHaveProperty('data');
    const runnerTold = nextEvent(runnerSocket, 'group:removed');
    const demotion = fx.clients.lead.request(
      'PATCH',
      `/api/cohorts/${fx.cohortId}/members/${runnerId}`,
      { json: { role: 'participant' } },
    );
    expect(await within(REVOCATION_DEADLINE_MS, 'taking the group away', runnerTold)).toEqual({
      groupId,
    });
    expect((await demotion).status).toBe(200);
    const [runnerRooms] = await roomsOf(runnerId);
    expect(runnerRooms?.has(groupRoom(groupId))).toBe(false);
    expect(runnerRooms?.has(cohortRoom(fx.cohortId))).toBe(true);
  });
});
