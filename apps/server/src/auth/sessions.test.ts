import { testDatabaseKinds } from '@colab/db/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashSecretToken } from '../secret-token.ts';
import { openSocket } from '../testing/cohort-fixture.ts';
import { REVOCATION_DEADLINE_MS, within } from '../testing/deadline.ts';
import {
  newPerson,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../testing/test-server.ts';

let ipCounter = 0;
/** A client address of its own, so the per-IP sign-in limit of one test does not touch another. */
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

function signInFrom(client: TestClient, ip: string, email: string, password: string) {
  return client.post('/api/auth/sign-in/email', { email, password }, { 'x-forwarded-for': ip });
}

describe.each(testDatabaseKinds())(
  'sessions, sign-in limits and the audit log on %s',
  (database) => {
    let server: TestServer;
    let admin: TestClient;
    let cohortId: string;
    const opened: { close(): void }[] = [];

    beforeAll(async () => {
      server = await startTestServer({
        database,
        env: { TRUST_PROXY: '1', SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' },
      });
      admin = server.client();
      await admin.signUp(newPerson('Instance Admin'));
      const cohort = await admin.post('/api/cohorts', {
        name: 'Sessions',
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
      });
      cohortId = cohort.body.id;
    });
    afterAll(async () => {
      for (const o of opened) o.close();
      await server?.stop();
    });

    /** A member of the cohort with a journal entry (a document of their own), signed in on one client. */
    async function member() {
      const person = newPerson('Sam Sessions');
      const laptop = server.client();
      await laptop.signUp(person);
      const invite = await admin.post(`/api/cohorts/${cohortId}/invitations`, {
        invites: [{ email: person.email, role: 'participant' }],
      });
      const token = invite.body.results[0].invitation.link.split('/invitations/')[1];
      expect((await laptop.post(`/api/invitations/${token}/accept`)).status).toBe(200);
      const entry = await laptop.post('/api/journal', { title: 'Mine', cohortId });
      expect(entry.status).toBe(201);
      return { person, laptop, docName: entry.body.docName as string };
    }

    async function connected(client: TestClient, docName: string) {
      const { socket, connected: ok } = await openSocket(server, client);
      expect(ok).toBe(true);
      opened.push({ close: () => socket.disconnect() });
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, {
        headers: { cookie: client.cookieHeader, origin: server.url },
      });
      opened.push({ close: () => ws.close() });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const socketGone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const collabGone = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      return { socket, ws, socketGone, collabGone };
    }

    /** One person signed in on a laptop and a phone, each with a socket and a document open. */
    async function twoSessions() {
      const { person, laptop, docName } = await member();
      const phone = server.client();
      expect((await signInFrom(phone, freshIp(), person.email, person.password)).status).toBe(200);
      return {
        person,
        laptop,
        phone,
        onLaptop: await connected(laptop, docName),
        onPhone: await connected(phone, docName),
      };
    }

    async function expectEnded(on: Awaited<ReturnType<typeof connected>>, what: string) {
      const [socketReason, collab] = await within(
        REVOCATION_DEADLINE_MS,
        what,
        Promise.all([on.socketGone, on.collabGone]),
      );
      expect(socketReason).toBe('io server disconnect');
      expect(collab).toEqual({ code: 4401, reason: 'session ended' });
    }

    const stillUp = async (c: { socket: Socket; ws: WebSocket }) => {
      const ack = await c.socket.timeout(2_000).emitWithAck('ping');
      return { socket: c.socket.connected && 'data' in ack, collab: c.ws.readyState === c.ws.OPEN };
    };

    it('ends the sockets and documents of a session at its sign-out, and no other session’s', async () => {
      const { phone, onLaptop, onPhone } = await twoSessions();
      expect((await phone.post('/api/auth/sign-out')).status).toBe(200);
      await expectEnded(onPhone, 'closing the signed-out session’s connections');
      expect(await stillUp(onLaptop)).toEqual({ socket: true, collab: true });
      // A socket opened with the ended session's cookie is refused.
      expect((await openSocket(server, phone)).connected).toBe(false);
    });

    it('ends every other session’s sockets and documents at a password change, not this one’s', async () => {
      const { person, laptop, phone, onLaptop, onPhone } = await twoSessions();
      const changed = await laptop.post('/api/auth/change-password', {
        currentPassword: person.password,
        newPassword: 'a brand new passphrase',
      });
      expect(changed.status).toBe(200);
      await expectEnded(onPhone, 'closing the other sessions’ connections');
      expect(await stillUp(onLaptop)).toEqual({ socket: true, collab: true });
      expect((await phone.get('/api/me')).status).toBe(401);
      expect((await laptop.get('/api/me')).status).toBe(200);
    });

    it('rotates the session cookie at sign-in and never shows the token to script', async () => {
      const person = newPerson();
      const client = server.client();
      const signedUp = await client.signUp(person);
      expect(signedUp.body).not.toHaveProperty('token');
      const before = client.cookieHeader;
      const signedIn = await signInFrom(client, freshIp(), person.email, person.password);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).not.toHaveProperty('token');
      expect(signedIn.body.user.email).toBe(person.email);
      expect(client.cookieHeader).not.toBe(before);
    });

    it('throttles sign-in per IP across different accounts', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const someone = newPerson();
        await server.client().signUp(someone);
        statuses.push(
          (await signInFrom(server.client(), ip, someone.email, 'wrong password!')).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Another address is not held back by this one.
      const other = newPerson();
      await server.client().signUp(other);
      expect(
        (await signInFrom(server.client(), freshIp(), other.email, other.password)).status,
      ).toBe(200);
    });

    it('throttles sign-in per account across different IPs', async () => {
      const target = newPerson();
      await server.client().signUp(target);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (await signInFrom(server.client(), freshIp(), target.email, 'wrong password!')).status,
        );
      // Twice the per-IP figure per account, each attempt from a new address.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
      const refused = await signInFrom(server.client(), freshIp(), target.email, target.password);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('records sign-ins, failures, sign-outs and password changes for the instance admin, a page at a time', async () => {
      const person = newPerson('Audited Person');
      const client = server.client();
      const signedUp = await client.signUp(person);
      const userId = signedUp.body.user.id as string;
      const ip = freshIp();
      expect((await signInFrom(server.client(), ip, person.email, 'not my password')).status).toBe(
        401,
      );
      expect((await signInFrom(client, ip, person.email, person.password)).status).toBe(200);
      await client.post('/api/auth/change-password', {
        currentPassword: person.password,
        newPassword: 'another long passphrase',
      });
      await client.post('/api/auth/sign-out');

      // Account events are recorded once the answer has gone: wait for the last of them.
      let log = await admin.get('/api/admin/audit?limit=200');
      for (let i = 0; i < 50 && log.body.events?.[0]?.action !== 'auth.signed_out'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        log = await admin.get('/api/admin/audit?limit=200');
      }
      expect(log.status).toBe(200);
      const mine = log.body.events.filter(
        (e: any) => e.actorId === userId || e.subjectUserId === userId,
      );
      expect(mine.map((e: any) => e.action)).toEqual([
        'auth.signed_out',
        'auth.password_changed',
        'auth.signed_in',
        'auth.sign_in_failed',
        'auth.signed_up',
      ]);
      const failed = mine.find((e: any) => e.action === 'auth.sign_in_failed');
      expect(failed).toMatchObject({
        actorId: null,
        subjectUserId: userId,
        subjectName: 'Audited Person',
        cohortId: null,
        details: { emailHash: hashSecretToken(person.email.toLowerCase()), ip },
      });
      expect(JSON.stringify(log.body)).not.toContain(person.password);

      // Paged newest first: two pages of two, no event twice, and a cursor while more remain.
      const first = await admin.get('/api/admin/audit?limit=2');
      expect(first.body.events).toHaveLength(2);
      expect(first.body.nextBefore).toBe(first.body.events[1].id);
      const second = await admin.get(`/api/admin/audit?limit=2&before=${first.body.nextBefore}`);
      expect(second.body.events).toHaveLength(2);
      expect(second.body.events.map((e: any) => e.id)).not.toContain(first.body.events[0].id);
      expect(second.body.events[0].id < first.body.events[1].id).toBe(true);
      expect(log.body.events.map((e: any) => e.id).slice(0, 4)).toEqual([
        ...first.body.events.map((e: any) => e.id),
        ...second.body.events.map((e: any) => e.id),
      ]);

      const bad = await admin.get('/api/admin/audit?before=yesterday&limit=1000');
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(['before', 'limit']);
      const someone = server.client();
      await someone.signUp(newPerson());
      expect((await someone.get('/api/admin/audit')).status).toBe(403);
    });
  },
);
