import { testDatabaseKinds } from '@colab/db/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { waitFor } from '../../testing/collab-client.ts';
import { addParticipant, openGroup } from '../../testing/group-fixture.ts';
import { buildSetFixture, type SetFixture } from '../../testing/set-fixture.ts';
import { openReadySocket } from '../../testing/socket-client.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('the cohort’s activity feed on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let sf: SetFixture;
  let groupId: string;
  let outsider: TestClient;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    sf = await buildSetFixture(server, fx);
    groupId = await openGroup(fx);
    outsider = await addParticipant(server, fx, 'Olly Other');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.stop();
  });

  const titles = async (client: TestClient) => {
    const feed = await client.get(`/api/cohorts/${fx.cohortId}/activity`);
    expect(feed.status).toBe(200);
    return (feed.body.activity as { title: string }[]).map((a) => a.title);
  };

  it('shows each person only what they may see of it, newest first, and live', async () => {
    const setMember = await openReadySocket(server.url, fx.clients.participant);
    const notInSet = await openReadySocket(server.url, sf.otherSetMember.client);
    sockets.push(setMember, notInSet);
    const heard = { setMember: 0, notInSet: 0 };
    setMember.on('activity:new', () => heard.setMember++);
    notInSet.on('activity:new', () => heard.notInSet++);

    const meeting = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      title: 'First meeting',
      startsAt: '2027-02-16T14:00:00',
      durationMinutes: 120,
      timezone: 'Europe/London',
    });
    expect(meeting.status).toBe(201);
    const groupBoard = await fx.clients.participant.post('/api/boards', {
      scope: { groupId },
      title: 'Our evidence wall',
      template: 'word_wall',
    });
    expect(groupBoard.status).toBe(201);
    const prompt = await fx.clients.facilitator.post(`/api/cohorts/${fx.cohortId}/prompts`, {
      text: 'What surprised you this week?',
    });
    expect(prompt.status).toBe(201);

    await waitFor(() => heard.setMember === 3, 'the set member to hear of all three');
    await waitFor(() => heard.notInSet === 1, 'the other set’s member to hear of the prompt');

    const meetingTitle = 'Set 1: a meeting scheduled (“First meeting”)';
    const boardTitle = 'Participant Person opened the board “Our evidence wall”';
    const promptTitle = 'New reflection prompt: What surprised you this week?';
    // In the set and the group: everything, newest first.
    expect(await titles(fx.clients.participant)).toEqual([promptTitle, boardTitle, meetingTitle]);
    // What is said in a set stays in it, even from those who run the cohort.
    expect(await titles(fx.clients.lead)).toEqual([promptTitle, boardTitle]);
    expect(await titles(sf.otherSetMember.client)).toEqual([promptTitle]);
    // The group's sponsor reads its work; a participant outside it does not.
    expect(await titles(fx.clients.sponsor)).toEqual([promptTitle, boardTitle]);
    expect(await titles(outsider)).toEqual([promptTitle]);
    expect((await fx.clients.nonMember.get(`/api/cohorts/${fx.cohortId}/activity`)).status).toBe(
      404,
    );
  });

  it('links a scheduled series to its first meeting, which opens for the set', async () => {
    const series = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      title: 'Every four weeks',
      startsAt: '2027-03-16T14:00:00',
      durationMinutes: 120,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;INTERVAL=4;COUNT=3',
    });
    expect(series.status).toBe(201);
    const feed = await fx.clients.participant.get(`/api/cohorts/${fx.cohortId}/activity`);
    const item = (feed.body.activity as { title: string; link: string }[]).find((a) =>
      a.title.includes('Every four weeks'),
    )!;
    expect(item.title).toBe('Set 1: meetings scheduled (“Every four weeks”)');
    const link = new URL(item.link, server.url);
    expect(link.pathname).toBe(
      `/cohorts/${fx.cohortId}/sets/${sf.setId}/meetings/${series.body.id}`,
    );
    // What the meeting page asks for, from the link alone.
    const runner = await fx.clients.participant.get(
      `/api/meetings/${series.body.id}/runner?occurrence=${encodeURIComponent(link.searchParams.get('occurrence')!)}`,
    );
    expect(runner.status).toBe(200);
    expect(runner.body.meeting.startsAt).toBe('2027-03-16T14:00:00.000Z');
  });

  it('pages back with `before`, and names a bad one', async () => {
    const first = await fx.clients.participant.get(`/api/cohorts/${fx.cohortId}/activity?limit=1`);
    expect(first.body.activity).toHaveLength(1);
    const next = await fx.clients.participant.get(
      `/api/cohorts/${fx.cohortId}/activity?limit=1&before=${first.body.activity[0].id}`,
    );
    expect(next.body.activity).toHaveLength(1);
    expect(next.body.activity[0].id).not.toBe(first.body.activity[0].id);
    const bad = await fx.clients.participant.get(
      `/api/cohorts/${fx.cohortId}/activity?before=yesterday`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('before');
  });
});
