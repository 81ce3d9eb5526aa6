import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecretToken } from '../../secret-token.ts';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { buildSetFixture, type SetFixture } from '../../testing/set-fixture.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

/** The occurrences a calendar app would show for an iCalendar file, expanded by ical.js. */
function expandIcs(ics: string, from: Date, to: Date) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = root.getAllSubcomponents('vevent');
  const out: { uid: string; start: string; status: string | null; summary: string }[] = [];
  const masters = events.filter((e) => !e.hasProperty('recurrence-id'));
  for (const master of masters) {
    const event = new ICAL.Event(master);
    for (const ex of events.filter(
      (e) => e.hasProperty('recurrence-id') && e.getFirstPropertyValue('uid') === event.uid,
    ))
      event.relateException(ex);
    const status = master.getFirstPropertyValue('status') as string | null;
    if (!event.isRecurring()) {
      const start = event.startDate.toJSDate();
      if (start >= from && start < to)
        out.push({ uid: event.uid, start: start.toISOString(), status, summary: event.summary });
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const details = event.getOccurrenceDetails(next);
      const start = details.startDate.toJSDate();
      if (start >= to && details.recurrenceId.toJSDate() >= to) break;
      if (start >= from && start < to)
        out.push({ uid: event.uid, start: start.toISOString(), status, summary: event.summary });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

describe.each(testDatabaseKinds())('set meetings and calendars on %s', (database) => {
  let server: TestServer;
  let fx: CohortFixture;
  let sf: SetFixture;
  let seriesId: string;
  const from = new Date('2027-01-01T00:00:00Z');
  const to = new Date('2028-01-01T00:00:00Z');
  const range = `from=${from.toISOString()}&to=${to.toISOString()}`;

  beforeAll(async () => {
    server = await startTestServer({ database });
    fx = await buildCohortFixture(server);
    sf = await buildSetFixture(server, fx);
  });
  afterAll(() => server?.stop());

  it('schedules a series that keeps 14:00 in London across the clock changes', async () => {
    const created = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      startsAt: '2027-02-16T14:00:00',
      durationMinutes: 120,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;COUNT=11',
      location: 'Trust HQ, room 4',
      videoUrl: 'https://meet.example.org/set-1',
    });
    expect(created.status).toBe(201);
    seriesId = created.body.id;
    expect(created.body).toMatchObject({
      startsAt: '2027-02-16T14:00:00.000Z',
      localStart: '2027-02-16T14:00:00',
      rrule: expect.stringContaining('FREQ=WEEKLY'),
    });

    const listed = await fx.clients.participant.get(`/api/sets/${sf.setId}/meetings?${range}`);
    expect(listed.status).toBe(200);
    const occurrences = listed.body.occurrences;
    expect(occurrences).toHaveLength(11);
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    for (const o of occurrences) expect(london.format(new Date(o.startsAt))).toBe('Tue 14:00');
    // 16 Mar is before the last Sunday of March (GMT); 13 Apr after it (BST); back in Nov.
    expect(occurrences.map((o: any) => o.startsAt).slice(0, 3)).toEqual([
      '2027-02-16T14:00:00.000Z',
      '2027-03-16T14:00:00.000Z',
      '2027-04-13T13:00:00.000Z',
    ]);
    expect(occurrences.at(-1).startsAt).toBe('2027-11-23T14:00:00.000Z');

    // The set hears of it.
    const notes = await fx.clients.participant.get('/api/notifications');
    expect(notes.body.notifications[0]).toMatchObject({ kind: 'meeting.scheduled' });
  });

  it('moves, cancels and adds one occurrence without touching the rest', async () => {
    const url = `/api/meetings/${seriesId}`;
    const moved = await fx.clients.facilitator.request('PATCH', url, {
      json: { scope: 'this', occurrence: '2027-04-13T13:00:00.000Z', startsAt: '2027-04-14T10:00' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: '2027-04-14T09:00:00.000Z', moved: true });
    const cancelled = await fx.clients.facilitator.request('PATCH', url, {
      json: { scope: 'this', occurrence: '2027-05-11T13:00:00.000Z', cancelled: true },
    });
    expect(cancelled.status).toBe(200);
    const added = await fx.clients.facilitator.post(`${url}/occurrences`, {
      startsAt: '2027-05-25T14:00',
    });
    expect(added.status).toBe(201);

    const listed = (await fx.clients.participant.get(`/api/sets/${sf.setId}/meetings?${range}`))
      .body.occurrences;
    expect(listed).toHaveLength(12);
    const byKey = new Map(listed.map((o: any) => [o.occurrence, o]));
    expect(byKey.get('2027-04-13T13:00:00.000Z')).toMatchObject({
      startsAt: '2027-04-14T09:00:00.000Z',
      moved: true,
    });
    expect(byKey.get('2027-05-11T13:00:00.000Z')).toMatchObject({ cancelled: true });
    expect(byKey.get('2027-05-25T13:00:00.000Z')).toMatchObject({ added: true });
    expect(byKey.get('2027-06-08T13:00:00.000Z')).toMatchObject({ moved: false, cancelled: false });

    // A time the series never had is refused, and so are whole-series fields for one meeting.
    const stray = await fx.clients.facilitator.request('PATCH', url, {
      json: { scope: 'this', occurrence: '2027-04-14T13:00:00.000Z', cancelled: true },
    });
    expect(stray.status).toBe(400);
    expect(stray.headers.get('content-type')).toContain('application/problem+json');
    expect(stray.body.fields.map((f: any) => f.path)).toEqual(['occurrence']);
    const noScope = await fx.clients.facilitator.request('PATCH', url, {
      json: { scope: 'this', cancelled: true },
    });
    expect(noScope.body.fields.map((f: any) => f.path)).toEqual(['occurrence']);
  });

  it('answers RSVPs per occurrence with counts', async () => {
    const url = `/api/meetings/${seriesId}/rsvp`;
    const a = await fx.clients.participant.request('PUT', url, {
      json: { occurrence: '2027-06-08T13:00:00.000Z', response: 'going' },
    });
    expect(a.status).toBe(200);
    await sf.members[0]!.client.request('PUT', url, {
      json: { occurrence: '2027-06-08T13:00:00.000Z', response: 'maybe' },
    });
    const b = await sf.members[1]!.client.request('PUT', url, {
      json: { occurrence: '2027-06-08T13:00:00.000Z', response: 'cant' },
    });
    expect(b.body.rsvp).toEqual({ going: 1, maybe: 1, cant: 1, mine: 'cant' });
    const other = await fx.clients.participant.request('PUT', url, {
      json: { occurrence: '2027-07-06T13:00:00.000Z', response: 'maybe' },
    });
    expect(other.body.rsvp).toEqual({ going: 0, maybe: 1, cant: 0, mine: 'maybe' });
    const onCancelled = await fx.clients.participant.request('PUT', url, {
      json: { occurrence: '2027-05-11T13:00:00.000Z', response: 'going' },
    });
    expect(onCancelled.status).toBe(409);
    const bad = await fx.clients.participant.request('PUT', url, {
      json: { occurrence: '2027-06-08T13:00:00.000Z', response: 'perhaps' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path)).toEqual(['response']);

    const listed = (await fx.clients.participant.get(`/api/sets/${sf.setId}/meetings?${range}`))
      .body.occurrences;
    const june = listed.find((o: any) => o.occurrence === '2027-06-08T13:00:00.000Z');
    expect(june.rsvp).toEqual({ going: 1, maybe: 1, cant: 1, mine: 'going' });
  });

  it('writes calendar files that ical.js expands to what the app shows', async () => {
    const appShows = async () =>
      (await fx.clients.participant.get(`/api/sets/${sf.setId}/meetings?${range}`)).body.occurrences
        .filter((o: any) => !o.cancelled)
        .map((o: any) => o.startsAt)
        .sort();
    const file = await fx.clients.participant.get(`/api/meetings/${seriesId}.ics`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/calendar');
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const ics = file.body as string;
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Europe/London');
    expect(ics).toContain(`UID:meeting-${seriesId}@colab`);
    expect(ics).toMatch(/EXDATE;TZID=Europe\/London:20270511T140000/);
    expect(ics).toMatch(/RDATE;TZID=Europe\/London:20270525T140000/);
    expect(ics).toMatch(/RECURRENCE-ID;TZID=Europe\/London:20270413T140000/);
    const expanded = expandIcs(ics, from, to);
    expect(expanded.map((o) => o.start)).toEqual(await appShows());
    expect(new Set(expanded.map((o) => o.uid))).toEqual(new Set([`meeting-${seriesId}@colab`]));

    // The feed holds the same, for the person, by a secret URL that can be revoked. The URL
    // is shown once: afterwards the server can say only that a feed exists.
    expect((await fx.clients.participant.get('/api/me/calendar-feed')).body).toEqual({
      exists: false,
      createdAt: null,
    });
    const feed = await fx.clients.participant.post('/api/me/calendar-feed/rotate');
    expect(feed.status).toBe(200);
    const status = await fx.clients.participant.get('/api/me/calendar-feed');
    expect(status.body).toEqual({ exists: true, createdAt: feed.body.createdAt });
    expect(JSON.stringify(status.body)).not.toContain('/api/calendar/');
    const token = /\/api\/calendar\/(.+)\.ics$/.exec(feed.body.url)![1]!;
    const stored = await server.db.db.select().from(schema.calendarFeeds);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.map((row) => row.tokenHash)).toContain(hashSecretToken(token));
    // Migration 0018 hashed the plain tokens of existing feeds in SQL; it must agree with Node.
    const [inSql] = await server.db.db
      .select({ hash: sql<string>`encode(sha256(convert_to(${token}, 'UTF8')), 'hex')` })
      .from(schema.calendarFeeds)
      .limit(1);
    expect(inSql?.hash).toBe(hashSecretToken(token));
    const path = new URL(feed.body.url).pathname;
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
    const anonymous = server.client();
    const fetched = await anonymous.get(path);
    expect(fetched.status).toBe(200);
    expect(expandIcs(fetched.body, from, to).map((o) => o.start)).toEqual(await appShows());
    const sequenceBefore = Number(/SEQUENCE:(\d+)/.exec(fetched.body)![1]);

    // Every change raises SEQUENCE.
    await fx.clients.facilitator.request('PATCH', `/api/meetings/${seriesId}`, {
      json: { scope: 'all', location: 'Council offices' },
    });
    const again = await anonymous.get(path);
    expect(Number(/SEQUENCE:(\d+)/.exec(again.body)![1])).toBeGreaterThan(sequenceBefore);
    expect(again.body).toContain('LOCATION:Council offices');

    const rotated = await fx.clients.participant.post('/api/me/calendar-feed/rotate');
    expect(rotated.body.url).not.toBe(feed.body.url);
    expect((await anonymous.get(path)).status).toBe(404);
    expect((await anonymous.get(new URL(rotated.body.url).pathname)).status).toBe(200);
    expect((await anonymous.get('/api/calendar/not-a-token.ics')).status).toBe(404);

    // The feed never holds another set's meetings.
    const outsiderFeed = await sf.otherSetMember.client.post('/api/me/calendar-feed/rotate');
    const theirs = await anonymous.get(new URL(outsiderFeed.body.url).pathname);
    expect(theirs.body).not.toContain(seriesId);
  });

  it('splits a series for "this and following" and keeps what was attached', async () => {
    const at = '2027-07-06T13:00:00.000Z';
    const split = await fx.clients.facilitator.request('PATCH', `/api/meetings/${seriesId}`, {
      json: { scope: 'following', occurrence: at, startsAt: '2027-07-06T15:30' },
    });
    expect(split.status).toBe(200);
    expect(split.body.meetingId).not.toBe(seriesId);
    expect(split.body.startsAt).toBe('2027-07-06T14:30:00.000Z');
    const listed = (await fx.clients.participant.get(`/api/sets/${sf.setId}/meetings?${range}`))
      .body.occurrences;
    expect(listed).toHaveLength(12);
    const after = listed.filter((o: any) => o.startsAt >= at);
    expect(after.every((o: any) => o.meetingId === split.body.meetingId)).toBe(true);
    expect(after.map((o: any) => o.localStart.slice(11, 16))).toEqual(after.map(() => '15:30'));
    // The RSVP given for 6 July went with it.
    expect(after[0].rsvp).toMatchObject({ maybe: 1, mine: 'maybe' });
    const file = await fx.clients.participant.get(`/api/meetings/${seriesId}.ics`);
    expect(file.body).toMatch(/UNTIL=2027070[56]T\d{6}Z/);
  });

  it('cancels a one-off meeting with STATUS:CANCELLED in the feed', async () => {
    const created = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      title: 'Extra session',
      startsAt: '2027-10-31T01:30',
      durationMinutes: 60,
      timezone: 'Europe/London',
    });
    expect(created.status).toBe(201);
    // 01:30 on the day the clocks go back happens twice; it means the first (BST) one.
    expect(created.body.startsAt).toBe('2027-10-31T00:30:00.000Z');
    const cancelled = await fx.clients.facilitator.request(
      'PATCH',
      `/api/meetings/${created.body.id}`,
      { json: { cancelled: true } },
    );
    expect(cancelled.status).toBe(200);
    const feed = await fx.clients.participant.post('/api/me/calendar-feed/rotate');
    const ics = (await server.client().get(new URL(feed.body.url).pathname)).body as string;
    const root = new ICAL.Component(ICAL.parse(ics));
    const event = root
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === `meeting-${created.body.id}@colab`)!;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(event.getFirstPropertyValue('sequence'))).toBeGreaterThan(0);
  });

  it('refuses bad schedules with the fields named', async () => {
    const bad = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      startsAt: 'next tuesday',
      durationMinutes: 0,
      timezone: 'Mars/Olympus',
      rrule: 'RRULE:FREQ=WEEKLY',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual([
      'durationMinutes',
      'rrule',
      'startsAt',
      'timezone',
    ]);
    const explode = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      startsAt: '2027-03-09T14:00',
      durationMinutes: 60,
      timezone: 'Europe/London',
      rrule: 'FREQ=MINUTELY',
    });
    expect(explode.status).toBe(400);
    expect(explode.body.fields.map((f: any) => f.path)).toEqual(['rrule']);
  });

  it('keeps a set’s meetings to the set, and shows those who run the cohort attendance only', async () => {
    const list = `/api/sets/${sf.setId}/meetings`;
    const create = { startsAt: '2027-03-09T14:00', durationMinutes: 60, timezone: 'Europe/London' };
    for (const client of [fx.clients.lead, fx.clients.admin]) {
      expect((await client.get(list)).status).toBe(403);
      expect((await client.get(`/api/meetings/${seriesId}`)).status).toBe(403);
      expect((await client.get(`/api/meetings/${seriesId}.ics`)).status).toBe(403);
      expect((await client.post(list, create)).status).toBe(403);
      expect((await client.get(`/api/sets/${sf.setId}/attendance`)).status).toBe(200);
    }
    for (const client of [fx.clients.sponsor, fx.clients.nonMember, sf.otherSetMember.client]) {
      expect((await client.get(list)).status).toBe(404);
      expect((await client.get(`/api/meetings/${seriesId}`)).status).toBe(404);
      expect((await client.get(`/api/meetings/${seriesId}.ics`)).status).toBe(404);
      expect((await client.get(`/api/sets/${sf.setId}/attendance`)).status).toBe(404);
      expect(
        (
          await client.request('PUT', `/api/meetings/${seriesId}/rsvp`, {
            json: { occurrence: '2027-06-08T13:00:00.000Z', response: 'going' },
          })
        ).status,
      ).toBe(404);
    }
    expect((await fx.clients.anonymous.get(list)).status).toBe(401);
    // Members of the set may not reschedule it: that is the facilitator's.
    expect((await fx.clients.participant.post(list, create)).status).toBe(403);
    expect(
      (
        await fx.clients.participant.request('PATCH', `/api/meetings/${seriesId}`, {
          json: { location: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('puts cohort events and the person’s own set meetings on the cohort calendar', async () => {
    const event = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/events`, {
      title: 'Masterclass: systems leadership',
      kind: 'masterclass',
      startsAt: '2027-06-15T10:00',
      durationMinutes: 180,
      timezone: 'Europe/London',
      location: 'Town hall',
    });
    expect(event.status).toBe(201);
    expect(
      (await fx.clients.participant.post(`/api/cohorts/${fx.cohortId}/events`, {})).status,
    ).toBe(400);
    expect(
      (
        await fx.clients.participant.post(`/api/cohorts/${fx.cohortId}/events`, {
          title: 'x',
          kind: 'other',
          startsAt: '2027-06-15T10:00',
          durationMinutes: 60,
          timezone: 'Europe/London',
        })
      ).status,
    ).toBe(403);
    const calendar = `/api/cohorts/${fx.cohortId}/calendar?from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z`;
    const mine = await fx.clients.participant.get(calendar);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: any) => [i.type, i.startsAt])).toEqual([
      ['meeting', '2027-06-08T13:00:00.000Z'],
      ['event', '2027-06-15T09:00:00.000Z'],
    ]);
    // A sponsor sees the cohort's events, not any set's meetings.
    const sponsors = await fx.clients.sponsor.get(calendar);
    expect(sponsors.body.items.map((i: any) => i.type)).toEqual(['event']);
    expect((await fx.clients.nonMember.get(calendar)).status).toBe(404);
    const badRange = await fx.clients.participant.get(
      `/api/cohorts/${fx.cohortId}/calendar?from=2027-06-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
    );
    expect(badRange.status).toBe(400);
    expect(badRange.body.fields.map((f: any) => f.path)).toEqual(['to']);

    const cancelled = await fx.clients.lead.request('PATCH', `/api/events/${event.body.id}`, {
      json: { cancelled: true },
    });
    expect(cancelled.body).toMatchObject({ cancelled: true, sequence: 1 });
    const feed = await fx.clients.sponsor.post('/api/me/calendar-feed/rotate');
    const ics = (await server.client().get(new URL(feed.body.url).pathname)).body as string;
    expect(ics).toContain(`UID:event-${event.body.id}@colab`);
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).not.toContain('meeting-');
  });

  it('refuses an RSVP to a meeting that has ended, as problem+json', async () => {
    const held = await fx.clients.facilitator.post(`/api/sets/${sf.setId}/meetings`, {
      title: 'Already held',
      startsAt: '2024-03-05T14:00:00',
      durationMinutes: 120,
      timezone: 'Europe/London',
    });
    expect(held.status).toBe(201);
    const late = await fx.clients.participant.request('PUT', `/api/meetings/${held.body.id}/rsvp`, {
      json: { response: 'going' },
    });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body).toMatchObject({ code: 'meeting_ended', detail: 'That meeting has ended.' });
  });
});
