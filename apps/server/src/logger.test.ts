import http from 'node:http';
import { Writable } from 'node:stream';
import { testDatabaseKinds } from '@colab/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.ts';
import { newPerson, startTestServer, type TestServer } from './testing/test-server.ts';

describe('redactUrl', () => {
  it('hides the secret of capability URLs and leaves ids and other paths alone', () => {
    expect(redactUrl('/api/calendar/abcDEF_-123.ics')).toBe('/api/calendar/[redacted]');
    expect(redactUrl('/api/invitations/s3cr3t/accept')).toBe('/api/invitations/[redacted]/accept');
    expect(redactUrl('/invitations/s3cr3t')).toBe('/invitations/[redacted]');
    expect(redactUrl('/api/public/outputs/tok/media/cover')).toBe(
      '/api/public/outputs/[redacted]/media/cover',
    );
    expect(redactUrl('/showcase/tok')).toBe('/showcase/[redacted]');
    expect(redactUrl('/cohorts/c/showcase')).toBe('/cohorts/c/showcase');
    const id = '0190f5a2-7b1c-7c3d-8e4f-0123456789ab';
    expect(redactUrl(`/api/invitations/${id}/resend`)).toBe(`/api/invitations/${id}/resend`);
    expect(redactUrl('/api/cohorts?x=1')).toBe('/api/cohorts?x=1');
  });
});

describe.each(testDatabaseKinds())('what the server logs on %s', (database) => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({
      database,
      logger: createLogger({ logLevel: 'trace' }, sink),
      extraApiRoutes: (api) => {
        api.get('/test/explode', () => {
          throw new Error('the access log should say this request failed');
        });
        // Never answers: the client gives up first.
        api.get('/test/hang', () => {});
      },
    });
  });
  afterAll(() => server?.stop());

  it('holds no password, session token, invitation token or feed token, at the finest level', async () => {
    const secrets: string[] = [];
    const admin = server.client();
    const adminPerson = newPerson('Log Admin');
    secrets.push(adminPerson.password);
    await admin.signUp(adminPerson);
    const cohort = await admin.post('/api/cohorts', {
      name: 'Logged',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    });

    const person = newPerson('Log Person');
    secrets.push(person.password);
    const client = server.client();
    await client.signUp(person);
    await client.signIn(person.email, 'a wrong password');
    await client.signIn(person.email, person.password);
    for (const value of [...admin.cookies.values(), ...client.cookies.values()]) {
      const decoded = decodeURIComponent(value);
      secrets.push(decoded, decoded.split('.')[0]!);
    }

    const invited = await admin.post(`/api/cohorts/${cohort.body.id}/invitations`, {
      invites: [{ email: person.email, role: 'participant' }],
    });
    const token = invited.body.results[0].invitation.link.split('/invitations/')[1] as string;
    secrets.push(token);
    expect((await client.get(`/api/invitations/${token}`)).status).toBe(200);
    expect((await client.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    // A wrong token is logged too (a 404), still without the token.
    secrets.push('NotARealInvitationTokenButSecretAnyway');
    await client.get('/api/invitations/NotARealInvitationTokenButSecretAnyway');

    const feed = await client.post('/api/me/calendar-feed/rotate');
    const feedPath = new URL(feed.body.url).pathname;
    secrets.push(feedPath.slice('/api/calendar/'.length, -'.ics'.length));
    expect((await server.client().get(feedPath)).status).toBe(200);

    const newPassword = 'the next long passphrase';
    secrets.push(newPassword);
    await client.post('/api/auth/change-password', {
      currentPassword: person.password,
      newPassword,
    });
    await client.post('/api/auth/sign-out');

    const logged = lines.join('');
    // The flow was logged (so the check below looked at something), with the paths redacted.
    expect(logged).toContain('/api/invitations/[redacted]/accept');
    expect(logged).toContain('/api/calendar/[redacted]');
    expect(logged).toContain('"statusCode":200');
    // Request lines carry no headers at all, so no cookie can reach them.
    expect(logged).not.toContain('"cookie"');
    for (const secret of secrets) expect(logged, 'a secret reached the logs').not.toContain(secret);
  });

  it('writes one line per request, when its response has gone, and none for health probes', async () => {
    const client = server.client();
    const since = lines.length;
    expect((await client.get('/healthz')).status).toBe(200);
    expect((await client.get('/api/no-such-thing?probe=access-log')).status).toBe(404);
    expect((await client.get('/api/test/explode')).status).toBe(500);
    const entries = lines
      .slice(since)
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.req);
    const missing = entries.find((e) => e.req.url === '/api/no-such-thing?probe=access-log');
    expect(missing).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', remoteAddress: expect.stringContaining('127.0.0.1') },
      res: { statusCode: 404 },
    });
    expect(missing.req.id).toBeGreaterThan(0);
    expect(missing.responseTime).toBeGreaterThanOrEqual(0);
    const failed = entries.find((e) => e.req.url === '/api/test/explode');
    expect(failed).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 500 } });
    // The stack goes to its own line, tied to the request by its id.
    const stack = lines
      .slice(since)
      .map((line) => JSON.parse(line))
      .find((e) => e.msg === 'unhandled error');
    expect(stack).toMatchObject({ reqId: failed.req.id, err: { message: expect.any(String) } });
    expect(entries.some((e) => e.req.url === '/healthz')).toBe(false);
  });

  it('logs a request whose client left before the answer as aborted', async () => {
    const since = lines.length;
    // The client sends the request and hangs up without waiting for the answer.
    const request = http.get(`${server.url}/api/test/hang`);
    request.on('error', () => {});
    setTimeout(() => request.destroy(), 50);
    await expect
      .poll(() =>
        lines
          .slice(since)
          .map((line) => JSON.parse(line))
          .find((e) => e.req?.url === '/api/test/hang'),
      )
      .toMatchObject({ level: 30, msg: 'request aborted', req: { method: 'GET' } });
  });
});
