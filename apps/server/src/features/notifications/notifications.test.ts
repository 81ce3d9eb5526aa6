import { schema } from '@colab/db';
import { testDatabaseKinds } from '@colab/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import { buildCohortFixture, type CohortFixture } from '../../testing/cohort-fixture.ts';
import { addParticipant, openGroup } from '../../testing/group-fixture.ts';
import { type Mailbox, startMailbox } from '../../testing/mailbox.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { sendDigests } from './digest.ts';
import { createNotifications } from './service.ts';

describe.each(testDatabaseKinds())('notification preferences and email on %s', (database) => {
  let mailbox: Mailbox;
  let server: TestServer;
  let fx: CohortFixture;
  let groupId: string;
  let outsider: { client: TestClient; id: string };
  const db = () => server.db.db;
  const emailOf = async (userId: string) => {
    const [user] = await db().select().from(schema.users).where(eq(schema.users.id, userId));
    return user!.email;
  };
  const put = (client: TestClient, json: unknown) =>
    client.request('PUT', '/api/me/notification-preferences', { json });

  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startTestServer({
      database,
      env: { SMTP_URL: mailbox.url, MAIL_FROM: 'Colab <colab@example.org>' },
    });
    fx = await buildCohortFixture(server);
    groupId = await openGroup(fx);
    const client = await addParticipant(server, fx);
    outsider = { client, id: (await client.get('/api/me')).body.id };
  });
  afterAll(async () => {
    await server?.stop();
    await mailbox?.close();
  });

  it('gives someone who never chose everything in the app, mentions by email at once and the rest in a 7 o’clock digest', async () => {
    const response = await fx.clients.participant.get('/api/me/notification-preferences');
    expect(response.status).toBe(200);
    expect(response.body.digestHour).toBe(7);
    expect(response.body.emailAvailable).toBe(true);
    expect(response.body.preferences).toHaveLength(7);
    expect(response.body.preferences[0]).toEqual({
      category: 'mentions',
      label: 'Someone mentions me',
      inApp: true,
      email: 'immediate',
    });
    for (const p of response.body.preferences.slice(1)) {
      expect(p).toMatchObject({ inApp: true, email: 'digest' });
      expect(p.label).toEqual(expect.any(String));
    }
  });

  it('changes only what is named, and keeps it', async () => {
    const client = fx.clients.lead;
    const response = await put(client, {
      preferences: [
        { category: 'polls', email: 'off' },
        { category: 'feedback', inApp: false },
      ],
      digestHour: 18,
    });
    expect(response.status).toBe(200);
    const again = await client.get('/api/me/notification-preferences');
    expect(again.body).toEqual(response.body);
    const byCategory = Object.fromEntries(
      again.body.preferences.map((p: any) => [p.category, { inApp: p.inApp, email: p.email }]),
    );
    expect(byCategory.polls).toEqual({ inApp: true, email: 'off' });
    expect(byCategory.feedback).toEqual({ inApp: false, email: 'digest' });
    expect(byCategory.mentions).toEqual({ inApp: true, email: 'immediate' });
    expect(again.body.digestHour).toBe(18);

    await put(client, { preferences: [{ category: 'polls', inApp: false }] });
    const third = await client.get('/api/me/notification-preferences');
    expect(third.body.preferences.find((p: any) => p.category === 'polls')).toMatchObject({
      inApp: false,
      email: 'off',
    });
    expect(third.body.digestHour).toBe(18);
  });

  it('refuses an unknown category, a bad choice or hour and unknown fields, naming each', async () => {
    const client = fx.clients.participant;
    const unknown = await put(client, { preferences: [{ category: 'gossip', inApp: false }] });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(unknown.body.fields.map((f: any) => f.path)).toEqual(['preferences.0.category']);

    const bad = await put(client, {
      preferences: [{ category: 'mentions', email: 'hourly' }],
      digestHour: 24,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual([
      'digestHour',
      'preferences.0.email',
    ]);

    const twice = await put(client, {
      preferences: [
        { category: 'mentions', inApp: false },
        { category: 'mentions', inApp: true },
      ],
    });
    expect(twice.body.fields.map((f: any) => f.path)).toEqual(['preferences.1.category']);

    const extra = await put(client, { preferences: [], sms: true });
    expect(extra.status).toBe(400);
    // Nothing of a refused change is kept.
    const now = await client.get('/api/me/notification-preferences');
    expect(now.body.preferences[0]).toMatchObject({ inApp: true, email: 'immediate' });
  });

  it('stores nothing for someone who turned a category off in the app and by email', async () => {
    await put(fx.clients.participant, {
      preferences: [{ category: 'prompts', inApp: false, email: 'off' }],
    });
    // The facilitator keeps it in the app but off email; the sponsor, off in the app only.
    await put(fx.clients.sponsor, { preferences: [{ category: 'prompts', inApp: false }] });
    const published = await fx.clients.lead.post(`/api/cohorts/${fx.cohortId}/prompts`, {
      text: 'What surprised you this week?',
    });
    expect(published.status).toBe(201);

    const stored = await db()
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, 'prompt_published'));
    const of = (id: string) => stored.filter((n) => n.userId === id);
    expect(of(fx.userIds.participant)).toEqual([]);
    expect(of(fx.userIds.facilitator)).toMatchObject([{ inApp: true }]);
    // Kept only to go in the sponsor's digest: never listed or counted in the app.
    expect(of(fx.userIds.sponsor)).toMatchObject([{ inApp: false, emailedAt: null }]);
    const listed = await fx.clients.sponsor.get('/api/notifications');
    expect(listed.body.notifications.map((n: any) => n.kind)).not.toContain('prompt_published');
    const participants = await fx.clients.participant.get('/api/notifications');
    expect(participants.body.notifications.map((n: any) => n.kind)).not.toContain(
      'prompt_published',
    );
    const facilitators = await fx.clients.facilitator.get('/api/notifications');
    expect(facilitators.body.notifications.map((n: any) => n.kind)).toContain('prompt_published');
    // Published by email as a digest: nothing went out at once.
    expect(mailbox.received.filter((m) => m.text.includes('What surprised you'))).toEqual([]);
  });

  it('lets a member mention on the group page those who may read it, and emails mentions at once with the full link', async () => {
    const response = await fx.clients.participant.post(`/api/groups/${groupId}/mentions`, {
      userIds: [fx.userIds.sponsor, outsider.id, fx.userIds.facilitator, fx.userIds.participant],
      excerpt: 'Can you open doors at the trust?',
    });
    expect(response.status).toBe(200);
    // The sponsor and the facilitator (who runs the cohort) read the page; the other participant
    // and the writer themself are skipped.
    expect(response.body).toEqual({ notified: 2 });

    const link = `/cohorts/${fx.cohortId}/groups/${groupId}`;
    const sponsors = await fx.clients.sponsor.get('/api/notifications');
    expect(sponsors.body.notifications[0]).toMatchObject({
      kind: 'mention',
      title:
        'Participant Person mentioned you on the page of The Visionaries: Can you open doors at the trust?',
      link,
      read: false,
    });
    const outsiders = await outsider.client.get('/api/notifications');
    expect(outsiders.body.notifications.filter((n: any) => n.kind === 'mention')).toEqual([]);

    // The route answers once the mail server has the message.
    const [mail, ...more] = mailbox
      .to(await emailOf(fx.userIds.sponsor))
      .filter((m) => m.text.includes('mentioned you'));
    expect(more).toEqual([]);
    expect(mail!.text).toContain(
      'Subject: Participant Person mentioned you on the page of The Visionaries',
    );
    expect(mail!.text).toContain(`${server.config.publicUrl}${link}`);
    const toOutsider = mailbox.to(await emailOf(outsider.id));
    expect(toOutsider.filter((m) => m.text.includes('mentioned you'))).toEqual([]);
    const [row] = await db()
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.userId, fx.userIds.sponsor),
          eq(schema.notifications.kind, 'mention'),
        ),
      );
    expect(row!.emailedAt).toBeInstanceOf(Date);
  });

  it('lets only the group’s members mention on its page', async () => {
    const bySponsor = await fx.clients.sponsor.post(`/api/groups/${groupId}/mentions`, {
      userIds: [fx.userIds.participant],
    });
    expect(bySponsor.status).toBe(403);
    const byOutsider = await outsider.client.post(`/api/groups/${groupId}/mentions`, {
      userIds: [fx.userIds.participant],
    });
    expect(byOutsider.status).toBe(403);
    const byStranger = await fx.clients.nonMember.post(`/api/groups/${groupId}/mentions`, {
      userIds: [fx.userIds.participant],
    });
    expect(byStranger.status).toBe(404);
    const empty = await fx.clients.participant.post(`/api/groups/${groupId}/mentions`, {
      userIds: [],
      excerpt: 'x'.repeat(201),
    });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.map((f: any) => f.path).sort()).toEqual(['excerpt', 'userIds']);
  });

  describe('the daily digest', () => {
    let mailer: Mailer;
    // Pinned far from the real clock, so nothing earlier tests stored falls in its 48 hours.
    const stored = new Date('2030-03-08T20:00:00Z');
    let ids: string[];

    beforeAll(async () => {
      mailer = createMailer(mailbox.url, 'Colab <colab@example.org>', pino({ level: 'silent' }));
      // The outsider keeps the default zone (London, on GMT in March) and moves their digest to 08:00; the facilitator lives in Tokyo.
      await put(outsider.client, { digestHour: 8 });
      await fx.clients.facilitator.request('PATCH', '/api/me', {
        json: { timezone: 'Asia/Tokyo' },
      });
      const people = [outsider.id, fx.userIds.facilitator];
      const rows = [
        ...(await createNotifications(db(), people, {
          kind: 'poll.opened',
          title: 'Set 1: when can you meet? Answer the poll',
          link: '/cohorts/c/sets/s',
        })),
        ...(await createNotifications(db(), people, {
          kind: 'output.published',
          title: 'Our report is published in the showcase',
          link: '/cohorts/c/groups/g',
        })),
        // Mentions go at once (no mailer here), never in the digest.
        ...(await createNotifications(db(), people, {
          kind: 'mention',
          title: 'Someone mentioned you on a board',
          link: '/cohorts/c/boards/b',
        })),
        // Already read: not news.
        ...(await createNotifications(db(), people, {
          kind: 'poll.reminder',
          title: 'Already seen reminder',
          link: '/cohorts/c/sets/s',
        })),
      ];
      ids = rows.map((r) => r.id);
      await db()
        .update(schema.notifications)
        .set({ createdAt: stored })
        .where(inArray(schema.notifications.id, ids));
      await db()
        .update(schema.notifications)
        .set({ readAt: stored })
        .where(
          and(
            inArray(schema.notifications.id, ids),
            eq(schema.notifications.kind, 'poll.reminder'),
          ),
        );
    });
    afterAll(() => mailer?.close());

    const digestsTo = async (userId: string) =>
      mailbox.to(await emailOf(userId)).filter((m) => m.text.includes('Your Colab digest'));

    it('sends each person one email in their digest hour, in their own time zone, once', async () => {
      // 22:05 UTC is 07:05 the next morning in Tokyo: the facilitator's hour, nobody else's.
      const tokyoMorning = new Date('2030-03-08T22:05:00Z');
      // Two sweeps at once, as two nodes would run them.
      const [a, b] = await Promise.all([
        sendDigests(db(), mailer, server.config.publicUrl, tokyoMorning),
        sendDigests(db(), mailer, server.config.publicUrl, tokyoMorning),
      ]);
      expect(a.sent + b.sent).toBe(1);
      const [digest, ...more] = await digestsTo(fx.userIds.facilitator);
      expect(more).toEqual([]);
      expect(digest!.text).toContain('Subject: Your Colab digest: 2 new notifications');
      expect(digest!.text).toContain('Set 1: when can you meet? Answer the poll');
      expect(digest!.text).toContain(`${server.config.publicUrl}/cohorts/c/sets/s`);
      expect(digest!.text).toContain('Our report is published in the showcase');
      expect(digest!.text).toContain(`${server.config.publicUrl}/cohorts/c/groups/g`);
      expect(digest!.text).not.toContain('mentioned you on a board');
      expect(digest!.text).not.toContain('Already seen reminder');
      expect(await digestsTo(outsider.id)).toEqual([]);

      // Later in the same hour: nothing more.
      const again = await sendDigests(
        db(),
        mailer,
        server.config.publicUrl,
        new Date('2030-03-08T22:45:00Z'),
      );
      expect(again.sent).toBe(0);
      expect(await digestsTo(fx.userIds.facilitator)).toHaveLength(1);
    });

    it('waits for the hour a person chose', async () => {
      const seven = await sendDigests(
        db(),
        mailer,
        server.config.publicUrl,
        new Date('2030-03-09T07:05:00Z'),
      );
      expect(seven.sent).toBe(0);
      const eight = await sendDigests(
        db(),
        mailer,
        server.config.publicUrl,
        new Date('2030-03-09T08:05:00Z'),
      );
      expect(eight.sent).toBe(1);
      const [digest] = await digestsTo(outsider.id);
      expect(digest!.text).toContain('Subject: Your Colab digest: 2 new notifications');

      const rows = await db()
        .select()
        .from(schema.notifications)
        .where(
          and(inArray(schema.notifications.id, ids), eq(schema.notifications.userId, outsider.id)),
        );
      const emailed = rows.filter((r) => r.emailedAt !== null).map((r) => r.kind);
      expect(emailed.sort()).toEqual(['output.published', 'poll.opened']);
    });
  });

  it('still notifies in the app, and answers, when the mail server is down', async () => {
    await mailbox.close();
    const response = await fx.clients.participant.post(`/api/groups/${groupId}/mentions`, {
      userIds: [fx.userIds.sponsor],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ notified: 1 });
    const listed = await fx.clients.sponsor.get('/api/notifications');
    const latest = listed.body.notifications[0];
    expect(latest.title).toBe('Participant Person mentioned you on the page of The Visionaries');
    // Not marked emailed, since it was not.
    const [row] = await db()
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.id, latest.id));
    expect(row!.emailedAt).toBeNull();
  });
});
