import { testDatabaseKinds } from '@colab/db/testing';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { buildSetFixture, type SetFixture } from '../../testing/set-fixture.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { notifyDueActions } from './runner.ts';

describe.each(testDatabaseKinds())('the meeting runner on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let sf: SetFixture;
  let meetingId: string;
  let first: string;
  let second: string;
  const runner = (occurrence: string) =>
    `/api/meetings/${meetingId}/runner?occurrence=${encodeURIComponent(occurrence)}`;

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    sf = await buildSetFixture(server, fx);
    // A series whose first meeting began a minute ago, so people can still check in (it
    // closes when a meeting ends) and attendance has a meeting to show.
    const series = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      startsAt: DateTime.now()
        .setZone('Europe/London')
        .minus({ minutes: 1 })
        .toFormat("yyyy-MM-dd'T'HH:mm"),
      durationMinutes: 120,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;INTERVAL=4;COUNT=8',
    });
    meetingId = series.body.id;
    const from = DateTime.now().minus({ days: 1 }).toUTC().toISO();
    const to = DateTime.now().plus({ years: 1 }).toUTC().toISO();
    const listed = await fx.clients.participant.get(
      `/api/sets/${sf.setId}/meetings?from=${from}&to=${to}`,
    );
    [first, second] = listed.body.occurrences.map((o: any) => o.occurrence);
  });
  afterAll(() => server?.stop());

  it('runs a meeting: check-in, rota, challenges, questions, timers and actions', async () => {
    const empty = await fx.clients.participant.get(runner(first));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      checkins: [],
      presentations: [],
      actions: [],
      followUps: [],
    });
    // Nobody has presented yet: the suggested order is everyone, by name.
    expect(empty.body.suggestedRota.map((p: any) => p.presented)).toEqual([0, 0, 0, 0]);

    for (const client of [fx.clients.participant, sf.members[0]!.client, sf.members[1]!.client]) {
      const checked = await client.post(`/api/meetings/${meetingId}/checkins`, {
        occurrence: first,
        note: 'Arriving a bit frazzled, glad to be here',
      });
      expect(checked.status).toBe(201);
    }
    const rotaUrl = `/api/meetings/${meetingId}/rota`;
    const presenters = [sf.members[0]!.id, fx.userIds.participant];
    expect(
      (
        await fx.clients.participant.request('PUT', rotaUrl, {
          json: { occurrence: first, presenterIds: presenters },
        })
      ).status,
    ).toBe(403);
    const rota = await fx.clients.facilitator.request('PUT', rotaUrl, {
      json: { occurrence: first, presenterIds: presenters },
    });
    expect(rota.status).toBe(200);
    expect(rota.body.presentations.map((p: any) => p.presenterId)).toEqual(presenters);
    // The facilitator swaps the order.
    const swapped = await fx.clients.facilitator.request('PUT', rotaUrl, {
      json: { occurrence: first, presenterIds: [...presenters].reverse() },
    });
    expect(swapped.body.presentations.map((p: any) => p.presenterId)).toEqual(
      [...presenters].reverse(),
    );
    const stranger = await fx.clients.facilitator.request('PUT', rotaUrl, {
      json: { occurrence: first, presenterIds: [sf.otherSetMember.id] },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields.map((f: any) => f.path)).toEqual(['presenterIds.0']);

    const [p1, p2] = swapped.body.presentations;
    const patched = await fx.clients.participant.request('PATCH', `/api/presentations/${p1.id}`, {
      json: { challenge: 'Getting two PCNs to share one recruitment plan', timer: 'start' },
    });
    expect(patched.status).toBe(204);
    await sf.members[1]!.client.request('PATCH', `/api/presentations/${p1.id}`, {
      json: { questions: 'What would happen if you did nothing?\nWho else owns this?' },
    });
    await fx.clients.participant.request('PATCH', `/api/presentations/${p1.id}`, {
      json: { timer: 'stop' },
    });
    await sf.members[0]!.client.request('PATCH', `/api/presentations/${p2.id}`, {
      json: { challenge: 'Keeping the volunteers we have' },
    });

    const actionsUrl = `/api/meetings/${meetingId}/actions`;
    const a1 = await fx.clients.participant.post(actionsUrl, {
      occurrence: first,
      presentationId: p1.id,
      ownerId: fx.userIds.participant,
      text: 'Ask both practice managers for 30 minutes',
      dueDate: '2026-09-15',
    });
    expect(a1.status).toBe(201);
    const a2 = await sf.members[0]!.client.post(actionsUrl, {
      occurrence: first,
      presentationId: p2.id,
      ownerId: sf.members[0]!.id,
      text: 'Run a listening session with volunteers',
      dueDate: null,
    });
    expect(a2.status).toBe(201);
    const notInSet = await fx.clients.participant.post(actionsUrl, {
      occurrence: first,
      ownerId: sf.otherSetMember.id,
      text: 'x',
    });
    expect(notInSet.body.fields.map((f: any) => f.path)).toEqual(['ownerId']);
    const noText = await fx.clients.participant.post(actionsUrl, {
      occurrence: first,
      ownerId: fx.userIds.participant,
      text: '  ',
    });
    expect(noText.status).toBe(400);
    expect(noText.body.fields.map((f: any) => f.path)).toEqual(['text']);

    const state = (await sf.members[2]!.client.get(runner(first))).body;
    expect(state.checkins).toHaveLength(3);
    expect(state.presentations[0]).toMatchObject({
      challenge: 'Getting two PCNs to share one recruitment plan',
      questions: expect.stringContaining('Who else owns this?'),
      timer: { startedAt: expect.any(String), stoppedAt: expect.any(String) },
    });
    expect(state.actions.map((a: any) => a.text)).toEqual([
      'Ask both practice managers for 30 minutes',
      'Run a listening session with volunteers',
    ]);
  });

  it('brings every open action up at the next meeting, and puts presenters last in the rota', async () => {
    const next = (await fx.clients.participant.get(runner(second))).body;
    expect(next.followUps.map((a: any) => a.text)).toEqual([
      'Ask both practice managers for 30 minutes',
      'Run a listening session with volunteers',
    ]);
    // Those who presented last time go to the back of the suggested order.
    expect(next.suggestedRota.map((p: any) => p.presented)).toEqual([0, 0, 1, 1]);
    const [done, partly] = next.followUps;
    const recorded = await fx.clients.participant.request('PATCH', `/api/actions/${done.id}`, {
      json: { followUp: { meetingId, occurrence: second, outcome: 'done', note: 'Both said yes' } },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'done', followUp: { outcome: 'done' } });
    await sf.members[0]!.client.request('PATCH', `/api/actions/${partly.id}`, {
      json: { followUp: { meetingId, occurrence: second, outcome: 'partly' } },
    });
    const bad = await fx.clients.participant.request('PATCH', `/api/actions/${done.id}`, {
      json: { followUp: { meetingId, occurrence: second, outcome: 'finished' } },
    });
    expect(bad.body.fields.map((f: any) => f.path)).toEqual(['followUp.outcome']);

    const after = (await fx.clients.participant.get(runner(second))).body;
    expect(after.followUps.map((a: any) => [a.status, a.followUp?.outcome])).toEqual([
      ['done', 'done'],
      ['open', 'partly'],
    ]);
    // Each member sees their own open actions on the cohort home.
    const mine = await sf.members[0]!.client.get(`/api/cohorts/${fx.cohortId}/my-actions`);
    expect(mine.body.actions.map((a: any) => a.text)).toEqual([
      'Run a listening session with volunteers',
    ]);
    const theirs = await fx.clients.participant.get(`/api/cohorts/${fx.cohortId}/my-actions`);
    expect(theirs.body.actions).toEqual([]);
  });

  it('takes no check-in once a meeting has ended or was cancelled, and keeps who came', async () => {
    const checkIn = (id: string, occurrence: string) =>
      fx.clients.participant.post(`/api/meetings/${id}/checkins`, { occurrence, note: 'Late' });
    const yesterday = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      startsAt: DateTime.now()
        .setZone('Europe/London')
        .minus({ days: 1 })
        .toFormat("yyyy-MM-dd'T'HH:mm"),
      durationMinutes: 60,
      timezone: 'Europe/London',
    });
    const ended = await checkIn(yesterday.body.id, yesterday.body.startsAt);
    expect(ended.status).toBe(409);
    expect(ended.body).toMatchObject({ code: 'check_in_closed' });
    const past = await fx.clients.participant.get(
      `/api/meetings/${yesterday.body.id}/runner?occurrence=${encodeURIComponent(yesterday.body.startsAt)}`,
    );
    expect(past.body.checkins).toEqual([]);

    // The series' meeting after next, called off: its check-in is closed before it begins.
    const third = DateTime.fromISO(second).plus({ weeks: 4 }).toUTC().toISO()!;
    const cancelled = await fx.clients.facilitator.request('PATCH', `/api/meetings/${meetingId}`, {
      json: { scope: 'this', occurrence: third, cancelled: true },
    });
    expect(cancelled.status).toBe(200);
    const refused = await checkIn(meetingId, third);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'meeting_cancelled' });
    expect((await fx.clients.participant.get(runner(third))).body.checkins).toEqual([]);
    // The meeting under way still takes them, and those already in keep their place.
    expect((await checkIn(meetingId, first)).status).toBe(201);
    expect((await fx.clients.participant.get(runner(first))).body.checkins).toHaveLength(3);
  });

  it('shows attendance, and nothing said, to those who run the cohort', async () => {
    const attendance = await fx.clients.lead.get(`/api/sets/${sf.setId}/attendance`);
    expect(attendance.status).toBe(200);
    expect(attendance.body.members).toBe(4);
    // Yesterday's meeting, where nobody could check in afterwards, and the one under way.
    expect(attendance.body.meetings.map((m: any) => [m.occurrence === first, m.present])).toEqual([
      [false, 0],
      [true, 3],
    ]);
    expect(JSON.stringify(attendance.body)).not.toContain('PCN');
    for (const client of [fx.clients.lead, fx.clients.admin]) {
      expect((await client.get(runner(first))).status).toBe(403);
      expect(
        (await client.post(`/api/meetings/${meetingId}/checkins`, { occurrence: first })).status,
      ).toBe(403);
    }
    const state = (await fx.clients.participant.get(runner(first))).body;
    const someAction = state.actions[0].id;
    const somePresentation = state.presentations[0].id;
    for (const client of [fx.clients.sponsor, fx.clients.nonMember, sf.otherSetMember.client]) {
      expect((await client.get(runner(first))).status).toBe(404);
      expect(
        (await client.request('PATCH', `/api/actions/${someAction}`, { json: { text: 'x' } }))
          .status,
      ).toBe(404);
      expect(
        (
          await client.request('PATCH', `/api/presentations/${somePresentation}`, {
            json: { challenge: 'x' },
          })
        ).status,
      ).toBe(404);
      expect((await client.get(`/api/cohorts/${fx.cohortId}/my-actions`)).status).toBe(
        client === fx.clients.nonMember ? 404 : 200,
      );
    }
    expect(
      (
        await fx.clients.lead.request('PATCH', `/api/actions/${someAction}`, {
          json: { text: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('tells an owner once when an action falls due', async () => {
    const notified = await notifyDueActions(server.db.db, new Date('2026-09-14T09:00:00Z'));
    const mine = notified.filter((n) => n.userId === fx.userIds.participant);
    // Already done, so not told; the other has no due date.
    expect(mine).toHaveLength(0);
    const action = await fx.clients.participant.post(`/api/meetings/${meetingId}/actions`, {
      occurrence: second,
      ownerId: fx.userIds.participant,
      text: 'Draft the shared job description',
      dueDate: '2026-10-30',
    });
    expect(action.status).toBe(201);
    const soon = await notifyDueActions(server.db.db, new Date('2026-10-29T09:00:00Z'));
    expect(soon.map((n) => [n.userId, n.kind])).toEqual([
      [fx.userIds.participant, 'action.due_soon'],
    ]);
    expect(await notifyDueActions(server.db.db, new Date('2026-10-29T10:00:00Z'))).toEqual([]);
  });
});
