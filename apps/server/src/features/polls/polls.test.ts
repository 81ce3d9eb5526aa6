import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCohortFixture,
  type CohortFixture,
  openSocket,
} from '../../testing/cohort-fixture.ts';
import { buildSetFixture, type SetFixture } from '../../testing/set-fixture.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(testDatabaseKinds())('availability polls on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let sf: SetFixture;
  let poll: any;

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    sf = await buildSetFixture(server, fx);
  });
  afterAll(() => server?.stop());

  it('lets the facilitator propose times, and refuses more than 100', async () => {
    const created = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/polls`, {
      title: 'Our first meeting',
      timezone: 'Europe/London',
      durationMinutes: 120,
      slots: ['2027-03-09T14:00', '2027-03-10T10:00', '2027-03-30T14:00'],
      videoUrl: 'https://meet.example.org/set-1',
    });
    expect(created.status).toBe(201);
    poll = created.body;
    expect(poll.slots.map((s: any) => s.startsAt)).toEqual([
      '2027-03-09T14:00:00.000Z',
      '2027-03-10T10:00:00.000Z',
      '2027-03-30T13:00:00.000Z',
    ]);
    expect(poll.notResponded).toHaveLength(4);

    const tooMany = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/polls`, {
      timezone: 'Europe/London',
      durationMinutes: 60,
      slots: Array.from(
        { length: 101 },
        (_, i) =>
          `2027-04-${String((i % 28) + 1).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00`,
      ),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields.map((f: any) => f.path)).toEqual(['slots']);
    expect(
      (
        await fx.clients.participant.post(`/api/sets/${sf.setId}/polls`, {
          timezone: 'Europe/London',
          durationMinutes: 60,
          slots: ['2027-03-09T14:00'],
        })
      ).status,
    ).toBe(403);
  });

  it('updates tallies live for everyone in the set, and for nobody outside it', async () => {
    const watcher = await openSocket(server, sf.members[0]!.client);
    const outsider = await openSocket(server, sf.otherSetMember.client);
    const lead = await openSocket(server, fx.clients.lead);
    try {
      const joined = await watcher.socket.emitWithAck('set:join', { setId: sf.setId });
      expect(joined).toEqual({ data: { room: `set:${sf.setId}` } });
      expect(await outsider.socket.emitWithAck('set:join', { setId: sf.setId })).toMatchObject({
        error: { code: 'not_found' },
      });
      expect(await lead.socket.emitWithAck('set:join', { setId: sf.setId })).toMatchObject({
        error: { code: 'forbidden' },
      });
      expect(await watcher.socket.emitWithAck('set:join', { setId: 'nope' })).toMatchObject({
        error: { code: 'bad_payload' },
      });
      const heard: any[] = [];
      outsider.socket.on('poll:updated', (p) => heard.push(p));
      lead.socket.on('poll:updated', (p) => heard.push(p));
      const live = new Promise<any>((resolve) => watcher.socket.once('poll:updated', resolve));
      const [first, second] = poll.slots;
      const answered = await fx.clients.participant.post(`/api/polls/${poll.id}/responses`, {
        answers: [
          { slotId: first.id, answer: 'yes' },
          { slotId: second.id, answer: 'if_need_be' },
        ],
      });
      expect(answered.status).toBe(200);
      const update = await live;
      expect(update).toMatchObject({ pollId: poll.id, responded: 1 });
      expect(update.tallies[first.id]).toEqual({ yes: 1, ifNeedBe: 0, no: 0 });
      expect(update.tallies[second.id]).toEqual({ yes: 0, ifNeedBe: 1, no: 0 });
      await sf.members[1]!.client.post(`/api/polls/${poll.id}/responses`, {
        answers: [
          { slotId: first.id, answer: 'yes' },
          { slotId: second.id, answer: 'no' },
        ],
      });
      // Changing one's mind replaces the answer.
      await sf.members[1]!.client.post(`/api/polls/${poll.id}/responses`, {
        answers: [{ slotId: second.id, answer: 'yes' }],
      });
      const now = await fx.clients.facilitator.get(`/api/polls/${poll.id}`);
      expect(now.body.slots[1].tallies).toEqual({ yes: 1, ifNeedBe: 1, no: 0 });
      expect(now.body.notResponded.sort()).toEqual([sf.members[0]!.id, sf.members[2]!.id].sort());
      expect(heard).toEqual([]);
    } finally {
      for (const s of [watcher, outsider, lead]) s.socket.close();
    }
  });

  it('refuses answers to times the poll did not propose, and strangers', async () => {
    const stray = await fx.clients.participant.post(`/api/polls/${poll.id}/responses`, {
      answers: [{ slotId: '00000000-0000-4000-8000-000000000000', answer: 'yes' }],
    });
    expect(stray.status).toBe(400);
    expect(stray.body.fields.map((f: any) => f.path)).toEqual(['answers.0.slotId']);
    const bad = await fx.clients.participant.post(`/api/polls/${poll.id}/responses`, {
      answers: [{ slotId: poll.slots[0].id, answer: 'maybe' }],
    });
    expect(bad.body.fields.map((f: any) => f.path)).toEqual(['answers.0.answer']);
    for (const client of [fx.clients.sponsor, fx.clients.nonMember, sf.otherSetMember.client]) {
      expect((await client.get(`/api/polls/${poll.id}`)).status).toBe(404);
      expect(
        (
          await client.post(`/api/polls/${poll.id}/responses`, {
            answers: [{ slotId: poll.slots[0].id, answer: 'yes' }],
          })
        ).status,
      ).toBe(404);
    }
    expect((await fx.clients.lead.get(`/api/polls/${poll.id}`)).status).toBe(403);
  });

  it('reminds those who have not answered', async () => {
    expect((await fx.clients.participant.post(`/api/polls/${poll.id}/remind`)).status).toBe(403);
    const reminded = await fx.clients.facilitator.post(`/api/polls/${poll.id}/remind`);
    expect(reminded.body).toEqual({ reminded: 2 });
    const theirs = await sf.members[2]!.client.get('/api/notifications');
    expect(theirs.body.notifications[0]).toMatchObject({ kind: 'poll.reminder' });
    const answered = await sf.members[1]!.client.get('/api/notifications');
    expect(answered.body.notifications.some((n: any) => n.kind === 'poll.reminder')).toBe(false);
  });

  it('turns the chosen time into a recurring series on everyone’s calendar', async () => {
    const confirmed = await fx.clients.facilitator.post(`/api/polls/${poll.id}/confirm`, {
      slotId: poll.slots[0].id,
      rrule: 'FREQ=WEEKLY;INTERVAL=4;COUNT=6',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.poll).toMatchObject({
      status: 'confirmed',
      meetingId: confirmed.body.meeting.id,
    });
    expect(confirmed.body.meeting).toMatchObject({
      startsAt: '2027-03-09T14:00:00.000Z',
      durationMinutes: 120,
      videoUrl: 'https://meet.example.org/set-1',
    });
    const again = await fx.clients.facilitator.post(`/api/polls/${poll.id}/confirm`, {
      slotId: poll.slots[1].id,
    });
    expect(again.status).toBe(409);
    const closed = await fx.clients.participant.post(`/api/polls/${poll.id}/responses`, {
      answers: [{ slotId: poll.slots[0].id, answer: 'no' }],
    });
    expect(closed.status).toBe(409);

    const listed = await sf.members[2]!.client.get(
      `/api/sets/${sf.setId}/meetings?from=2027-01-01T00:00:00Z&to=2028-01-01T00:00:00Z`,
    );
    expect(listed.body.occurrences.map((o: any) => o.startsAt)).toEqual([
      '2027-03-09T14:00:00.000Z',
      '2027-04-06T13:00:00.000Z',
      '2027-05-04T13:00:00.000Z',
      '2027-06-01T13:00:00.000Z',
      '2027-06-29T13:00:00.000Z',
      '2027-07-27T13:00:00.000Z',
    ]);
    const feed = await sf.members[2]!.client.post('/api/me/calendar-feed/rotate');
    const ics = (await server.client().get(new URL(feed.body.url).pathname)).body as string;
    expect(ics).toContain(`UID:meeting-${confirmed.body.meeting.id}@colab`);
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=4;COUNT=6');
    const notes = await sf.members[2]!.client.get('/api/notifications');
    expect(notes.body.notifications[0]).toMatchObject({ kind: 'meeting.scheduled' });
  });
});
